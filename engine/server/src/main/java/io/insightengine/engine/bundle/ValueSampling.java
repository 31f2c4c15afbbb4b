package io.insightengine.engine.bundle;

import io.insightengine.engine.config.EngineConfig;
import io.insightengine.engine.pipeline.PipelineException;
import io.insightengine.engine.semantic.DateColumns;
import io.insightengine.engine.semantic.DimensionValueSampler;
import io.insightengine.engine.semantic.SemanticLayer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Samples dimension values off the request path: after each reload, and when a project's warehouse
 * comes back, one background thread reads each project's values into its lexicon. A slow or large
 * warehouse delays only its own values, never a reload or a request; a project replaced by a newer
 * bundle before its turn is skipped.
 */
@ApplicationScoped
public class ValueSampling {
  private static final Logger LOG = Logger.getLogger(ValueSampling.class);

  private final EngineConfig config;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "value-sampling");
            t.setDaemon(true);
            return t;
          });

  public ValueSampling(EngineConfig config) {
    this.config = config;
  }

  /**
   * Queues sampling of {@code project}; skipped if {@code current} no longer serves it. When the
   * warehouse's column types give the project time dimensions its semantic model does not declare
   * (most dbt projects declare no column types), a layer with them is served through {@code
   * replace} first (see {@link DateColumns}).
   */
  public void sample(
      ProjectRuntime project,
      Supplier<ConfigBundle> current,
      BiPredicate<ProjectRuntime, ProjectRuntime> replace) {
    worker.execute(
        () -> {
          ConfigBundle now = current.get();
          if (now == null || now.project(project.name()).orElse(null) != project) {
            return;
          }
          long start = System.nanoTime();
          try {
            Duration timeout = config.warehouse().sampleTimeout();
            Map<String, Map<String, String>> types =
                DimensionValueSampler.columnTypes(
                    project.semantics(), project.warehouse(), timeout);
            ProjectRuntime serving = withWarehouseDates(project, types, replace);
            if (serving == null) {
              return; // replaced by a newer bundle meanwhile
            }
            DimensionValueSampler.Sampled sampled =
                DimensionValueSampler.sample(
                    serving.semantics(),
                    types,
                    serving.warehouse(),
                    timeout,
                    config.warehouse().sampleMaxDistinct());
            LOG.infof(
                "project %s: %d values of %d columns sampled in %d ms (%d columns skipped)",
                project.name(),
                sampled.values(),
                sampled.columns(),
                (System.nanoTime() - start) / 1_000_000,
                sampled.skipped());
          } catch (SQLException | PipelineException e) {
            LOG.warnf(
                "project %s: dimension values not sampled (sampled again when its warehouse is"
                    + " back): %s",
                project.name(), e.getMessage());
          }
        });
  }

  /**
   * The project as it is to be served with the warehouse's date columns: itself when they add no
   * time dimension, a replacement when they do, null when the project is no longer served.
   */
  private static ProjectRuntime withWarehouseDates(
      ProjectRuntime project,
      Map<String, Map<String, String>> types,
      BiPredicate<ProjectRuntime, ProjectRuntime> replace) {
    var dated = DateColumns.withWarehouseTypes(project.semantics().spec(), types);
    if (dated.isEmpty()) {
      return project;
    }
    SemanticLayer layer;
    try {
      layer = new SemanticLayer(dated.get());
    } catch (RuntimeException e) {
      LOG.warnf(
          "project %s: the warehouse's date columns not used as time dimensions: %s",
          project.name(), e.getMessage());
      return project;
    }
    ProjectRuntime updated = project.withSemantics(layer);
    if (!replace.test(project, updated)) {
      return null;
    }
    LOG.infof(
        "project %s: served with the time dimensions of the warehouse's date columns: %s",
        project.name(),
        layer.models().stream()
            .flatMap(m -> m.dimensions().values().stream())
            .filter(SemanticLayer.Dimension::time)
            .map(d -> d.model() + "." + d.name())
            .toList());
    return updated;
  }

  /**
   * Waits until the samplings queued so far have run: answers depend on sampled values, so an
   * evaluation must not ask before them.
   */
  public void awaitQueued(Duration timeout) throws InterruptedException, TimeoutException {
    try {
      worker.submit(() -> {}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  void stop(@Observes ShutdownEvent event) {
    worker.shutdownNow();
  }
}
