package io.insightengine.engine.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightengine.engine.db.Databases;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
   * keeps rows in order; a full queue makes callers write themselves (back-pressure, nothing lost).
   */
  private final java.util.concurrent.ThreadPoolExecutor writer =
      new java.util.concurrent.ThreadPoolExecutor(
          1,
          1,
          0,
          java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.LinkedBlockingQueue<>(10_000),
          r -> {
            Thread thread = new Thread(r, "query-history-writer");
            thread.setDaemon(true);
            return thread;
          },
          new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());

  void drain(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event)
      throws InterruptedException {
    writer.shutdown();
    writer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
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
    writer.execute(() -> write(outcome));
  }

  private void write(Outcome o) {
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
            (int) Math.round(o.stageMs().values().stream().mapToDouble(Double::doubleValue).sum()));
        st.setString(10, JSON.writeValueAsString(o.stageMs()));
        st.setString(11, o.error());
        st.executeUpdate();
      }
      c.commit();
    } catch (SQLException | JsonProcessingException e) {
      // History must never fail the answer itself.
      LOG.warnf("could not record query history for %s: %s", o.correlationId(), e.getMessage());
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
