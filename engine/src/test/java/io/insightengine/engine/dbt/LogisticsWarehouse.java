package io.insightengine.engine.dbt;

import io.insightengine.api.dbt.DbtCli;
import io.insightengine.api.manifest.RepoPaths;
import io.insightengine.engine.cli.ServeDbtCommand;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * A warehouse the engine was not built around, from nothing but its dbt project: the parcel
 * logistics project in {@code dbt/eval/logistics} is built by real dbt into a PostgreSQL server
 * started apart from the engine, then {@code serve-dbt} writes the config directory the engine
 * serves (a Project, a Secret, a SemanticModel naming dbt's target directory). Nothing is written
 * by hand.
 */
public class LogisticsWarehouse implements QuarkusTestResourceLifecycleManager {
  static final String PASSWORD = "logistics-Reader-1";
  static EmbeddedPostgres postgres;
  static Path target;
  static Path configDir;

  @Override
  public Map<String, String> start() {
    try {
      Path root = RepoPaths.root();
      Path project = root.resolve("dbt/eval/logistics");
      generateSeeds(project);
      Path work = Files.createTempDirectory("logistics");
      postgres = EmbeddedPostgres.builder().start();
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement st = c.createStatement()) {
        st.execute("create database logistics");
      }
      target = work.resolve("target");
      DbtCli dbt =
          new DbtCli(
              root,
              project,
              target,
              Map.of(
                  "PGHOST", "localhost",
                  "PGPORT", String.valueOf(postgres.getPort()),
                  "PGUSER", "postgres",
                  "PGPASSWORD", "postgres",
                  "PGDATABASE", "logistics"));
      long start = System.nanoTime();
      dbt.run("seed");
      dbt.run("build");
      dbt.run("docs", "generate");
      System.out.printf(
          "[figures] dbt seed + build + docs generate of dbt/eval/logistics: %.1f s%n",
          (System.nanoTime() - start) / 1e9);
      try (Connection c = postgres.getDatabase("postgres", "logistics").getConnection();
          Statement st = c.createStatement()) {
        // The role the README tells users to create: SELECT on the marts, nothing else.
        st.execute("create role logistics_reader login password '" + PASSWORD + "'");
        st.execute("grant usage on schema analytics to logistics_reader");
        st.execute("grant select on all tables in schema analytics to logistics_reader");
        st.execute("alter role logistics_reader set default_transaction_read_only = on");
      }
      Path passwordFile = work.resolve("password");
      Files.writeString(passwordFile, PASSWORD + "\n");
      configDir = work.resolve("config");
      ServeDbtCommand command = new ServeDbtCommand();
      int exit =
          new CommandLine(command)
              .execute(
                  "--target",
                  target.toString(),
                  "--select",
                  "path:models/marts",
                  "--host",
                  "localhost",
                  "--port",
                  String.valueOf(postgres.getPort()),
                  "--database",
                  "logistics",
                  "--username",
                  "logistics_reader",
                  "--password-file",
                  passwordFile.toString(),
                  "--ssl-mode",
                  "disable",
                  "--config-dir",
                  configDir.toString(),
                  "--write-only");
      if (exit != 0) {
        throw new IllegalStateException("serve-dbt --write-only exited " + exit);
      }
      Map<String, String> settings = new HashMap<>(command.serveSettings());
      settings.remove("quarkus.http.port");
      settings.put("insight.today", "2026-10-20");
      settings.put("insight.config-poll-interval", "200ms");
      return settings;
    } catch (Exception e) {
      throw new IllegalStateException("cannot build the logistics warehouse", e);
    }
  }

  /** The suite's seeds and load.sql are generated (byte-identical on every run), not committed. */
  private static void generateSeeds(Path project) throws IOException, InterruptedException {
    if (Files.isRegularFile(project.resolve("seeds/raw_parcels.csv"))) {
      return;
    }
    Process p =
        new ProcessBuilder("python3", "gen_seeds.py")
            .directory(project.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("gen_seeds.py failed:\n" + output);
    }
  }

  @Override
  public void stop() {
    try {
      if (postgres != null) {
        postgres.close();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
