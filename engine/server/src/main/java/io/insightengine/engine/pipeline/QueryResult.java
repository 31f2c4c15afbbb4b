package io.insightengine.engine.pipeline;

import java.util.List;

/** Rows as returned to callers, with each column's SQL type; {@code truncated} when capped. */
public record QueryResult(List<Column> columns, List<List<Object>> rows, boolean truncated) {
  /** A result column: name and database type name (bigint, numeric, text, date ...). */
  public record Column(String name, String type) {}
}
