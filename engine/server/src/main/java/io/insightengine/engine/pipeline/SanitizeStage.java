package io.insightengine.engine.pipeline;

import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.PiiClass;
import io.insightengine.engine.bundle.ProjectRuntime;
import io.insightengine.engine.security.Principal;
import io.insightengine.engine.security.pii.PiiMasker;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Stage 5: what the caller may see. Before execution it is where DataPolicy row filters and column
 * rules are rewritten into the query (they arrive with authentication; the anonymous principal
 * matches no policy subject, so nothing is rewritten yet). After execution it masks PII in the
 * rows: columns the semantic model tags with a PII class by class, every other text by pattern
 * (text cells arrive cut to the engine's cell length by the execute stage).
 */
@ApplicationScoped
public class SanitizeStage {
  private final PiiMasker masker = new PiiMasker();

  /** The policy seam: rewrites {@code select} for {@code principal}. */
  public Select applyPolicies(Select select, Principal principal, ProjectRuntime project) {
    return select;
  }

  /**
   * Masks the rows of {@code result}. Stops with 504 once {@code deadline} has passed, and when the
   * thread is interrupted: masking is checked between cells, so it ends within one cell of either.
   */
  public QueryResult maskResult(QueryResult result, ProjectRuntime project, Deadline deadline) {
    Map<String, PiiClass> piiColumns = new HashMap<>();
    project
        .semantics()
        .models()
        .forEach(m -> m.columns().values().forEach(c -> piiOf(c, piiColumns)));
    List<PiiClass> byColumn = new ArrayList<>();
    result.columns().forEach(c -> byColumn.add(piiColumns.get(c.name())));
    List<List<Object>> rows = new ArrayList<>(result.rows().size());
    for (List<Object> row : result.rows()) {
      List<Object> masked = new ArrayList<>(row.size());
      for (int i = 0; i < row.size(); i++) {
        deadline.check("its result was still being masked");
        Object value = row.get(i);
        if (value instanceof String text) {
          masked.add(
              byColumn.get(i) != null ? masker.mask(text, byColumn.get(i)) : masker.mask(text));
        } else {
          masked.add(value);
        }
      }
      rows.add(masked);
    }
    return new QueryResult(result.columns(), rows, result.truncated(), result.truncation());
  }

  public String maskText(String text) {
    return masker.mask(text);
  }

  private static void piiOf(ColumnSpec column, Map<String, PiiClass> into) {
    if (column.getPii() != null && column.getPii() != PiiClass.NONE) {
      into.put(column.getName(), column.getPii());
    }
  }
}
