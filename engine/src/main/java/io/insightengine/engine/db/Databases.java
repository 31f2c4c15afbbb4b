package io.insightengine.engine.db;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalPropertiesReader;
import io.insightengine.engine.config.EngineConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * The engine's two databases. Embedded default: one real PostgreSQL started from the Maven-shipped
 * binaries, with a {@code warehouse} database loaded from the dbt-built script and an {@code
 * insight} app database. The warehouse is read through a role that may only SELECT the marts schema
 * — the database is the security boundary; the firewall is defence in depth.
 */
@ApplicationScoped
public class Databases {
  private static final Logger LOG = Logger.getLogger(Databases.class);
  static final String READER_ROLE = "insight_reader";

  private final EngineConfig config;
  private EmbeddedPostgres embedded;
  private AgroalDataSource warehouse;
  private AgroalDataSource app;

  public Databases(EngineConfig config) {
    this.config = config;
  }

  void start(@Observes @Priority(10) StartupEvent event) throws Exception {
    boolean needsEmbedded =
        config.warehouse().embedded() || config.appDatabase().jdbcUrl().isEmpty();
    String readerPassword = UUID.randomUUID().toString();
    if (needsEmbedded) {
      long start = System.nanoTime();
      embedded = EmbeddedPostgres.builder().start();
      LOG.infof(
          "embedded PostgreSQL started on port %d in %d ms",
          embedded.getPort(), (System.nanoTime() - start) / 1_000_000);
    }
    if (config.warehouse().embedded()) {
      loadEmbeddedWarehouse(readerPassword);
      warehouse =
          pool(
              embedded.getJdbcUrl(READER_ROLE, "warehouse"),
              READER_ROLE,
              readerPassword,
              config.warehouse().maxPoolSize());
    } else {
      warehouse =
          pool(
              config
                  .warehouse()
                  .jdbcUrl()
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "insight.warehouse.jdbc-url is required when insight.warehouse.embedded=false")),
              config.warehouse().username().orElse(null),
              config.warehouse().password().orElse(null),
              config.warehouse().maxPoolSize());
    }
    if (config.appDatabase().jdbcUrl().isPresent()) {
      app =
          pool(
              config.appDatabase().jdbcUrl().get(),
              config.appDatabase().username().orElse(null),
              config.appDatabase().password().orElse(null),
              config.appDatabase().maxPoolSize());
    } else {
      execute("postgres", "create database insight");
      app =
          pool(
              embedded.getJdbcUrl("postgres", "insight"),
              "postgres",
              "postgres",
              config.appDatabase().maxPoolSize());
    }
    Flyway.configure().dataSource(app).locations("classpath:db/migration").load().migrate();
  }

  private void loadEmbeddedWarehouse(String readerPassword) throws SQLException, IOException {
    long start = System.nanoTime();
    execute("postgres", "create database warehouse");
    String script = Files.readString(config.warehouse().loadScript());
    try (Connection c = embedded.getDatabase("postgres", "warehouse").getConnection();
        Statement st = c.createStatement()) {
      st.execute(script);
      String schema = config.warehouse().schema();
      st.execute("create role " + READER_ROLE + " login password '" + readerPassword + "'");
      st.execute("revoke all on database warehouse from public");
      st.execute("revoke create on schema public from public");
      st.execute("grant connect on database warehouse to " + READER_ROLE);
      st.execute("grant usage on schema " + schema + " to " + READER_ROLE);
      st.execute("grant select on all tables in schema " + schema + " to " + READER_ROLE);
      st.execute("alter role " + READER_ROLE + " set default_transaction_read_only = on");
    }
    LOG.infof(
        "demo warehouse loaded from %s in %d ms",
        config.warehouse().loadScript(), (System.nanoTime() - start) / 1_000_000);
  }

  private void execute(String database, String sql) throws SQLException {
    try (Connection c = embedded.getDatabase("postgres", database).getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static AgroalDataSource pool(String url, String user, String password, int maxSize)
      throws SQLException {
    Map<String, String> props = new HashMap<>();
    props.put(AgroalPropertiesReader.JDBC_URL, url);
    if (user != null) {
      props.put(AgroalPropertiesReader.PRINCIPAL, user);
    }
    if (password != null) {
      props.put(AgroalPropertiesReader.CREDENTIAL, password);
    }
    props.put(AgroalPropertiesReader.MAX_SIZE, String.valueOf(maxSize));
    props.put(AgroalPropertiesReader.MIN_SIZE, "1");
    props.put(AgroalPropertiesReader.INITIAL_SIZE, "1");
    return AgroalDataSource.from(new AgroalPropertiesReader().readProperties(props).get());
  }

  void stop(@Observes ShutdownEvent event) throws IOException {
    if (warehouse != null) {
      warehouse.close();
    }
    if (app != null) {
      app.close();
    }
    if (embedded != null) {
      embedded.close();
    }
  }

  /** Connections as the SELECT-only reader of the warehouse. */
  public AgroalDataSource warehouse() {
    return warehouse;
  }

  /** Connections to the engine's own database. */
  public AgroalDataSource app() {
    return app;
  }
}
