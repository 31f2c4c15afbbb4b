package io.insightengine.engine.warehouse;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Two external warehouses for the engine: two real PostgreSQL servers (the embedded binaries,
 * started apart from the engine, each with its own data directory so it can be stopped and started
 * again on the same port), each with its own schema, table and SELECT-only role. Project {@code
 * alpha}'s credentials are a {@code kind: Secret} manifest in the config directory; project {@code
 * beta}'s a mounted Secret (a directory with a file per key), as the operator mounts them. The
 * engine's app database is a third database, on alpha's server, from a mounted Secret too.
 */
public class ExternalWarehouses implements QuarkusTestResourceLifecycleManager {
  static final int ALPHA_ROWS = 7;
  static final int BETA_ROWS = 11;
  static final String ALPHA_PASSWORD = "alpha-Secret-1";
  static final String BETA_PASSWORD = "beta-Secret-2";
  static final String APP_PASSWORD = "app-Secret-4";

  /** One warehouse server, restartable. */
  static final class Server {
    final Path data;
    final int port;
    EmbeddedPostgres postgres;

    Server(Path data, int port) {
      this.data = data;
      this.port = port;
    }

    void start() throws IOException {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false);
      if (port > 0) {
        builder.setPort(port);
      }
      postgres = builder.start();
    }

    void stop() throws IOException {
      postgres.close();
      postgres = null;
    }

    /**
     * The embedded binaries trust every local connection; a real warehouse checks passwords, so the
     * readers must authenticate (the superuser stays trusted for the test's own statements).
     */
    void requirePasswords() throws IOException, SQLException {
      Files.writeString(
          data.resolve("pg_hba.conf"),
          """
          local all all trust
          host all postgres 127.0.0.1/32 trust
          host all postgres ::1/128 trust
          host all all 127.0.0.1/32 scram-sha-256
          host all all ::1/128 scram-sha-256
          """);
      sql("postgres", "select pg_reload_conf()");
    }

    /** The postmaster's process and its children (the backends and auxiliary processes). */
    java.util.List<ProcessHandle> processes() throws IOException {
      long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
      ProcessHandle postmaster =
          ProcessHandle.of(pid).orElseThrow(() -> new IOException("no postmaster " + pid));
      java.util.List<ProcessHandle> all = new java.util.ArrayList<>();
      all.add(postmaster);
      postmaster.children().forEach(all::add);
      return all;
    }

    /** Freezes the whole server (SIGSTOP): connections stay open, nothing answers. */
    void freeze() throws IOException, InterruptedException {
      signal("STOP");
    }

    void thaw() throws IOException, InterruptedException {
      signal("CONT");
    }

    /** Kills the postmaster and every backend (SIGKILL): a crash, not a shutdown. */
    void crash() throws IOException, InterruptedException {
      java.util.List<ProcessHandle> all = processes();
      all.forEach(ProcessHandle::destroyForcibly);
      for (ProcessHandle p : all) {
        p.onExit().join();
      }
      postgres.close(); // cannot stop what is gone, but lets go of the data directory's lock
      postgres = null;
    }

    /**
     * Signals the postmaster first (so it forks no new backend), then each child; a child that
     * ended meanwhile is no error.
     */
    private void signal(String signal) throws IOException, InterruptedException {
      java.util.List<ProcessHandle> all = processes();
      for (int i = 0; i < all.size(); i++) {
        Process kill =
            new ProcessBuilder("kill", "-" + signal, String.valueOf(all.get(i).pid()))
                .redirectErrorStream(true)
                .start();
        kill.getInputStream().readAllBytes();
        if (kill.waitFor() != 0 && (i == 0 || all.get(i).isAlive())) {
          throw new IOException("kill -" + signal + " " + all.get(i).pid() + " failed");
        }
      }
    }

