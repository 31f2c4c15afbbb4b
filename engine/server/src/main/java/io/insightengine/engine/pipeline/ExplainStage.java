package io.insightengine.engine.pipeline;

import io.insightengine.engine.bundle.ProjectRuntime;
import io.insightengine.engine.interpret.Intent;
import io.insightengine.engine.semantic.SemanticLayer;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 7: says in plain words what was computed (metrics, filters, grouping, period) and what came
 * back, so a business user can check the answer without reading SQL.
 */
@ApplicationScoped
public class ExplainStage {
  /** The description of the computation and a one-line summary of the result. */
  public record Explanation(String description, String summary) {}

  public Explanation explain(Intent intent, ProjectRuntime project, QueryResult result) {
    return new Explanation(
        describe(intent, project.semantics()), result == null ? null : summarize(intent, result));
  }

  /** What executing caller-supplied SQL did. */
  public Explanation explainSql(QueryResult result, List<String> tables) {
    String summary =
        result == null
            ? null
            : result.rows().size()
                + (result.rows().size() == 1 ? " row" : " rows")
                + (result.truncated() ? " (truncated)" : "");
    return new Explanation("Ran the given query over " + String.join(", ", tables) + ".", summary);
  }

  static String describe(Intent intent, SemanticLayer layer) {
    if (intent == null || intent.metrics().isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    List<String> metrics = intent.metrics().stream().map(m -> metricText(m, layer)).toList();
    StringBuilder text = new StringBuilder("Computed ").append(String.join(" and ", metrics));
    if (!intent.filters().isEmpty()) {
      parts.add(
          "where "
              + String.join(
                  " and ", intent.filters().stream().map(Intent.Condition::label).toList()));
    }
    if (intent.timeRange() != null) {
      String dimension =
          intent.timeDimension() == null
              ? ""
              : " by "
                  + intent
                      .timeDimension()
                      .substring(intent.timeDimension().indexOf('.') + 1)
                      .replace('_', ' ');
      parts.add("for " + intent.timeRange().describe() + dimension);
    }
    if (intent.grain() != null) {
      parts.add("per " + intent.grain().sqlName());
    }
    if (!intent.groupBy().isEmpty()) {
      parts.add(
          "grouped by "
              + String.join(
                  ", ",
                  intent.groupBy().stream()
                      .map(g -> g.substring(g.indexOf('.') + 1).replace('_', ' '))
                      .toList()));
    }
    if (!intent.havings().isEmpty()) {
      parts.add(
          "keeping groups with "
              + String.join(
                  " and ", intent.havings().stream().map(Intent.Condition::label).toList()));
    }
    if (intent.order() != null && intent.limit() != null) {
      parts.add((intent.order().descending() ? "highest " : "lowest ") + intent.limit() + " first");
    }
    if (!parts.isEmpty()) {
      text.append(", ").append(String.join(", ", parts));
    }
    return text.append('.').toString();
  }

  private static String metricText(String metric, SemanticLayer layer) {
    if (metric.startsWith("count:")) {
      return "the number of " + metric.substring(6).replace('_', ' ');
    }
    var aggregate = io.insightengine.engine.semantic.ColumnAggregate.parse(metric);
    if (aggregate.isPresent()) {
      return aggregate.get().said();
    }
    if (metric.startsWith("measure:")) {
      return layer
          .measure(metric.substring(8))
          .map(m -> m.description() != null ? lower(m.description()) : m.name().replace('_', ' '))
          .orElse(metric);
    }
    return layer
        .metric(metric)
        .map(
            m -> {
              String label = m.label().toLowerCase(java.util.Locale.ROOT);
              String description = m.spec().getDescription();
              return description == null ? label : label + " (" + lower(description) + ")";
            })
        .orElse(metric);
  }

  private static String lower(String sentence) {
    String trimmed =
        sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    return trimmed.isEmpty()
        ? trimmed
        : Character.toLowerCase(trimmed.charAt(0)) + trimmed.substring(1);
  }

  static String summarize(Intent intent, QueryResult result) {
    if (result.rows().isEmpty()) {
      return "No rows matched.";
    }
    if (result.rows().size() == 1 && result.columns().size() == 1) {
      return result.columns().get(0).name().replace('_', ' ')
          + ": "
          + format(result.rows().get(0).get(0))
          + ".";
    }
    if (result.rows().size() == 1) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < result.columns().size(); i++) {
        cells.add(
            result.columns().get(i).name().replace('_', ' ')
                + " "
                + format(result.rows().get(0).get(i)));
      }
      return String.join(", ", cells) + ".";
    }
    List<Object> first = result.rows().get(0);
    String lead =
        first.size() >= 2
            ? format(first.get(0)) + " leads with " + format(first.get(first.size() - 1))
            : format(first.get(0));
    return result.rows().size()
        + " rows"
        + (result.truncated() ? " (truncated)" : "")
        + (intent != null && intent.order() != null && intent.order().descending()
            ? "; " + lead + "."
            : ".");
  }

  private static String format(Object value) {
    if (value instanceof BigDecimal d) {
      return d.setScale(Math.min(2, Math.max(0, d.scale())), RoundingMode.HALF_UP).toPlainString();
    }
    if (value instanceof Double d) {
      return BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
    return String.valueOf(value);
  }
}
