package io.insightengine.engine.pipeline;

import io.insightengine.engine.bundle.ProjectRuntime;
import io.insightengine.engine.config.EngineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 6: runs the query on the project's own warehouse, as its SELECT-only reader, in a read-only
 * transaction with the project's statement timeout; the transaction is always rolled back. Rows are
 * read in batches of {@value #FETCH_ROWS} (a cursor, so the driver holds one batch, not the whole
 * result) and bounded as they are read ({@link ResultBounds}: maxRows, the project's result size,
 * the engine's cell length); reading stops at the first bound reached, or with 504 once the
 * request's deadline has passed. A query whose client goes away is cancelled in the warehouse
 * ({@link AbandonedStatements}).
 */
@ApplicationScoped
public class ExecuteStage {
  static final int FETCH_ROWS = 50;
  private final int maxCellLength;

  private final AbandonedStatements abandoned;

  @Inject
  public ExecuteStage(EngineConfig config, AbandonedStatements abandoned) {
    this.abandoned = abandoned;
    this.maxCellLength = config.results().maxCellLength();
    if (maxCellLength < 1) {
      throw new IllegalArgumentException(
          "insight.results.max-cell-length must be at least 1, not " + maxCellLength);
    }
  }

  /** Runs {@code sql} with the time {@code deadline} leaves, reading the rows included. */
  public QueryResult execute(String sql, ProjectRuntime project, Deadline deadline) {
    ResultBounds bounds =
        new ResultBounds(project.maxRows(), project.maxResultBytes(), maxCellLength);
    try (Connection c =
        project.warehouse().readOnlyTransaction(deadline.remaining("before the query ran"))) {
      try {
        List<QueryResult.Column> columns = new ArrayList<>();
        String bounded = cellsCut(c, sql, columns);
        try (Statement st = c.createStatement()) {
          st.setMaxRows(project.maxRows() + 1);
          st.setFetchSize(FETCH_ROWS);
          try (AbandonedStatements.Watch watch = abandoned.watch(st, deadline);
              ResultSet rs = st.executeQuery(bounded)) {
            while (bounds.open() && rs.next()) {
              deadline.check("its rows were being read");
              List<Object> row = new ArrayList<>(columns.size());
              for (int i = 1; i <= columns.size(); i++) {
                row.add(bounds.cell(value(rs.getObject(i))));
              }
              bounds.add(row);
            }
            return bounds.result(columns);
          }
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      project.warehouse().throwIfOutage(e);
      deadline.check("the query ran"); // cancelled because its client went away: 503, not 504
      if ("57014".equals(e.getSQLState())) {
        throw new PipelineException(
            "query-timeout",
            504,
            "the query ran longer than this project's limit of "
                + project.queryTimeout().toSeconds()
                + " s");
      }
      throw new PipelineException(
          "query-failed",
          422,
          "the warehouse refused the query: "
              + io.insightengine.engine.warehouse.WarehouseErrors.withoutData(e.getMessage()));
    }
  }

  /**
   * {@code sql} such that the warehouse itself cuts every text-like value to one character more
   * than the cell length (so the cut is seen): a value of any size (lpad, string_agg, a JSON
   * document) then never crosses the network or fills the engine's memory whole. The query's
   * columns are described without running it (JDBC metadata of a prepared statement) and put into
   * {@code columns}; when none is text-like the query runs as it is. Otherwise it becomes the
   * derived table of a projection, its columns renamed by position (its own names may repeat), the
   * labels kept: {@code SELECT left(q.c1::text, n), q.c2 FROM (<sql>) AS q(c1, c2)}. A projection
   * over a derived table keeps its rows' order in PostgreSQL.
   */
  private String cellsCut(Connection c, String sql, List<QueryResult.Column> columns)
      throws SQLException {
    List<Boolean> textLike = new ArrayList<>();
    try (PreparedStatement described = c.prepareStatement(sql)) {
      ResultSetMetaData meta = described.getMetaData();
      if (meta == null) {
        throw new SQLException("the query returns no rows", "42000");
      }
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(new QueryResult.Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
        textLike.add(!BOUNDED_TYPES.contains(meta.getColumnType(i)));
      }
    }
    if (!textLike.contains(true)) {
      return sql;
    }
    StringBuilder projection = new StringBuilder("SELECT ");
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      String position = "c" + (i + 1);
      projection
          .append(i == 0 ? "" : ", ")
          .append(
              textLike.get(i)
                  ? "left(q." + position + "::text, " + (maxCellLength + 1) + ")"
                  : "q." + position)
          .append(" AS \"")
          .append(columns.get(i).name().replace("\"", "\"\""))
          .append('"');
      names.append(i == 0 ? "" : ", ").append(position);
    }
    return projection
        .append(" FROM (")
        .append(sql)
        .append(") AS q(")
        .append(names)
        .append(')')
        .toString();
  }

  /** JDBC types whose values have a small bound: everything else is cut as text. */
  private static final java.util.Set<Integer> BOUNDED_TYPES =
      java.util.Set.of(
          Types.BIT,
          Types.BOOLEAN,
          Types.TINYINT,
          Types.SMALLINT,
          Types.INTEGER,
          Types.BIGINT,
          Types.REAL,
          Types.FLOAT,
          Types.DOUBLE,
          Types.NUMERIC,
          Types.DECIMAL,
          Types.DATE,
          Types.TIME,
          Types.TIME_WITH_TIMEZONE,
          Types.TIMESTAMP,
          Types.TIMESTAMP_WITH_TIMEZONE);

  /** JSON-friendly values: dates as ISO strings, numbers as numbers. */
  private static Object value(Object value) {
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toInstant().toString();
    }
    if (value instanceof java.sql.Array || value instanceof org.postgresql.util.PGobject) {
      return value.toString();
    }
    return value;
  }
}
