package io.insightengine.engine.bench;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

/**
 * {@value #PROJECTS} projects, each with its own warehouse database, schema, SELECT-only role and
 * credentials Secret, on one PostgreSQL server started apart from the engine.
 */
public class ManyProjects implements QuarkusTestResourceLifecycleManager {
  static final int PROJECTS = 20;
  static EmbeddedPostgres postgres;
  static Path configDir;

  @Override
  public Map<String, String> start() {
    try {
      postgres = EmbeddedPostgres.builder().start();
      configDir = Files.createTempDirectory("many-projects");
      for (int i = 1; i <= PROJECTS; i++) {
        String p = "p" + i;
        try (Connection c = postgres.getPostgresDatabase().getConnection();
            Statement st = c.createStatement()) {
          st.execute("create database wh_" + p);
          st.execute("create role " + p + "_reader login password 'pw-" + p + "'");
        }
        try (Connection c = postgres.getDatabase("postgres", "wh_" + p).getConnection();
            Statement st = c.createStatement()) {
          st.execute("create schema mart");
          st.execute(
              "create table mart.events (event_id int primary key, kind text, amount numeric)");
          st.execute(
              "insert into mart.events select g, 'kind' || (g % 5), g from generate_series(1,"
                  + " 1000) g");
          st.execute("grant usage on schema mart to " + p + "_reader");
          st.execute("grant select on all tables in schema mart to " + p + "_reader");
        }
        Files.writeString(configDir.resolve(p + ".yaml"), project(p, 5));
      }
      return Map.of(
          "insight.config-dir",
          configDir.toString(),
          // The benchmark reloads explicitly; the watcher stays out of the way.
          "insight.config-poll-interval",
          "1h");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String project(String p, int maxConnections) {
    return """
        apiVersion: v1
        kind: Secret
        metadata:
          name: %1$s-reader
        stringData:
          username: %1$s_reader
          password: pw-%1$s
        ---
        apiVersion: insight-engine.io/v1alpha1
        kind: Project
        metadata:
          name: %1$s
        spec:
          engineRef:
            name: insight
          datasource:
            type: postgres
            host: localhost
            port: %2$d
            database: wh_%1$s
            schemas: [mart]
            sslMode: disable
            maxConnections: %3$d
            credentialsSecret:
              name: %1$s-reader
        ---
        apiVersion: insight-engine.io/v1alpha1
        kind: SemanticModel
        metadata:
          name: %1$s-model
        spec:
          projectRef:
            name: %1$s
          models:
            - name: events
              table: mart.events
              primaryKey: [event_id]
              columns:
                - {name: event_id, type: integer}
                - {name: kind, type: text}
                - {name: amount, type: numeric}
        """
        .formatted(p, postgres.getPort(), maxConnections);
  }

  @Override
  public void stop() {
    try {
      postgres.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
