package io.insightengine.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.insightengine.api.dbt.CompileSemanticModelCommand;
import io.insightengine.engine.cli.ConfigManifests;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The warehouse and config directory of one suite, as a user would have them: the suite's script
 * loaded into a database of its own on an embedded PostgreSQL, a role that may only SELECT the
 * marts schema, and a config directory with a Project on that database, a Secret with the role's
 * credentials and the SemanticModel — compiled from the dbt project's files by the project's own
 * compiler, or the given manifests. The engine is pinned to the suite's reference date.
 */
public abstract class SuiteWarehouse implements QuarkusTestResourceLifecycleManager {
  private static final String PASSWORD = "eval-Reader-1";

  /** The suite being evaluated, for the test (the engine runs one suite at a time). */
  static Suite suite;

  /** The questions and reference date. */
  static Suite.Questions questions;

  /** The suite's database as its owner, for the gold SQL. */
  static DataSource gold;

  private final Suite source;
  private EmbeddedPostgres postgres;

  protected SuiteWarehouse(Suite source) {
    this.source = source;
  }

  @Override
  public Map<String, String> start() {
    try {
      Suite.Questions qs = source.questions();
      Path script = source.ensureLoadScript();
      String database = source.name().replace('-', '_');
      postgres = EmbeddedPostgres.builder().start();
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement st = c.createStatement()) {
        st.execute("create database " + database);
      }
      DataSource warehouse = postgres.getDatabase("postgres", database);
      try (Connection c = warehouse.getConnection();
          Statement st = c.createStatement()) {
        st.execute(Files.readString(script));
      }

      Path config = Files.createTempDirectory("eval-" + source.name());
      writeSemanticModel(config);
      List<String> schemas = schemasOf(config);
      String role = database + "_reader";
      try (Connection c = warehouse.getConnection();
          Statement st = c.createStatement()) {
        st.execute("create role " + role + " login password '" + PASSWORD + "'");
        for (String schema : schemas) {
          st.execute("grant usage on schema " + schema + " to " + role);
          st.execute("grant select on all tables in schema " + schema + " to " + role);
        }
        st.execute("alter role " + role + " set default_transaction_read_only = on");
      }
      String secret = source.project() + "-warehouse";
      ConfigManifests.writePrivate(
          config.resolve("05-warehouse-credentials.yaml"),
          ConfigManifests.secret(secret, role, PASSWORD));
      Files.writeString(
          config.resolve("10-project.yaml"),
          ConfigManifests.project(
              source.project(),
              "The evaluation suite " + source.name(),
              new ConfigManifests.Postgres(
                  "localhost", postgres.getPort(), database, schemas, "disable"),
              secret));
      suite = source;
      questions = qs;
      gold = warehouse;
      return Map.of(
          "insight.config-dir", config.toString(),
          "insight.today", qs.referenceDate().toString());
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up the evaluation suite " + source.name(), e);
    }
  }

  private void writeSemanticModel(Path config) throws IOException {
    if (source.dbtProject() == null) {
      for (Path model : source.semanticModels()) {
        Files.copy(model, config.resolve(model.getFileName()));
      }
      return;
    }
    Path project =
        source.withoutSemanticLayer()
            ? withoutSemanticLayer(source.dbtProject())
            : source.dbtProject();
    List<String> args = new ArrayList<>(List.of("--dbt-project", project.toString()));
    source.select().forEach(s -> args.addAll(List.of("--select", s)));
    args.addAll(
        List.of(
            "--project",
            source.project(),
            "--name",
            source.project() + "-dbt",
            "-o",
            config.resolve("20-semantic-model.yaml").toString()));
    StringWriter err = new StringWriter();
    int exit =
        CompileSemanticModelCommand.run(
            Path.of("").toAbsolutePath(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            args.toArray(String[]::new));
    if (exit != 0) {
      throw new IllegalStateException("compile-semantic-model exited " + exit + ": " + err);
    }
  }

  /** The keys of a dbt properties file that declare a semantic layer. */
  private static final List<String> SEMANTIC_LAYER_KEYS =
      List.of("semantic_models", "metrics", "saved_queries");

  /**
   * A copy of the dbt project's configuration and models with the semantic layer's keys removed
   * from every properties file (the seeds and the warehouse script are not needed to compile).
   */
  private static Path withoutSemanticLayer(Path dbtProject) throws IOException {
    Path copy = Files.createTempDirectory("eval-dbt-project");
    YAMLMapper yaml = new YAMLMapper();
    try (Stream<Path> files = Files.walk(dbtProject)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path relative = dbtProject.relativize(file);
        String top = relative.getName(0).toString();
        if (top.equals("seeds") || top.equals("target") || relative.toString().equals("load.sql")) {
          continue;
        }
        Path target = copy.resolve(relative.toString());
        Files.createDirectories(target.getParent());
        boolean properties = top.equals("models") && file.toString().endsWith(".yml");
        if (!properties) {
          Files.copy(file, target);
          continue;
        }
        JsonNode doc = yaml.readTree(file.toFile());
        if (doc instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
          object.remove(SEMANTIC_LAYER_KEYS);
        }
        yaml.writeValue(target.toFile(), doc);
      }
    }
    return copy;
  }

  /** The schemas of the served models' tables: what the role may read. */
  static List<String> schemasOf(Path config) throws IOException {
    Set<String> schemas = new LinkedHashSet<>();
    YAMLMapper yaml = new YAMLMapper();
    try (Stream<Path> files = Files.list(config)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (JsonNode doc :
            yaml.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll()) {
          if ("SemanticModel".equals(doc.path("kind").asText())) {
            for (JsonNode model : doc.path("spec").path("models")) {
              String table = model.path("table").asText();
              int dot = table.lastIndexOf('.');
              if (dot > 0) {
                String schema = table.substring(0, dot);
                schemas.add(schema.substring(schema.indexOf('.') + 1));
              }
            }
          }
        }
      }
    }
    return List.copyOf(schemas);
  }

  @Override
  public void stop() {
    try {
      if (postgres != null) {
        postgres.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
