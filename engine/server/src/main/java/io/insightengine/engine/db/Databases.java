package io.insightengine.engine.db;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.insightengine.api.manifest.LoadedManifests;
import io.insightengine.api.manifest.ManifestLoader;
import io.insightengine.api.v1alpha1.engine.AppDatabaseSpec;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.engine.config.EngineConfig;
import io.insightengine.engine.resources.CoreManifests;
import io.insightengine.engine.resources.SecretStore;
import io.insightengine.engine.warehouse.EmbeddedPostgresServer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
  private AgroalDataSource app;

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
    int maxSize = config.appDatabase().maxPoolSize();
    if (choice.type() == AppDatabaseSpec.Type.EMBEDDED) {
      String url = embedded.createDatabase("insight");
      app = pool(url, "postgres", "postgres", maxSize);
      LOG.infof("app database: embedded (%s); development only", choice.source());
    } else {
      String secret = choice.credentialsSecret();
      app =
          pool(
              secrets.value(secret, "jdbcUrl"),
              secrets.value(secret, "username"),
              secrets.value(secret, "password"),
              maxSize);
      LOG.infof("app database: PostgreSQL from Secret %s (%s)", secret, choice.source());
    }
    Flyway.configure().dataSource(app).locations("classpath:db/migration").load().migrate();
  }

  private static AgroalDataSource pool(String url, String user, String password, int maxSize)
      throws java.sql.SQLException {
    return AgroalDataSource.from(
        new AgroalDataSourceConfigurationSupplier()
            .connectionPoolConfiguration(
                pool ->
                    pool.maxSize(maxSize)
                        .minSize(1)
                        .initialSize(1)
                        .acquisitionTimeout(Duration.ofSeconds(10))
                        .validateOnBorrow(true)
                        .connectionValidator(
                            io.agroal.api.configuration.AgroalConnectionPoolConfiguration
                                .ConnectionValidator.defaultValidatorWithTimeout(5))
                        .connectionFactoryConfiguration(
                            factory ->
                                factory
                                    .jdbcUrl(url)
                                    .principal(new NamePrincipal(user))
                                    .credential(new SimplePassword(password)))));
  }

  void stop(@Observes ShutdownEvent event) {
    if (app != null) {
      app.close();
    }
  }

  /** Connections to the engine's own database. */
  public AgroalDataSource app() {
    return app;
  }
}
