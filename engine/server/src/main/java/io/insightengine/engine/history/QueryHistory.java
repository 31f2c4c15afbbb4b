package io.insightengine.engine.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightengine.engine.db.Databases;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jboss.logging.Logger;

/** The query history in the app database: every question and SQL run, with outcome and timings. */
@ApplicationScoped
public class QueryHistory {
  private static final Logger LOG = Logger.getLogger(QueryHistory.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Databases databases;

  public QueryHistory(Databases databases) {
    this.databases = databases;
  }

  /** One recorded request. */
  public record Entry(
      long id,
      String correlationId,
      String project,
      String principal,
      String question,
      String sql,
      String status,
      String generator,
      Integer rowCount,
      int totalMs,
      String error,
      String createdAt) {}

  /**
   * Records off the request path: an answer never waits for its history row. One writer thread
   * takes what has queued up and inserts it as one batch in one transaction (under load, one round
   * trip and one commit for many rows); a full queue makes callers write themselves (back-pressure,
   * nothing lost).
   */
  private static final int MAX_BATCH = 256;

  private final BlockingQueue<Outcome> queue = new LinkedBlockingQueue<>(10_000);
  private final Thread writer = new Thread(this::writeLoop, "query-history-writer");
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

  public void record(Outcome outcome) {
    if (!queue.offer(outcome)) {
      write(List.of(outcome));
    }
  }

  private void writeLoop() {
    List<Outcome> batch = new ArrayList<>(MAX_BATCH);
    while (running || !queue.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          Outcome first = running ? queue.take() : queue.poll();
          if (first == null) {
            break;
          }
          batch.add(first);
        }
        queue.drainTo(batch, MAX_BATCH - 1);
        write(batch);
        batch.clear();
      } catch (InterruptedException e) {
        // Shutting down: the loop writes what is left, then ends.
      } catch (RuntimeException e) {
        LOG.warnf("query history writer: %s", e.toString());
        batch.clear();
      }
    }
  }

  private void write(List<Outcome> outcomes) {
    String insert =
        "insert into query_history (correlation_id, project, principal, question, sql, status,"
            + " generator, row_count, total_ms, stage_ms, error) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)";
    try (Connection c = databases.app().getConnection()) {
      c.setAutoCommit(false);
      try (var async = c.createStatement()) {
        // History may lose its last entries in a crash; answers must not wait for a disk flush.
        async.execute("SET LOCAL synchronous_commit = off");
      }
      try (PreparedStatement st = c.prepareStatement(insert)) {
        for (Outcome o : outcomes) {
          st.setString(1, o.correlationId());
          st.setString(2, o.project());
          st.setString(3, o.principal());
          st.setString(4, o.question());
          st.setString(5, o.sql());
          st.setString(6, o.status());
          st.setString(7, o.generator());
          st.setObject(8, o.rowCount());
          st.setInt(
              9,
              (int)
                  Math.round(o.stageMs().values().stream().mapToDouble(Double::doubleValue).sum()));
          st.setString(10, JSON.writeValueAsString(o.stageMs()));
          st.setString(11, o.error());
          st.addBatch();
        }
        st.executeBatch();
      }
      c.commit();
    } catch (SQLException | JsonProcessingException e) {
      // History must never fail the answer itself.
      LOG.warnf(
          "could not record %d query history entries (first %s): %s",
          outcomes.size(), outcomes.get(0).correlationId(), e.getMessage());
    }
  }

  public List<Entry> recent(String project, int limit) {
    String query =
        "select id, correlation_id, project, principal, question, sql, status, generator, row_count,"
            + " total_ms, error, created_at from query_history where (? is null or project = ?)"
            + " order by id desc limit ?";
    List<Entry> entries = new ArrayList<>();
    try (Connection c = databases.app().getConnection();
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
      throw new IllegalStateException("cannot read the query history", e);
    }
    return entries;
  }
}
