package io.insightengine.engine.bundle;

import io.insightengine.engine.config.EngineConfig;
import io.insightengine.engine.db.Databases;
import io.insightengine.engine.semantic.DimensionValueSampler;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Holds the configuration being served and swaps it atomically when the bundle directory changes. A
 * change that does not compile is refused: the previous configuration keeps serving and the error
 * is logged and reported by the readiness check until a good change arrives.
 */
@ApplicationScoped
public class ConfigBundleHolder {
  private static final Logger LOG = Logger.getLogger(ConfigBundleHolder.class);

  private final EngineConfig config;
  private final Databases databases;
  private final ConfigBundleCompiler compiler = new ConfigBundleCompiler();
  private final AtomicReference<ConfigBundle> current = new AtomicReference<>();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private volatile String lastSeenRevision;
  private ScheduledExecutorService watcher;

  public ConfigBundleHolder(EngineConfig config, Databases databases) {
    this.config = config;
    this.databases = databases;
  }

  void start(@Observes @Priority(20) StartupEvent event) {
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
      String revision = ConfigBundleCompiler.revision(config.configDir());
      if (!revision.equals(lastSeenRevision)) {
        reload();
      }
    } catch (ConfigBundleCompiler.InvalidBundle | RuntimeException e) {
      fail(e.getMessage());
    }
  }

  /** Compiles the directory now; returns whether the new configuration is served. */
  public synchronized boolean reload() {
    try {
      lastSeenRevision = ConfigBundleCompiler.revision(config.configDir());
      ConfigBundle bundle = compiler.compile(config.configDir());
      bundle
          .projects()
          .values()
          .forEach(p -> DimensionValueSampler.sample(p.semantics(), databases.warehouse()));
      ConfigBundle previous = current.getAndSet(bundle);
      lastError.set(null);
      LOG.infof(
          "config bundle %s loaded from %s: projects %s%s",
          bundle.revision(),
          config.configDir(),
          bundle.projects().keySet(),
          previous == null ? "" : " (replacing " + previous.revision() + ")");
      return true;
    } catch (ConfigBundleCompiler.InvalidBundle | RuntimeException e) {
      fail(e.getMessage());
      return false;
    }
  }

  private void fail(String message) {
    if (!message.equals(lastError.getAndSet(message))) {
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
