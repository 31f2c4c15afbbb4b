package io.insightengine.engine.interpret;

import java.util.List;

/**
 * What a question asks, in terms of the semantic model: the stage-1 output that generators compile
 * to SQL.
 *
 * @param metrics metric names to compute (or measure names, prefixed {@code measure:})
 * @param groupBy dimensions as {@code model.dimension}
 * @param filters row conditions
 * @param havings conditions on computed metrics
 * @param timeRange the period asked about, or null
 * @param timeDimension the {@code model.dimension} the period and grain apply to, or null
 * @param grain the time grain to group by, or null
 * @param order how to sort, or null
 * @param limit how many rows, or null
 * @param clarifications readings to offer when the question is ambiguous or not understood
 * @param confidence 0..1, how sure the interpreter is of this reading
 */
// percent: the question asks for ratios "in percent" / "as a percentage": on a 0-100 scale.
public record Intent(
    String question,
    List<String> metrics,
    List<String> groupBy,
    List<Condition> filters,
    List<Condition> havings,
    TimeRange timeRange,
    String timeDimension,
    TimeGrain grain,
    Order order,
    Integer limit,
    List<String> matched,
    List<String> clarifications,
    double confidence,
    boolean percent) {

  /** A condition: {@code model.column op values} or a SQL predicate over a model. */
  public record Condition(
      String model, String column, String operator, List<String> values, String sql, String label) {
    public static Condition sql(String model, String sql, String label) {
      return new Condition(model, null, null, List.of(), sql, label);
    }
  }

  /** Sort by a metric or dimension ({@code target}), descending or not. */
  public record Order(String target, boolean descending) {}

  public boolean understood() {
    return clarifications.isEmpty();
  }
}
