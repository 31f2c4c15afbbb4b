package io.insightengine.engine.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insightengine.api.dbt.DbtArtifactException;
import io.insightengine.api.dbt.DbtManifestReader;
import io.insightengine.api.dbt.SemanticCompiler;
import io.insightengine.api.v1alpha1.common.ApiConstants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve-dbt}: from a dbt project's {@code target/} directory and a warehouse to a serving
 * engine, without hand-written YAML. It writes a config directory the engine (or {@code kubectl
 * apply}) reads — a Project with the warehouse as its datasource, a Secret with the credentials, a
 * SemanticModel compiled from the target's manifest.json (and catalog.json) through {@code
 * spec.dbt} — and serves it. The SemanticModel names the target directory, so running dbt again
 * updates the served model without a restart.
 *
 * <p>The warehouse options default to libpq's environment (PGHOST, PGPORT, PGDATABASE, PGUSER,
 * PGPASSWORD), which dbt profiles often read too.
 */
@Command(
    name = "serve-dbt",
    mixinStandardHelpOptions = true,
    description =
        "Serves a dbt project's warehouse: compiles target/manifest.json (and catalog.json) into"
            + " a config directory and answers questions about it.")
public final class ServeDbtCommand implements Callable<Integer> {
  static final String DBT_CONFIGMAPS = ".dbt-artifacts";
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--target",
      defaultValue = "target",
      description = "dbt's target directory, with manifest.json (default: ${DEFAULT-VALUE})")
  Path target;

  @Option(names = "--project", description = "Project name (default: the dbt project's name)")
  String project;

  @Option(
      names = "--select",
      split = ",",
      description = "models to expose: name, tag:x, path:models/marts (default: all)")
  List<String> select = new ArrayList<>();

  @Option(names = "--host", description = "warehouse host (default: $PGHOST or localhost)")
  String host = env("PGHOST", "localhost");

  @Option(names = "--port", description = "warehouse port (default: $PGPORT or 5432)")
  int port = Integer.parseInt(env("PGPORT", "5432"));

  @Option(names = "--database", description = "warehouse database (default: $PGDATABASE)")
  String database = env("PGDATABASE", null);

  @Option(
      names = "--schemas",
      split = ",",
      description = "schemas the project reads (default: those of the exposed models)")
  List<String> schemas = new ArrayList<>();

  @Option(
      names = "--username",
      description = "a role that may only SELECT the models (default: $PGUSER)")
  String username = env("PGUSER", null);

  @Option(
      names = "--password-file",
      description = "file holding the password (default: $PGPASSWORD)")
  Path passwordFile;

  @Option(
      names = "--ssl-mode",
      defaultValue = "prefer",
      description =
          "disable, prefer, require, verify-ca or verify-full (default: ${DEFAULT-VALUE})")
  String sslMode;

  @Option(
      names = "--config-dir",
      description = "where to write the config directory (default: .insight-engine/<project>)")
  Path configDir;

  @Option(names = "--http-port", defaultValue = "8080", description = "port to serve on")
  int httpPort;

  @Option(
      names = "--write-only",
      description = "write the config directory and exit (to review it, or kubectl apply it)")
  boolean writeOnly;

  private Map<String, String> serveSettings = Map.of();

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  boolean helpOrVersion() {
    return spec.commandLine().isUsageHelpRequested() || spec.commandLine().isVersionHelpRequested();
  }

  /** The settings the engine is started with (system properties). */
  public Map<String, String> serveSettings() {
    return serveSettings;
  }

  /** A problem with the user's input: one line, exit code 2. */
  static final class BadInput extends Exception {
    BadInput(String message) {
      super(message);
    }
  }

  @Override
  public Integer call() {
    java.io.PrintWriter err = spec.commandLine().getErr();
    try {
      Written written = write();
      err.printf(
          "wrote %s: Project %s on %s:%d/%s (schemas %s), %d models, %d metrics%n",
          written.configDir(),
          written.project(),
          host,
          port,
          database,
          String.join(",", written.schemas()),
          written.models(),
          written.metrics());
      written.warnings().forEach(w -> err.println("warning: " + w));
      serveSettings =
          Map.of(
              "insight.config-dir", written.configDir().toString(),
              "insight.dbt.configmaps-dir", written.configDir().resolve(DBT_CONFIGMAPS).toString(),
              "quarkus.http.port", String.valueOf(httpPort));
      return 0;
    } catch (BadInput e) {
      err.println("serve-dbt: " + e.getMessage());
      return 2;
    }
  }

  /** What {@link #write} wrote. */
  record Written(
      Path configDir,
      String project,
      List<String> schemas,
      int models,
      int metrics,
      List<String> warnings) {}

  /** Compiles the target once (to check it and find the schemas) and writes the directory. */
  Written write() throws BadInput {
    Path manifest = target.resolve("manifest.json");
    if (!Files.isRegularFile(manifest)) {
      throw new BadInput(
          manifest.toAbsolutePath()
              + " not found: run dbt (dbt build, or dbt compile) first, or point --target at its"
              + " target directory");
    }
    Path catalog = target.resolve("catalog.json");
    SemanticCompiler.Result compiled;
    String dbtName;
    try {
      var dbt =
          new DbtManifestReader().read(manifest, Files.isRegularFile(catalog) ? catalog : null);
      dbtName = dbt.name();
      compiled = new SemanticCompiler().compile(dbt, select);
    } catch (DbtArtifactException e) {
      throw new BadInput(e.getMessage());
    }
    if (compiled.spec().getModels().isEmpty()) {
      throw new BadInput(
          manifest + ": no model to expose" + (select.isEmpty() ? "" : " with --select " + select));
    }
    String name = project != null ? project : dnsName(dbtName);
    if (!name.matches(ApiConstants.DNS_SUBDOMAIN)) {
      throw new BadInput(
          "--project " + name + ": not a valid resource name (lower case, digits, -)");
    }
    if (database == null) {
      throw new BadInput("name the warehouse database: --database or $PGDATABASE");
    }
    if (username == null) {
      throw new BadInput("name the warehouse role: --username or $PGUSER");
    }
    String password = password();
    List<String> readSchemas = schemas.isEmpty() ? schemasOf(compiled) : schemas;
    Path dir = (configDir != null ? configDir : Path.of(".insight-engine", name)).toAbsolutePath();
    try {
      Files.createDirectories(dir.resolve(DBT_CONFIGMAPS));
      Path link = dir.resolve(DBT_CONFIGMAPS).resolve(name + "-dbt");
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, target.toAbsolutePath().normalize());
      Files.writeString(dir.resolve("10-project.yaml"), project(name, readSchemas));
      ConfigManifests.writePrivate(
          dir.resolve("05-warehouse-credentials.yaml"), secret(name, password));
      Files.writeString(dir.resolve("20-semantic-model.yaml"), semanticModel(name));
    } catch (IOException e) {
      throw new BadInput("cannot write " + dir + ": " + e.getMessage());
    }
    return new Written(
        dir,
        name,
        readSchemas,
        compiled.spec().getModels().size(),
        compiled.spec().getMetrics().size(),
        compiled.warnings());
  }

  private String password() throws BadInput {
    if (passwordFile != null) {
      try {
        return Files.readString(passwordFile).strip();
      } catch (IOException e) {
        throw new BadInput("--password-file " + passwordFile + ": cannot read it");
      }
    }
    String env = System.getenv("PGPASSWORD");
    if (env == null) {
      throw new BadInput("give the password: --password-file or $PGPASSWORD");
    }
    return env;
  }

  /** The schemas of the exposed models' tables (schema.table), in order. */
  static List<String> schemasOf(SemanticCompiler.Result compiled) {
    Set<String> schemas = new LinkedHashSet<>();
    compiled
        .spec()
        .getModels()
        .forEach(
            m -> {
              String table = m.getTable() != null ? m.getTable() : "";
              int dot = table.lastIndexOf('.');
              if (dot > 0) {
                String schema = table.substring(0, dot);
                schemas.add(
                    schema.contains(".") ? schema.substring(schema.indexOf('.') + 1) : schema);
              }
            });
    return List.copyOf(schemas);
  }

  static String dnsName(String dbtName) {
    String name = dbtName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return name.replaceAll("^-+|-+$", "");
  }

  private String project(String name, List<String> readSchemas) {
    return header()
        + ConfigManifests.project(
            name,
            "The warehouse built by dbt; artifacts in " + target.toAbsolutePath().normalize(),
            new ConfigManifests.Postgres(host, port, database, readSchemas, sslMode),
            name + "-warehouse");
  }

  private String secret(String name, String password) {
    return header() + ConfigManifests.secret(name + "-warehouse", username, password);
  }

  private String semanticModel(String name) {
    ObjectNode root =
        ConfigManifests.manifest("insight-engine.io/v1alpha1", "SemanticModel", name + "-dbt");
    ObjectNode spec = root.putObject("spec");
    spec.putObject("projectRef").put("name", name);
    ObjectNode dbt = spec.putObject("dbt");
    dbt.putObject("configMapRef").put("name", name + "-dbt");
    if (!select.isEmpty()) {
      ArrayNode list = dbt.putArray("select");
      select.forEach(list::add);
    }
    return header() + ConfigManifests.yaml(root);
  }

  private static String header() {
    return "# Written by serve-dbt. Edit freely: the engine reloads this directory when it changes.\n";
  }
}
