package io.insightengine.engine.warehouse;

import io.insightengine.engine.config.EngineConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The embedded PostgreSQL (binaries shipped in a Maven artifact), started only when something asks
 * for it: a project whose datasource says {@code embedded: true} (the demo warehouse) or an
 * embedded app database. Development only: its data lives in a temporary directory.
 */
@ApplicationScoped
public class EmbeddedPostgresServer {
  private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
  static final String READER_ROLE = "insight_reader";
  static final String DEMO_DATABASE = "warehouse";

  private final EngineConfig config;
  private EmbeddedPostgres server;
  private String demoPassword;

  public EmbeddedPostgresServer(EngineConfig config) {
    this.config = config;
  }

  private synchronized EmbeddedPostgres server() throws IOException {
    if (server == null) {
      long start = System.nanoTime();
      server = EmbeddedPostgres.builder().start();
      LOG.infof(
          "embedded PostgreSQL started on port %d in %d ms",
          server.getPort(), (System.nanoTime() - start) / 1_000_000);
    }
    return server;
  }

  /** A database owned by the superuser (the embedded app database). */
  public synchronized String createDatabase(String name) throws IOException, SQLException {
    execute("postgres", "create database " + name);
    return server().getJdbcUrl("postgres", name);
  }

  /**
   * The demo warehouse, loaded once from the dbt-built script, read through a role that may only
   * SELECT the given schemas in a read-only session: the database is the security boundary.
   */
  public synchronized DatasourceSettings demoWarehouse(List<String> schemas, int maxConnections)
      throws IOException, SQLException {
    if (demoPassword == null) {
      long start = System.nanoTime();
      String password = UUID.randomUUID().toString();
      execute("postgres", "create database " + DEMO_DATABASE);
      String script = Files.readString(config.warehouse().loadScript());
      try (Connection c = server().getDatabase("postgres", DEMO_DATABASE).getConnection();
          Statement st = c.createStatement()) {
        st.execute(script);
        st.execute("create role " + READER_ROLE + " login password '" + password + "'");
        st.execute("revoke all on database " + DEMO_DATABASE + " from public");
        st.execute("revoke create on schema public from public");
        st.execute("grant connect on database " + DEMO_DATABASE + " to " + READER_ROLE);
        st.execute("alter role " + READER_ROLE + " set default_transaction_read_only = on");
      }
      demoPassword = password;
      LOG.infof(
          "demo warehouse loaded from %s in %d ms",
          config.warehouse().loadScript(), (System.nanoTime() - start) / 1_000_000);
    }
    // Grants are idempotent: each project that uses the demo warehouse reads what it declares.
    try (Connection c = server().getDatabase("postgres", DEMO_DATABASE).getConnection();
        Statement st = c.createStatement()) {
      for (String schema : schemas) {
        if (!IDENTIFIER.matcher(schema).matches()) {
          throw new SQLException("not a plain schema name: " + schema);
        }
        st.execute("grant usage on schema " + schema + " to " + READER_ROLE);
        st.execute("grant select on all tables in schema " + schema + " to " + READER_ROLE);
      }
    }
    return new DatasourceSettings(
        "localhost",
        server().getPort(),
        DEMO_DATABASE,
        schemas,
        "disable",
        READER_ROLE,
        demoPassword,
        maxConnections,
        Duration.ofSeconds(10),
        "embedded demo warehouse");
  }

  private void execute(String database, String sql) throws IOException, SQLException {
    try (Connection c = server().getDatabase("postgres", database).getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  void stop(@Observes ShutdownEvent event) throws IOException {
    synchronized (this) {
      if (server != null) {
        server.close();
      }
    }
  }
}
