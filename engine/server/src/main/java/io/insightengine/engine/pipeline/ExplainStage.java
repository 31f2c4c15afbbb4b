package io.insightengine.engine.pipeline;

import io.insightengine.engine.bundle.ProjectRuntime;
import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.query.QueryDescription;
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

  public Explanation explain(
      Interpretation interpretation, ProjectRuntime project, QueryResult result) {
    return new Explanation(
        describe(interpretation, project.semantics()),
        result == null ? null : summarize(interpretation, result));
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

  static String describe(Interpretation interpretation, SemanticLayer layer) {
    return interpretation == null || interpretation.query() == null
        ? null
        : QueryDescription.describe(interpretation.query(), interpretation.period(), layer);
  }

  static String summarize(Interpretation interpretation, QueryResult result) {
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
        + (interpretation != null
                && interpretation.query() != null
                && !interpretation.query().orderBy().isEmpty()
                && interpretation.query().orderBy().get(0).descending()
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
