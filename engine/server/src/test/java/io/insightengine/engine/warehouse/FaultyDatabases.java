package io.insightengine.engine.warehouse;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

/**
 * Two real PostgreSQL servers that tests freeze, crash and restart: a warehouse (three projects on
 * it, each with its own pool of two connections: {@code desk} and {@code ops} with a 3 s query
 * timeout, {@code reports} with 60 s) and the engine's app database, apart so one can fail without
 * the other. Timeouts and checks are short so faults show in seconds; the history queue holds 20
 * entries.
 */
public class FaultyDatabases implements QuarkusTestResourceLifecycleManager {
  static final String READER_PASSWORD = "desk-Secret-5";
  static final String APP_PASSWORD = "app-Secret-6";
  static final int TICKETS = 9;
  static final int HISTORY_QUEUE = 20;

  static ExternalWarehouses.Server warehouse;
  static ExternalWarehouses.Server app;

  @Override
  public Map<String, String> start() {
    try {
      Path root = Files.createTempDirectory("faulty-databases");
      warehouse = ExternalWarehouses.started(root.resolve("warehouse-data"));
      app = ExternalWarehouses.started(root.resolve("app-data"));
      warehouse.requirePasswords();
      warehouse.sql("postgres", "create database desk_wh");
      warehouse.sql(
          "desk_wh",
          "create schema desk",
          "create table desk.tickets (ticket_id int primary key, priority text, hours numeric)",
          "insert into desk.tickets select g, case when g % 3 = 0 then 'high' else 'low' end,"
              + " g * 1.5 from generate_series(1, "
              + TICKETS
              + ") g",
          "create role desk_reader login password '" + READER_PASSWORD + "'",
          "grant usage on schema desk to desk_reader",
          "grant select on desk.tickets to desk_reader");
      app.sql(
          "postgres",
          "create role insight_app login password '" + APP_PASSWORD + "'",
          "create database insight_app owner insight_app");

      Path config = Files.createDirectories(root.resolve("config"));
      Files.writeString(
          config.resolve("00-credentials.yaml"),
          """
          apiVersion: v1
          kind: Secret
          metadata:
            name: desk-reader
          stringData:
            username: desk_reader
            password: %s
          ---
          apiVersion: v1
          kind: Secret
          metadata:
            name: app-db
          stringData:
            jdbcUrl: jdbc:postgresql://localhost:%d/insight_app?sslmode=disable
            username: insight_app
            password: %s
          """
              .formatted(READER_PASSWORD, app.port, APP_PASSWORD));
      Files.writeString(
          config.resolve("10-projects.yaml"),
          project("desk", "3s")
              + "---\n"
              + project("ops", "3s")
              + "---\n"
              + project("reports", "60s"));
      Files.writeString(
          config.resolve("20-models.yaml"),
          model("desk") + "---\n" + model("ops") + "---\n" + model("reports"));
      return Map.ofEntries(
          Map.entry("insight.app-database.type", "postgres"),
          Map.entry("insight.app-database.credentials-secret", "app-db"),
          Map.entry("insight.app-database.connect-timeout", "1s"),
          Map.entry("insight.app-database.socket-timeout", "2s"),
          Map.entry("insight.app-database.retry-interval", "200ms"),
          Map.entry("insight.app-database.check-interval", "1s"),
          Map.entry("insight.app-database.history-queue-capacity", String.valueOf(HISTORY_QUEUE)),
          Map.entry("insight.config-dir", config.toString()),
          Map.entry("insight.config-poll-interval", "200ms"),
          Map.entry("insight.warehouse.retry-interval", "200ms"),
          Map.entry("insight.warehouse.check-interval", "1s"));
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("cannot start the databases", e);
    }
  }

  private static String project(String name, String queryTimeout) {
    return ExternalWarehouses.project(
        name, warehouse.port, "desk_wh", "desk", "desk-reader", 2, "1s", queryTimeout);
  }

  private static String model(String project) {
    return """
        apiVersion: insight-engine.io/v1alpha1
        kind: SemanticModel
        metadata:
          name: %s-model
        spec:
          projectRef:
            name: %s
          models:
            - name: tickets
              table: desk.tickets
              primaryKey: [ticket_id]
              columns:
                - {name: ticket_id, type: integer}
                - {name: priority, type: text}
                - {name: hours, type: numeric}
        """
        .formatted(project, project);
  }

  @Override
  public void stop() {
    for (ExternalWarehouses.Server s : new ExternalWarehouses.Server[] {warehouse, app}) {
      try {
        if (s != null && s.postgres != null) {
          s.thaw(); // a failed test may have left it frozen
          s.stop();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
