package io.insightengine.engine.warehouse;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

/**
 * A warehouse whose models are a view (over a base table) and a partitioned table, as dbt builds
 * them, and a table outside the model that the reader can nevertheless read (a grant too wide): the
 * firewall is the only thing between a query and it.
 */
public class ViewsWarehouse implements QuarkusTestResourceLifecycleManager {
  static ExternalWarehouses.Server server;

  @Override
  public Map<String, String> start() {
    try {
      Path root = Files.createTempDirectory("views-warehouse");
      server = ExternalWarehouses.started(root.resolve("data"));
      server.requirePasswords();
      server.sql("postgres", "create database desk_wh");
      server.sql(
          "desk_wh",
          "create schema desk",
          "create schema raw",
          "create table raw.tickets (ticket_id int primary key, state text, hours numeric)",
          "insert into raw.tickets select g, case when g % 2 = 0 then 'open' else 'closed' end,"
              + " g from generate_series(1, 10) g",
          "create view desk.open_tickets as select ticket_id, hours from raw.tickets"
              + " where state = 'open'",
          "create table desk.events (event_id int, day date) partition by range (day)",
          "create table desk.events_2025 partition of desk.events for values from ('2025-01-01')"
              + " to ('2026-01-01')",
          "create table desk.events_2026 partition of desk.events for values from ('2026-01-01')"
              + " to ('2027-01-01')",
          "insert into desk.events select g, date '2025-06-01' + g * 30 from generate_series(1, 12) g",
          "create table desk.salaries (agent text, salary numeric)",
          "insert into desk.salaries values ('a', 100)",
          "create role desk_reader login password 'reader-Secret-7'",
          "grant usage on schema desk, raw to desk_reader",
          "grant select on all tables in schema desk to desk_reader",
          "grant select on raw.tickets to desk_reader");
      Path config = Files.createDirectories(root.resolve("config"));
      Files.writeString(
          config.resolve("desk.yaml"),
          """
          apiVersion: v1
          kind: Secret
          metadata:
            name: desk-reader
          stringData:
            username: desk_reader
            password: reader-Secret-7
          ---
          apiVersion: insight-engine.io/v1alpha1
          kind: SemanticModel
          metadata:
            name: desk-model
          spec:
            projectRef:
              name: desk
            models:
              - name: open_tickets
                table: desk.open_tickets
                primaryKey: [ticket_id]
                columns:
                  - {name: ticket_id, type: integer}
                  - {name: hours, type: numeric}
              - name: events
                table: desk.events
                primaryKey: [event_id]
                columns:
                  - {name: event_id, type: integer}
                  - {name: day, type: date}
          """
              + "---\n"
              + ExternalWarehouses.project(
                  "desk", server.port, "desk_wh", "desk", "desk-reader", 3, "2s", null));
      return Map.of(
          "insight.config-dir", config.toString(), "insight.config-poll-interval", "200ms");
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("cannot start the warehouse", e);
    }
  }

  @Override
  public void stop() {
    try {
      if (server != null && server.postgres != null) {
        server.stop();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
