package io.insightengine.engine.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightengine.engine.config.EngineConfig;
import io.insightengine.engine.db.DatabaseAvailability;
import io.insightengine.engine.db.Databases;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/** The query history in the app database: every question and SQL run, with outcome and timings. */
@ApplicationScoped
public class QueryHistory {
  private static final Logger LOG = Logger.getLogger(QueryHistory.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Databases databases;

  public QueryHistory(Databases databases, EngineConfig config, MeterRegistry metrics) {
    this.databases = databases;
    this.queue = new LinkedBlockingQueue<>(config.appDatabase().historyQueueCapacity());
    this.dropped = metrics.counter("insight.history.dropped");
    this.rejected = metrics.counter("insight.history.rejected");
    metrics.gauge("insight.history.queued", queue, BlockingQueue::size);
  }

  /** One recorded request. */
  public record Entry(
      long id,
      String correlationId,
      String project,
      String principal,
      @Schema(nullable = true, description = "null for caller-supplied SQL") String question,
      @Schema(nullable = true, description = "null when no SQL was generated") String sql,
      @Schema(enumeration = {"answered", "needs_clarification", "refused", "failed"}) String status,
      @Schema(nullable = true) String generator,
      @Schema(nullable = true, description = "null unless rows were read") Integer rowCount,
      int totalMs,
      @Schema(nullable = true, description = "why it was refused or failed") String error,
      String createdAt) {}

  /**
   * Records off the request path: an answer never waits for its history row, not even when the app
   * database is stalled or down. One writer thread takes what has queued up and inserts it as one
   * batch in one transaction (under load, one round trip and one commit for many rows). While the
   * app database cannot be written, the batch is kept and tried again; the queue is bounded, and
   * when it is full the oldest entry is dropped and counted ({@code
   * insight_history_dropped_total}): losing an old history row is better than holding an answer or
   * the engine's memory.
   */
  private static final int MAX_BATCH = 256;

  private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(5);
  private static final int MAX_UNEXPLAINED_FAILURES = 5;

  private final BlockingQueue<Outcome> queue;
  private final Thread writer = new Thread(this::writeLoop, "query-history-writer");
  private final Counter dropped;
  private final Counter rejected;
  private volatile boolean running = true;

  void start(@Observes StartupEvent event) {
    writer.setDaemon(true);
    writer.start();
  }

  void drain(@Observes ShutdownEvent event) throws InterruptedException {
    running = false;
    writer.interrupt();
    writer.join(10_000);
  }

  /** What one request leaves in the history. */
  public record Outcome(
      String correlationId,
      String project,
      String principal,
      String question,
      String sql,
      String status,
      String generator,
      Integer rowCount,
      Map<String, Double> stageMs,
      String error) {}

  /** Queues {@code outcome}; never blocks (a full queue drops its oldest entry). */
  public void record(Outcome outcome) {
    while (!queue.offer(outcome)) {
      if (queue.poll() != null) {
        dropped.increment();
      }
    }
  }

  private void writeLoop() {
    List<Outcome> batch = new ArrayList<>(MAX_BATCH);
    Duration pause = Duration.ofMillis(100);
    int failures = 0;
    while (running || !queue.isEmpty() || !batch.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          Outcome first = running ? queue.take() : queue.poll();
          if (first == null) {
            break;
          }
          batch.add(first);
        }
        queue.drainTo(batch, MAX_BATCH - batch.size());
        Write result = write(batch);
        if (result == Write.DONE) {
          pause = Duration.ofMillis(100);
          failures = 0;
          continue;
        }
        if (!running) {
          LOG.warnf(
              "query history: %d entries not written at shutdown (app database unavailable)",
              batch.size() + queue.size());
          break;
        }
        // Keep the batch, wait, try again: for as long as the app database is away (the queue
        // bounds what waits), a few times for a failure it cannot explain while it answers.
        if (result == Write.FAILED && ++failures >= MAX_UNEXPLAINED_FAILURES) {
          rejected.increment(batch.size());
          LOG.warnf(
              "query history: %d entries left out after %d failed writes", batch.size(), failures);
          batch.clear();
          failures = 0;
          continue;
        }
        Thread.sleep(pause.toMillis());
        pause = pause.multipliedBy(2);
        if (pause.compareTo(MAX_RETRY_PAUSE) > 0) {
          pause = MAX_RETRY_PAUSE;
        }
      } catch (InterruptedException e) {
        // Shutting down: the loop writes what is left, then ends.
      } catch (RuntimeException e) {
        rejected.increment(batch.size());
        LOG.warnf("query history writer: %d entries left out: %s", batch.size(), e.toString());
        batch.clear();
      }
    }
  }

  /** How a write went. */
  enum Write {
    /** Every row written, or refused on its own merits: the batch is empty. */
    DONE,
    /**
     * The app database is away: no connection within the connect timeout, an outage, or a failure
     * while its own connection cannot reach it either. Tried again for as long as that lasts.
     */
    AWAY,
    /** A failure the database cannot explain while it answers: tried again a few times only. */
    FAILED
  }

  /**
   * Writes the batch and empties it, unless it cannot be written now: what was not written stays in
   * the batch. A row the database refuses (a value it cannot store, a constraint it breaks) is not
   * allowed to take its batch with it: the batch is then written row by row and only the refused
   * rows are left out, counted in {@code insight_history_rejected_total}.
   */
  Write write(List<Outcome> batch) {
    Connection c;
    try {
      // A pool that cannot hand out a connection in time (the server stalls, or every connection
      // is reading history) is no reason to give up on the rows.
      c = databases.app().getConnection();
    } catch (SQLException e) {
      databases.failed(e);
      return Write.AWAY;
    }
    try (c) {
      try {
        insert(c, batch);
        batch.clear();
        return Write.DONE;
      } catch (SQLException e) {
        if (!refusesItsRows(e)) {
          return notWritten(batch, e);
        }
      }
      for (var rows = batch.iterator(); rows.hasNext(); ) {
        Outcome o = rows.next();
        try {
          insert(c, List.of(o));
        } catch (SQLException e) {
          if (!refusesItsRows(e)) {
            return notWritten(batch, e);
          }
          rejected.increment();
          LOG.warnf(
              "query history entry %s refused by the app database: %s",
              o.correlationId(), serverMessage(e));
        }
        rows.remove();
      }
      return Write.DONE;
    } catch (SQLException e) {
      // Closing (returning the connection) failed: the rows were written or are still queued.
      databases.failed(e);
      return batch.isEmpty() ? Write.DONE : Write.AWAY;
    }
  }

  /**
   * An outage is logged once, by {@link Databases}. Any other failure is checked against a
   * connection of the check's own: when that cannot reach the database either, it is away.
   */
  private Write notWritten(List<Outcome> batch, SQLException e) {
    if (!databases.availability().available() || !databases.check().available()) {
      return Write.AWAY;
    }
    LOG.warnf(
        "query history: %d entries not written yet (will retry): %s",
        batch.size(), serverMessage(e));
    return Write.FAILED;
  }

  /**
   * Whether the database refused the rows themselves: a data exception (SQLSTATE class 22), an
   * integrity constraint (23) or a program limit (54). Anything else — an outage, which also marks
   * the app database unavailable, or a failure the driver cannot explain — is worth trying again.
   */
  private boolean refusesItsRows(SQLException e) {
    if (databases.failed(e)) {
      return false;
    }
    SQLException cause = e.getNextException() != null ? e.getNextException() : e;
    String state = cause.getSQLState() != null ? cause.getSQLState() : "";
    return state.startsWith("22") || state.startsWith("23") || state.startsWith("54");
  }

  /** What the server said, without the statement and values a batch failure repeats. */
  private static String serverMessage(SQLException e) {
    SQLException cause = e.getNextException() != null ? e.getNextException() : e;
    return cause.getSQLState() + " " + DatabaseAvailability.firstLine(cause.getMessage());
  }

  private static void insert(Connection c, List<Outcome> outcomes) throws SQLException {
    String insert =
        "insert into query_history (correlation_id, project, principal, question, sql, status,"
            + " generator, row_count, total_ms, stage_ms, error) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)";
    c.setAutoCommit(false);
    try {
      try (var async = c.createStatement()) {
        // History may lose its last entries in a crash; answers must not wait for a disk flush.
        async.execute("SET LOCAL synchronous_commit = off");
      }
      try (PreparedStatement st = c.prepareStatement(insert)) {
        for (Outcome o : outcomes) {
          st.setString(1, storable(o.correlationId()));
          st.setString(2, storable(o.project()));
          st.setString(3, storable(o.principal()));
          st.setString(4, storable(o.question()));
          st.setString(5, storable(o.sql()));
          st.setString(6, o.status());
          st.setString(7, o.generator());
          st.setObject(8, o.rowCount());
          st.setInt(
              9,
              (int)
                  Math.round(o.stageMs().values().stream().mapToDouble(Double::doubleValue).sum()));
          st.setString(10, json(o.stageMs()));
          st.setString(11, storable(o.error()));
          st.addBatch();
        }
        st.executeBatch();
      }
      c.commit();
    } catch (SQLException e) {
      try {
        c.rollback(); // the next try (row by row) starts a transaction of its own
      } catch (SQLException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw e;
    }
  }

  /**
   * Text PostgreSQL can store: it has no NUL character (a question may carry one), and a lone
   * UTF-16 surrogate has no UTF-8 form; both become U+FFFD.
   */
  static String storable(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      boolean bad =
          ch == 0
              || Character.isHighSurrogate(ch)
                  && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
              || Character.isLowSurrogate(ch)
                  && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
      if (bad && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(bad ? '\uFFFD' : ch);
      }
    }
    return out == null ? text : out.toString();
  }

  private static String json(Map<String, Double> stageMs) {
    try {
      return JSON.writeValueAsString(stageMs);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stage timings are always serialisable", e);
    }
  }

  public List<Entry> recent(String project, int limit) {
    String query =
        "select id, correlation_id, project, principal, question, sql, status, generator, row_count,"
            + " total_ms, error, created_at from query_history where (? is null or project = ?)"
            + " order by id desc limit ?";
    List<Entry> entries = new ArrayList<>();
    try (Connection c = databases.connectionFor("the query history");
        PreparedStatement st = c.prepareStatement(query)) {
      st.setString(1, project);
      st.setString(2, project);
      st.setInt(3, limit);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          entries.add(
              new Entry(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  (Integer) rs.getObject(9),
                  rs.getInt(10),
                  rs.getString(11),
                  rs.getTimestamp(12).toInstant().toString()));
        }
      }
    } catch (SQLException e) {
      if (databases.failed(e)) {
        throw databases.unavailable("the query history");
      }
      throw new IllegalStateException("cannot read the query history", e);
    }
    return entries;
  }
}
