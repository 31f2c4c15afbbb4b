package io.insightengine.engine.pipeline;

import java.util.List;

/**
 * Rows as returned to callers, with each column's SQL type; {@code truncated} when not all of the
 * result is shown (more rows than the project's maxRows, or text cells cut to the engine's cell
 * length), and {@code truncation} saying what was left out.
 */
public record QueryResult(
    List<Column> columns, List<List<Object>> rows, boolean truncated, String truncation) {
  /** A result column: name and database type name (bigint, numeric, text, date ...). */
  public record Column(String name, String type) {}

  /** A result whose only truncation can be its rows: the first {@code rows} of more. */
  public QueryResult(List<Column> columns, List<List<Object>> rows, boolean truncated) {
    this(columns, rows, truncated, truncated ? rowsLeftOut(rows.size()) : null);
  }

  static String rowsLeftOut(int shown) {
    return "more than " + shown + " rows: the first " + shown + " are shown";
  }
}
