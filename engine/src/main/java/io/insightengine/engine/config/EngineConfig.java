package io.insightengine.engine.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/** The engine's settings ({@code insight.*}; environment variables such as INSIGHT_CONFIG_DIR). */
@ConfigMapping(prefix = "insight")
public interface EngineConfig {
  /** The directory of CR manifests the engine serves (the config bundle). */
  @WithDefault("examples/quickstart")
  Path configDir();

  /** How often the config directory is checked for changes. */
  @WithDefault("2s")
  Duration configPollInterval();

  /** Pins "today" for time expressions (demos and evaluations); the real date when unset. */
  Optional<LocalDate> today();

  Warehouse warehouse();

  AppDatabase appDatabase();

  /** The internal endpoints (dbt artifacts from DbtRun jobs). */
  Internal internal();

  /** Internal endpoints: closed unless a token is configured (env INSIGHT_INTERNAL_TOKEN). */
  interface Internal {
    /** Bearer token callers must present; in Kubernetes the operator generates it per engine. */
    Optional<String> token();
  }

  /** Where questions are answered from. */
  interface Warehouse {
    /** Start PostgreSQL from the embedded binaries and load the demo warehouse into it. */
    @WithDefault("true")
    boolean embedded();

    /** The SQL script the embedded warehouse is loaded from (built by dbt, committed). */
    @WithDefault("dbt/artifacts/warehouse.sql")
    Path loadScript();

    /** The schema the semantic model's tables live in; the reader role may SELECT only these. */
    @WithDefault("marts")
    String schema();

    /** JDBC URL of an external warehouse (when not embedded). */
    Optional<String> jdbcUrl();

    Optional<String> username();

    Optional<String> password();

    @WithDefault("8")
    int maxPoolSize();
  }

  /** The engine's own database: query history, audit, feedback, training data. */
  interface AppDatabase {
    /** JDBC URL of an external PostgreSQL; the embedded server is used when unset. */
    Optional<String> jdbcUrl();

    Optional<String> username();

    Optional<String> password();

    @WithDefault("8")
    int maxPoolSize();
  }
}
