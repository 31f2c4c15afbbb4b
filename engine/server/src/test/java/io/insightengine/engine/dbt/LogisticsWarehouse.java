package io.insightengine.engine.dbt;

import io.insightengine.api.dbt.LogisticsBuild;
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
  static LogisticsBuild build;
  static EmbeddedPostgres postgres;
  static Path target;
  static Path configDir;

  @Override
  public Map<String, String> start() {
    try {
      Path work = Files.createTempDirectory("logistics");
      build = LogisticsBuild.build(work);
      postgres = build.postgres();
      target = build.target();
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

  @Override
  public void stop() {
    try {
      if (build != null) {
        build.close();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
