package io.insightengine.engine.pipeline;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Cancels a running statement whose client went away: a query runs in the warehouse until it ends
 * or its statement timeout fires, and nobody would read its rows. Running statements are looked at
 * every {@value #CHECK_MILLIS} ms: a request knows its client left only by asking (Vert.x gives a
 * response one close handler, which Quarkus REST may hold), and a cancel that comes a fraction of a
 * second late costs nothing.
 */
@Singleton
public class AbandonedStatements {
  private static final Logger LOG = Logger.getLogger(AbandonedStatements.class);
  static final long CHECK_MILLIS = 200;

  private final Map<Statement, Deadline> running = new ConcurrentHashMap<>();
  private ScheduledExecutorService checks;

  @PostConstruct
  void start() {
    checks =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "abandoned-statements");
              t.setDaemon(true);
              return t;
            });
    checks.scheduleWithFixedDelay(
        this::cancelAbandoned, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Watches {@code statement} until the returned handle is closed. */
  Watch watch(Statement statement, Deadline deadline) {
    running.put(statement, deadline);
    return () -> running.remove(statement);
  }

  /** The end of a watch; closing it never throws. */
  interface Watch extends AutoCloseable {
    @Override
    void close();
  }

  private void cancelAbandoned() {
    running.forEach(
        (statement, deadline) -> {
          if (deadline.abandoned().getAsBoolean() && running.remove(statement) != null) {
            try {
              statement.cancel(); // the driver sends PostgreSQL's cancel request
            } catch (SQLException e) {
              LOG.debugf("cancelling an abandoned statement failed: %s", e.getMessage());
            } catch (RuntimeException e) {
              LOG.warnf("cancelling an abandoned statement failed: %s", e.toString());
            }
          }
        });
  }

  @PreDestroy
  void stop() {
    checks.shutdownNow();
  }
}
