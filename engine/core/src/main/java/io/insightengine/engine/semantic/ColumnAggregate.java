package io.insightengine.engine.semantic;

import java.util.Map;
import java.util.Optional;

/**
 * An ad-hoc aggregation of one column that the question names ("the average discount", "the highest
 * price"), carried in an intent's metric list as {@code <function>:<model>.<column>}. One parser
 * for every stage that reads it, until the typed semantic query replaces the strings.
 *
 * @param function avg, sum, max or min
 */
public record ColumnAggregate(String function, String model, String column) {
  /** The functions and how an explanation says them. */
  private static final Map<String, String> SAID =
      Map.of("avg", "the average", "sum", "the total", "max", "the highest", "min", "the lowest");

  public static Optional<ColumnAggregate> parse(String metric) {
    int colon = metric.indexOf(':');
    int dot = metric.indexOf('.', colon + 1);
    if (colon < 0 || dot < 0 || !SAID.containsKey(metric.substring(0, colon))) {
      return Optional.empty();
    }
    return Optional.of(
        new ColumnAggregate(
            metric.substring(0, colon),
            metric.substring(colon + 1, dot),
            metric.substring(dot + 1)));
  }

  /** The intent's metric string. */
  public String key() {
    return function + ":" + model + "." + column;
  }

  /** The answer column's name: avg_unit_price. */
  public String alias() {
    return function + "_" + column;
  }

  /** How an explanation says it: the highest unit price. */
  public String said() {
    return SAID.get(function) + " " + column.replace('_', ' ');
  }
}
