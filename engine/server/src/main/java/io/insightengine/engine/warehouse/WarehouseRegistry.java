package io.insightengine.engine.warehouse;

import io.insightengine.engine.config.EngineConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The warehouses of the projects being served, one per project, created, kept and closed with the
 * config bundle: a reload that leaves a project's datasource as it was keeps its pool (and its
 * connections); a changed or removed one is retired — closed after a grace period so queries
 * running on it finish. A background check retries unavailable warehouses every {@code
 * retryInterval} and checks available ones every {@code checkInterval}.
 */
@ApplicationScoped
public class WarehouseRegistry {
  private static final Logger LOG = Logger.getLogger(WarehouseRegistry.class);

  private final EngineConfig config;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, Warehouse> byProject = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "warehouse-checks");
            t.setDaemon(true);
            return t;
          });
  private volatile Consumer<Warehouse> onRecovery = w -> {};

  public WarehouseRegistry(EngineConfig config) {
    this.config = config;
    long every = config.warehouse().retryInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::checkAll, every, every, TimeUnit.MILLISECONDS);
  }

  /** Called (on the check thread) when an unavailable warehouse is reached again. */
  public void onRecovery(Consumer<Warehouse> listener) {
    this.onRecovery = listener;
  }

  /**
   * Makes the served set of warehouses the given one: unchanged settings keep their warehouse,
   * others get a new pool. Returns the warehouse of every project given.
   */
  public synchronized Map<String, Warehouse> update(Map<String, DatasourceSettings> wanted)
      throws SQLException {
    Map<String, Warehouse> next = new LinkedHashMap<>();
    List<Warehouse> retired = new java.util.ArrayList<>();
    try {
      for (var e : wanted.entrySet()) {
        Warehouse current = byProject.get(e.getKey());
        if (current != null && current.settings().equals(e.getValue())) {
          next.put(e.getKey(), current);
        } else {
          next.put(e.getKey(), new Warehouse(e.getKey(), e.getValue(), clock));
        }
      }
    } catch (SQLException | RuntimeException e) {
      next.values().stream().filter(w -> !byProject.containsValue(w)).forEach(Warehouse::close);
      throw e;
    }
    for (var e : new HashMap<>(byProject).entrySet()) {
      if (next.get(e.getKey()) != e.getValue()) {
        retired.add(e.getValue());
      }
    }
    byProject.clear();
    byProject.putAll(next);
    retire(retired);
    return Map.copyOf(next);
  }

  private void retire(List<Warehouse> retired) {
    if (retired.isEmpty()) {
      return;
    }
    Duration grace = config.warehouse().retiredPoolGrace();
    scheduler.schedule(
        () -> retired.forEach(Warehouse::close), grace.toMillis(), TimeUnit.MILLISECONDS);
    LOG.debugf("%d warehouse pool(s) retired, closing in %s", retired.size(), grace);
  }

  public Map<String, Warehouse> warehouses() {
    return Map.copyOf(byProject);
  }

  void checkAll() {
    Duration checkEvery = config.warehouse().checkInterval();
    for (Warehouse w : byProject.values()) {
      try {
        boolean wasAvailable = w.availability().available();
        boolean due = !wasAvailable || w.lastChecked().plus(checkEvery).isBefore(clock.instant());
        if (due && w.check().available() && !wasAvailable) {
          onRecovery.accept(w);
        }
      } catch (RuntimeException e) {
        LOG.warnf("checking the warehouse of project %s failed: %s", w.project(), e.toString());
      }
    }
  }

  void stop(@Observes ShutdownEvent event) {
    scheduler.shutdownNow();
    byProject.values().forEach(Warehouse::close);
  }
}
