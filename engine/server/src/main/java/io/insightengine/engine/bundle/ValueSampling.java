package io.insightengine.engine.bundle;

import io.insightengine.engine.config.EngineConfig;
import io.insightengine.engine.pipeline.PipelineException;
import io.insightengine.engine.semantic.DimensionValueSampler;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

  /** Queues sampling of {@code project}; skipped if {@code current} no longer serves it. */
  public void sample(ProjectRuntime project, Supplier<ConfigBundle> current) {
    worker.execute(
        () -> {
          ConfigBundle now = current.get();
          if (now == null || now.project(project.name()).orElse(null) != project) {
            return;
          }
          long start = System.nanoTime();
          try {
            DimensionValueSampler.Sampled sampled =
                DimensionValueSampler.sample(
                    project.semantics(),
                    project.warehouse(),
                    config.warehouse().sampleTimeout(),
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
