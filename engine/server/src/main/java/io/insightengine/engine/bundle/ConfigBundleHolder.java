package io.insightengine.engine.bundle;

import io.insightengine.engine.config.EngineConfig;
import io.insightengine.engine.dbt.DbtSources;
import io.insightengine.engine.resources.CoreManifests;
import io.insightengine.engine.resources.SecretStore;
import io.insightengine.engine.warehouse.DatasourceResolver;
import io.insightengine.engine.warehouse.DatasourceSettings;
import io.insightengine.engine.warehouse.Warehouse;
import io.insightengine.engine.warehouse.WarehouseRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Holds the configuration being served and swaps it atomically when the bundle directory, a Secret
 * or ConfigMap manifest in it, or a dbt source it names changes. Each project is compiled and
 * connected on its own: a refused project answers 503 with its reason while the others serve the
 * new revision. A directory that cannot be read at all is refused whole: the previous configuration
 * keeps serving and the error is reported until a good change arrives.
 */
@ApplicationScoped
public class ConfigBundleHolder {
  private static final Logger LOG = Logger.getLogger(ConfigBundleHolder.class);

  private final EngineConfig config;
  private final SecretStore secrets;
  private final DbtSources dbtSources;
  private final DatasourceResolver datasources;
  private final WarehouseRegistry warehouses;
  private final ValueSampling sampling;
  private final ConfigBundleCompiler compiler;
  private final AtomicReference<ConfigBundle> current = new AtomicReference<>();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private volatile String lastSeen;
  private ScheduledExecutorService watcher;

  public ConfigBundleHolder(
      EngineConfig config,
      SecretStore secrets,
      DbtSources dbtSources,
      DatasourceResolver datasources,
      WarehouseRegistry warehouses,
      ValueSampling sampling) {
    this.config = config;
    this.secrets = secrets;
    this.dbtSources = dbtSources;
    this.datasources = datasources;
    this.warehouses = warehouses;
    this.sampling = sampling;
    this.compiler = new ConfigBundleCompiler(dbtSources::compile);
  }

  void start(@Observes @Priority(20) StartupEvent event) {
    warehouses.onRecovery(this::recovered);
    reload();
    watcher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "config-bundle-watcher");
              t.setDaemon(true);
              return t;
            });
    long every = config.configPollInterval().toMillis();
    watcher.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (watcher != null) {
      watcher.shutdownNow();
    }
  }

  void reloadIfChanged() {
    try {
      if (!state().equals(lastSeen)) {
        reload();
      }
    } catch (ConfigBundleCompiler.InvalidBundle | RuntimeException e) {
      fail(e.getMessage());
    }
  }

  /**
   * The directory's revision and fingerprints of the dbt sources and mounted Secrets the served
   * bundle names.
   */
  private String state() throws ConfigBundleCompiler.InvalidBundle {
    return state(ConfigBundleCompiler.revision(config.configDir()), current.get());
  }

  private String state(String revision, ConfigBundle served) {
    StringBuilder state = new StringBuilder(revision);
    if (served != null) {
      state
          .append('|')
          .append(
              dbtSources.fingerprint(
                  served.dbtSources().values().stream().flatMap(List::stream).toList()));
      state.append('|').append(secrets.fingerprint(served.credentialSecrets()));
    }
    return state.toString();
  }

  /** Compiles the directory now; returns whether a new configuration is served. */
  public synchronized boolean reload() {
    long start = System.nanoTime();
    String revision = null;
    try {
      // Read before compiling: a change made while compiling is seen by the next check.
      revision = ConfigBundleCompiler.revision(config.configDir());
      secrets.use(CoreManifests.read(config.configDir()));
      ConfigBundle compiled = compiler.compile(config.configDir());
      Map<String, ProjectRefusal> refused = new LinkedHashMap<>(compiled.refused());
      Map<String, DatasourceSettings> settings = new LinkedHashMap<>();
      for (ProjectRuntime p : compiled.projects().values()) {
        try {
          settings.put(p.name(), datasources.resolve(p.project()));
        } catch (DatasourceResolver.Unresolvable e) {
          refused.put(p.name(), e.refusal());
          LOG.warnf("project %s refused (%s): %s", p.name(), e.refusal().reason(), e.getMessage());
        }
      }
      Map<String, Warehouse> connected = warehouses.update(settings);
      Map<String, ProjectRuntime> projects = new LinkedHashMap<>();
      connected.forEach(
          (name, warehouse) ->
              projects.put(name, compiled.projects().get(name).withWarehouse(warehouse)));
      ConfigBundle bundle =
          new ConfigBundle(
              compiled.revision(),
              compiled.loadedAt(),
              Map.copyOf(projects),
              Map.copyOf(refused),
              compiled.dbtSources());
      ConfigBundle previous = current.getAndSet(bundle);
      lastSeen = state(revision, bundle);
      lastError.set(null);
      bundle.projects().values().forEach(p -> sampling.sample(p, current::get, this::replace));
      LOG.infof(
          "config bundle %s loaded from %s in %d ms: serving %s%s%s",
          bundle.revision(),
          config.configDir(),
          (System.nanoTime() - start) / 1_000_000,
          bundle.projects().keySet(),
          refused.isEmpty() ? "" : ", refused " + refused.keySet(),
          previous == null ? "" : " (replacing " + previous.revision() + ")");
      return true;
    } catch (ConfigBundleCompiler.InvalidBundle | java.sql.SQLException | RuntimeException e) {
      if (revision != null) {
        lastSeen = state(revision, current.get()); // not compiled again until something changes
      }
      fail(e.getMessage());
      return false;
    }
  }

  /** Checks for changes now instead of at the next poll (a dbt delivery just arrived). */
  public void reloadSoon() {
    if (watcher != null) {
      watcher.execute(this::reloadIfChanged);
    }
  }

  /** A warehouse is back: its project's values are sampled again (they may be missing). */
  private void recovered(Warehouse warehouse) {
    ConfigBundle bundle = current.get();
    if (bundle != null) {
      bundle
          .project(warehouse.project())
          .filter(p -> p.warehouse() == warehouse)
          .ifPresent(p -> sampling.sample(p, current::get, this::replace));
    }
  }

  /**
   * Serves {@code updated} in place of {@code served} if {@code served} still serves its project;
   * returns whether it does now.
   */
  boolean replace(ProjectRuntime served, ProjectRuntime updated) {
    while (true) {
      ConfigBundle bundle = current.get();
      if (bundle == null || bundle.project(served.name()).orElse(null) != served) {
        return false;
      }
      if (current.compareAndSet(bundle, bundle.withProject(updated))) {
        return true;
      }
    }
  }

  private void fail(String message) {
    if (!String.valueOf(message).equals(lastError.getAndSet(String.valueOf(message)))) {
      LOG.errorf(
          "config bundle in %s refused, %s: %s",
          config.configDir(),
          current.get() == null ? "nothing to serve" : "still serving " + current.get().revision(),
          message);
    }
  }

  public Optional<ConfigBundle> current() {
    return Optional.ofNullable(current.get());
  }

  public Optional<String> lastError() {
    return Optional.ofNullable(lastError.get());
  }
}