    void sql(String database, String... statements) throws SQLException {
      try (Connection c = postgres.getDatabase("postgres", database).getConnection();
          Statement st = c.createStatement()) {
        for (String s : statements) {
          st.execute(s);
        }
      }
    }
  }

  static Server alpha;
  static Server beta;
  static Path configDir;
  static Path secretsDir;

  @Override
  public Map<String, String> start() {
    try {
      Path root = Files.createTempDirectory("two-warehouses");
      alpha = started(root.resolve("alpha-data"));
      beta = started(root.resolve("beta-data"));
      alpha.requirePasswords();
      beta.requirePasswords();
      alpha.sql("postgres", "create database wh");
      alpha.sql(
          "wh",
          "create schema sales",
          "create table sales.invoices (invoice_id int primary key, amount numeric(10,2), region text)",
          "insert into sales.invoices select g, g * 10.5, case when g % 2 = 0 then 'north' else"
              + " 'south' end from generate_series(1, "
              + ALPHA_ROWS
              + ") g",
          "create table sales.secrets (x int)", // in the schema, not in the model
          "create role alpha_reader login password '" + ALPHA_PASSWORD + "'",
          "grant usage on schema sales to alpha_reader",
          "grant select on sales.invoices to alpha_reader");
      beta.sql("postgres", "create database fleet_wh");
      beta.sql(
          "fleet_wh",
          "create schema fleet",
          "create table fleet.trips (trip_id int primary key, distance_km numeric(10,1), vehicle text)",
          "insert into fleet.trips select g, g * 3.0, 'van' from generate_series(1, "
              + BETA_ROWS
              + ") g",
          "create role beta_reader login password '" + BETA_PASSWORD + "'",
          "grant usage on schema fleet to beta_reader",
          "grant select on fleet.trips to beta_reader");

      configDir = root.resolve("config");
      Files.createDirectories(configDir);
      Files.writeString(
          configDir.resolve("00-alpha-credentials.yaml"),
          """
          apiVersion: v1
          kind: Secret
          metadata:
            name: alpha-reader
          stringData:
            username: alpha_reader
            password: %s
          """
              .formatted(ALPHA_PASSWORD));
      Files.writeString(
          configDir.resolve("10-projects.yaml"),
          project("alpha", alpha.postgres.getPort(), "wh", "sales", "alpha-reader")
              + "---\n"
              + project("beta", beta.postgres.getPort(), "fleet_wh", "fleet", "beta-reader"));
      Files.writeString(
          configDir.resolve("20-models.yaml"),
          """
          apiVersion: insight-engine.io/v1alpha1
          kind: SemanticModel
          metadata:
            name: alpha-model
          spec:
            projectRef:
              name: alpha
            models:
              - name: invoices
                table: sales.invoices
                primaryKey: [invoice_id]
                columns:
                  - {name: invoice_id, type: integer}
                  - {name: amount, type: numeric}
                  - {name: region, type: text}
          ---
          apiVersion: insight-engine.io/v1alpha1
          kind: SemanticModel
          metadata:
            name: beta-model
          spec:
            projectRef:
              name: beta
            models:
              - name: trips
                table: fleet.trips
                primaryKey: [trip_id]
                columns:
                  - {name: trip_id, type: integer}
                  - {name: distance_km, type: numeric}
                  - {name: vehicle, type: text}
          """);
      secretsDir = root.resolve("secrets");
      writeBetaSecret(BETA_PASSWORD);
      // The engine's own database: an external PostgreSQL, from its mounted Secret.
      alpha.sql(
          "postgres",
          "create role insight_app login password '" + APP_PASSWORD + "'",
          "create database insight_app owner insight_app");
      Path app = secretsDir.resolve("app-db");
      Files.createDirectories(app);
      Files.writeString(
          app.resolve("jdbcUrl"),
          "jdbc:postgresql://localhost:" + alpha.port + "/insight_app?sslmode=disable");
      Files.writeString(app.resolve("username"), "insight_app");
      Files.writeString(app.resolve("password"), APP_PASSWORD);
      return Map.of(
          "insight.app-database.type", "postgres",
          "insight.app-database.credentials-secret", "app-db",
          "insight.config-dir", configDir.toString(),
          "insight.secrets-dir", secretsDir.toString(),
          "insight.config-poll-interval", "200ms",
          "insight.warehouse.retry-interval", "200ms",
          "insight.warehouse.check-interval", "1s");
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("cannot start the two warehouses", e);
    }
  }

  static void writeBetaSecret(String password) throws IOException {
    Path dir = secretsDir.resolve("beta-reader");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("username"), "beta_reader");
    Files.writeString(dir.resolve("password"), password);
  }

  static Server started(Path data) throws IOException {
    Server server = new Server(data, 0);
    server.start();
    Server fixed = new Server(data, server.postgres.getPort());
    fixed.postgres = server.postgres;
    return fixed;
  }

  private static String project(String name, int port, String db, String schema, String secret) {
    return project(name, port, db, schema, secret, 3, "2s", null);
  }

  /** A Project on a PostgreSQL server of these tests; {@code queryTimeout} may be null. */
  static String project(
      String name,
      int port,
      String db,
      String schema,
      String secret,
      int maxConnections,
      String connectTimeout,
      String queryTimeout) {
    return """
        apiVersion: insight-engine.io/v1alpha1
        kind: Project
        metadata:
          name: %s
        spec:
          engineRef:
            name: insight
          datasource:
            type: postgres
            host: localhost
            port: %d
            database: %s
            schemas: [%s]
            sslMode: disable
            maxConnections: %d
            connectTimeout: %s
            credentialsSecret:
              name: %s
        """
            .formatted(name, port, db, schema, maxConnections, connectTimeout, secret)
        + (queryTimeout == null ? "" : "  limits:\n    queryTimeout: " + queryTimeout + "\n");
  }

  @Override
  public void stop() {
    for (Server s : new Server[] {alpha, beta}) {
      try {
        if (s != null && s.postgres != null) {
          s.stop();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
