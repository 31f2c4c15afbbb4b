package io.insightengine.engine.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The engine's settings ({@code insight.*}; environment variables such as INSIGHT_CONFIG_DIR). What
 * the engine serves — projects, their warehouses, models — comes from the resources in the config
 * directory, never from here: these settings say only where to find them and how hard to try.
 */
@ConfigMapping(prefix = "insight")
public interface EngineConfig {
  /** The directory of CR manifests the engine serves (the config bundle). */
  @WithDefault("examples/quickstart")
  Path configDir();

  /** How often the config directory (and the dbt artifacts it refers to) is checked for changes. */
  @WithDefault("2s")
  Duration configPollInterval();

  /**
   * Where Secrets are mounted, one directory per Secret with a file per key (as the kubelet mounts
   * them; the operator sets INSIGHT_SECRETS_DIR). Secrets not found here are looked up among the
   * {@code kind: Secret} manifests of the config directory (standalone).
   */
  Optional<Path> secretsDir();

  /** Pins "today" for time expressions (demos and evaluations); the real date when unset. */
  Optional<LocalDate> today();

  Warehouse warehouse();

  AppDatabase appDatabase();

  Dbt dbt();

  /** How query results are returned. */
  Results results();

  /** Query results. */
  interface Results {
    /**
     * Text cells longer than this many characters are cut to it before PII masking (so one
     * multi-megabyte value is neither masked nor sent whole); the answer's {@code truncation} says
     * so.
     */
    @WithDefault("65536")
    int maxCellLength();
  }

  /** The internal endpoints (dbt artifacts from DbtRun jobs, the served status). */
  Internal internal();

  /** Internal endpoints: closed unless a token is configured (env INSIGHT_INTERNAL_TOKEN). */
  interface Internal {
    /** Bearer token callers must present; in Kubernetes the operator generates it per engine. */
    Optional<String> token();

    /**
     * The largest manifest.json a DbtRun may deliver (its size unzipped, when sent with {@code
     * Content-Encoding: gzip}); larger deliveries answer 413. Real manifests of large dbt projects
     * pass 10 MB, hence a limit of its own, above the public one.
     */
    @WithDefault("200M")
    MemorySize maxManifestSize();
  }

  /** The HTTP API. */
  Http http();

  /** Request limits of the public endpoints. */
  interface Http {
    /**
     * The largest request body of every endpoint but the dbt artifacts delivery (a question or a
     * query is a few KB); larger ones answer 413. Replaces {@code
     * quarkus.http.limits.max-body-size}, which is one limit for every route and is switched off.
     */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /**
     * The longest request target (path and query) answered; longer ones answer 414 with a problem.
     * At most 64K, the HTTP codec's own bound ({@code
     * quarkus.http.limits.max-initial-line-length}).
     */
    @WithDefault("8K")
    MemorySize maxUriLength();
  }

  /** How the engine treats the projects' warehouses (each project's datasource is its own). */
  interface Warehouse {
    /**
     * The SQL script the embedded demo warehouse is loaded from (built by dbt, committed); used
     * only by projects whose datasource says {@code embedded: true}.
     */
    @WithDefault("dbt/artifacts/warehouse.sql")
    Path loadScript();

    /** How often an unavailable warehouse is tried again. */
    @WithDefault("2s")
    Duration retryInterval();

    /** How often an available warehouse is checked (so status shows an outage before a user). */
    @WithDefault("15s")
    Duration checkInterval();

    /** Statement timeout of each value-sampling query (off the request path). */
    @WithDefault("5s")
    Duration sampleTimeout();

    /** Above this many distinct values a text column is not sampled (an id or free text). */
    @WithDefault("200")
    int sampleMaxDistinct();

    /** How long a replaced pool stays open so queries running on it can finish. */
    @WithDefault("60s")
    Duration retiredPoolGrace();
  }

  /** The engine's own database: query history, audit, feedback, training data, dbt artifacts. */
  interface AppDatabase {
    /**
     * {@code embedded} (a PostgreSQL started in-process; development only) or {@code postgres}
     * (from {@link #credentialsSecret()}). Unset: what the config directory's InsightEngine says
     * ({@code spec.appDatabase}), embedded when it has none. The operator always sets it.
     */
    Optional<String> type();

    /** The Secret with the keys jdbcUrl, username and password (type postgres). */
    Optional<String> credentialsSecret();

    @WithDefault("8")
    int maxPoolSize();

    /** Bound on connecting, logging in and waiting for a pooled connection. */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * Bound on every read from the app database: a server that stops answering fails the work
     * (history is kept queued and written later) instead of holding it.
     */
    @WithDefault("10s")
    Duration socketTimeout();

    /** How often an unavailable app database is tried again. */
    @WithDefault("2s")
    Duration retryInterval();

    /** How often an available app database is checked (so readiness shows an outage). */
    @WithDefault("15s")
    Duration checkInterval();

    /**
     * How many history entries wait for the app database at most; beyond, the oldest are dropped
     * (counted in {@code insight_history_dropped_total}) so answers never wait for history.
     */
    @WithDefault("10000")
    int historyQueueCapacity();
  }

  /** dbt artifacts that SemanticModels name in {@code spec.dbt}. */
  interface Dbt {
    /**
     * Where ConfigMaps named by {@code spec.dbt.configMapRef} are mounted, one directory per
     * ConfigMap holding manifest.json (and catalog.json), plain or .gz (the operator sets
     * INSIGHT_DBT_CONFIGMAPS_DIR). ConfigMaps not found here are looked up among the {@code kind:
     * ConfigMap} manifests of the config directory.
     */
    Optional<Path> configmapsDir();
  }
}
