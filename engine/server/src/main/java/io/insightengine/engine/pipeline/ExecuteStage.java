package io.insightengine.engine.pipeline;

import io.insightengine.engine.bundle.ProjectRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 6: runs the query on the project's own warehouse, as its SELECT-only reader, in a read-only
 * transaction with the project's statement timeout, reading at most max rows; the transaction is
 * always rolled back.
 */
@ApplicationScoped
public class ExecuteStage {
  public QueryResult execute(String sql, ProjectRuntime project) {
    int maxRows = project.maxRows();
    try (Connection c = project.warehouse().readOnlyTransaction(project.queryTimeout())) {
      try (Statement st = c.createStatement()) {
        st.setMaxRows(maxRows + 1);
        try (ResultSet rs = st.executeQuery(sql)) {
          ResultSetMetaData meta = rs.getMetaData();
          List<QueryResult.Column> columns = new ArrayList<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(new QueryResult.Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
          }
          List<List<Object>> rows = new ArrayList<>();
          boolean truncated = false;
          while (rs.next()) {
            if (rows.size() == maxRows) {
              truncated = true; // one row more than allowed exists
              break;
            }
            List<Object> row = new ArrayList<>(columns.size());
            for (int i = 1; i <= columns.size(); i++) {
              row.add(value(rs.getObject(i)));
            }
            rows.add(row);
          }
          return new QueryResult(columns, rows, truncated);
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      project.warehouse().throwIfOutage(e);
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
