package io.insightengine.engine.db;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.insightengine.api.manifest.LoadedManifests;
import io.insightengine.api.manifest.ManifestLoader;
import io.insightengine.api.v1alpha1.engine.AppDatabaseSpec;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.engine.config.EngineConfig;
import io.insightengine.engine.pipeline.PipelineException;
import io.insightengine.engine.resources.CoreManifests;
import io.insightengine.engine.resources.SecretStore;
import io.insightengine.engine.warehouse.EmbeddedPostgresServer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * The engine's own database (query history, dbt artifacts, later audit and training data), as the
 * InsightEngine says: {@code appDatabase.type: embedded} starts the embedded PostgreSQL
 * (development only), {@code postgres} connects with the jdbcUrl, username and password of its
 * credentials Secret. Warehouses are not here: each project has its own ({@code warehouse}).
 */
@ApplicationScoped
public class Databases {
  private static final Logger LOG = Logger.getLogger(Databases.class);

  private final EngineConfig config;
  private final SecretStore secrets;
  private final EmbeddedPostgresServer embedded;
  private final DatabaseAvailability availability = new DatabaseAvailability(Clock.systemUTC());
  private final ScheduledExecutorService checks =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "app-database-checks");
            t.setDaemon(true);
            return t;
          });
  private volatile Instant lastChecked = Instant.EPOCH;
  private AgroalDataSource app;
  private Login login;

  /** How the background check connects: on its own, so a busy pool does not look like an outage. */
  private record Login(String url, Properties properties) {}

  public Databases(EngineConfig config, SecretStore secrets, EmbeddedPostgresServer embedded) {
    this.config = config;
    this.secrets = secrets;
    this.embedded = embedded;
  }

  /** What the app database is: the explicit setting, else the config directory's InsightEngine. */
  record Choice(AppDatabaseSpec.Type type, String credentialsSecret, String source) {}

  Choice choice() {
    if (config.appDatabase().type().isPresent()) {
      String type = config.appDatabase().type().get().toLowerCase(Locale.ROOT);
      return switch (type) {
        case "embedded" -> new Choice(AppDatabaseSpec.Type.EMBEDDED, null, "insight.app-database");
        case "postgres" ->
            new Choice(
                AppDatabaseSpec.Type.POSTGRES,
                config
                    .appDatabase()
                    .credentialsSecret()
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "insight.app-database.type=postgres needs"
                                    + " insight.app-database.credentials-secret (env"
                                    + " INSIGHT_APP_DATABASE_CREDENTIALS_SECRET)")),
                "insight.app-database");
        default ->
            throw new IllegalStateException(
                "insight.app-database.type must be embedded or postgres, not " + type);
      };
    }
    Optional<InsightEngine> engine = configuredEngine();
    AppDatabaseSpec spec = engine.map(e -> e.getSpec().getAppDatabase()).orElse(null);
    String source =
        engine.map(e -> "InsightEngine " + e.getMetadata().getName()).orElse("the default");
    if (spec == null || spec.getType() != AppDatabaseSpec.Type.POSTGRES) {
      return new Choice(AppDatabaseSpec.Type.EMBEDDED, null, source);
    }
    return new Choice(AppDatabaseSpec.Type.POSTGRES, spec.getCredentialsSecret().getName(), source);
  }

  /** The one InsightEngine of the config directory, if it declares exactly one that loads. */
  private Optional<InsightEngine> configuredEngine() {
    LoadedManifests loaded =
        new ManifestLoader().loadDirectoryPartially(config.configDir()).valid();
    List<InsightEngine> engines = loaded.ofType(InsightEngine.class);
    return engines.size() == 1 ? Optional.of(engines.get(0)) : Optional.empty();
  }

  void start(@Observes @Priority(10) StartupEvent event) throws Exception {
    secrets.use(CoreManifests.read(config.configDir()));
    Choice choice = choice();
    EngineConfig.AppDatabase settings = config.appDatabase();
    if (choice.type() == AppDatabaseSpec.Type.EMBEDDED) {
      String url = embedded.createDatabase("insight");
      app = pool(url, "postgres", "postgres", settings);
      login = login(url, "postgres", "postgres", settings);
      LOG.infof("app database: embedded (%s); development only", choice.source());
    } else {
      String secret = choice.credentialsSecret();
      String url = secrets.value(secret, "jdbcUrl");
      String user = secrets.value(secret, "username");
      String password = secrets.value(secret, "password");
      app = pool(url, user, password, settings);
      login = login(url, user, password, settings);
      LOG.infof("app database: PostgreSQL from Secret %s (%s)", secret, choice.source());
    }
    Flyway.configure().dataSource(app).locations("classpath:db/migration").load().migrate();
    long every = settings.retryInterval().toMillis();
    checks.scheduleWithFixedDelay(this::checkIfDue, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Connections that heal: validated when borrowed and dropped when the driver reports them broken
   * (a restarted server, a terminated backend); connecting, logging in and every read are bounded,
   * so a stalled server fails requests instead of holding them. Settings in the Secret's jdbcUrl
   * win over these defaults.
   */
  private static Login login(
      String url, String user, String password, EngineConfig.AppDatabase settings) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.putAll(timeouts(settings));
    return new Login(url, properties);
  }

  /** Connecting and every read bounded (a Secret's jdbcUrl that sets them wins). */
  private static Map<String, String> timeouts(EngineConfig.AppDatabase settings) {
    String connect = String.valueOf(Math.max(1, settings.connectTimeout().toSeconds()));
    return Map.of(
        "connectTimeout",
        connect,
        "loginTimeout",
        connect,
        "socketTimeout",
        String.valueOf(Math.max(1, settings.socketTimeout().toSeconds())),
        "tcpKeepAlive",
        "true");
  }

  private static AgroalDataSource pool(
      String url, String user, String password, EngineConfig.AppDatabase settings)
      throws SQLException {
    int connectSeconds = (int) Math.max(1, settings.connectTimeout().toSeconds());
    return AgroalDataSource.from(
        new AgroalDataSourceConfigurationSupplier()
            .connectionPoolConfiguration(
                pool ->
                    pool.maxSize(settings.maxPoolSize())
                        .minSize(1)
                        .initialSize(1)
                        .acquisitionTimeout(settings.connectTimeout())
                        .validateOnBorrow(true)
                        .connectionValidator(
                            ConnectionValidator.defaultValidatorWithTimeout(connectSeconds))
                        .exceptionSorter(new PostgreSQLExceptionSorter())
                        .connectionFactoryConfiguration(
                            factory -> {
                              factory
                                  .jdbcUrl(url)
                                  .principal(new NamePrincipal(user))
                                  .credential(new SimplePassword(password));
                              timeouts(settings).forEach(factory::jdbcProperty);
                              return factory;
                            })));
  }

  void stop(@Observes ShutdownEvent event) {
    checks.shutdownNow();
    if (app != null) {
      app.close();
    }
  }

  /** Connections to the engine's own database (callers report failures with {@link #failed}). */
  public AgroalDataSource app() {
    return app;
  }

  /**
   * A connection for a request that reads {@code what} ("the query history"): a 503 problem when
   * the app database is unavailable, or no connection can be had within the connect timeout.
   */
  public Connection connectionFor(String what) {
    if (!availability.current().available()) {
      throw unavailable(what);
    }
    try {
      return app.getConnection();
    } catch (SQLException e) {
      failed(e);
      throw unavailable(what);
    }
  }

  /** Whether the app database can be used now (kept by failures and a background check). */
  public DatabaseAvailability.State availability() {
    return availability.current();
  }

  /**
   * Notes a failure of work on the app database: when it reports an outage the database becomes
   * unavailable until the background check reaches it again. Returns whether it was an outage.
   */
  public boolean failed(SQLException e) {
    String reason = DatabaseAvailability.outageReason(e);
    if (reason == null) {
      return false;
    }
    markUnavailable(reason, DatabaseAvailability.firstLine(e.getMessage()));
    return true;
  }

  /**
   * The 503 to answer when the app database cannot serve a request ({@code what}: "the query
   * history"); the problem names the component, never its address or credentials.
   */
  public PipelineException unavailable(String what) {
    DatabaseAvailability.State state = availability.current();
    return new PipelineException(
        "app-database-unavailable",
        503,
        what
            + " cannot be read now: the engine's app database "
            + (state.available()
                ? "did not answer in time"
                : "is unavailable (" + state.reason() + ")"));
  }

  /** Checks now when unavailable, else every check interval. */
  private void checkIfDue() {
    boolean due =
        !availability.current().available()
            || lastChecked.plus(config.appDatabase().checkInterval()).isBefore(Instant.now());
    if (due) {
      check();
    }
  }

  /** Checks now, on a connection of its own; the state it leaves. */
  public DatabaseAvailability.State check() {
    lastChecked = Instant.now();
    try {
      DatabaseAvailability.probe(
          login.url(), login.properties(), config.appDatabase().connectTimeout());
      availability
          .markAvailable("connected")
          .ifPresent(
              down -> LOG.infof("app database is available again after %d ms", down.toMillis()));
    } catch (SQLException e) {
      String reason = DatabaseAvailability.outageReason(e);
      markUnavailable(
          reason != null ? reason : "Unreachable", DatabaseAvailability.firstLine(e.getMessage()));
    }
    return availability.current();
  }

  private void markUnavailable(String reason, String detail) {
    if (availability.markUnavailable(reason, "the app database is unavailable: " + detail)) {
      LOG.warnf("app database is unavailable (%s): %s", reason, detail);
      app.flush(AgroalDataSource.FlushMode.ALL); // every pooled connection is suspect now
    }
  }
}
