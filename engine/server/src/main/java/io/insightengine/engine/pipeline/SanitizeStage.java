package io.insightengine.engine.pipeline;

import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.PiiClass;
import io.insightengine.engine.bundle.ProjectRuntime;
import io.insightengine.engine.config.EngineConfig;
import io.insightengine.engine.security.Principal;
import io.insightengine.engine.security.pii.PiiMasker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Stage 5: what the caller may see. Before execution it is where DataPolicy row filters and column
 * rules are rewritten into the query (they arrive with authentication; the anonymous principal
 * matches no policy subject, so nothing is rewritten yet). After execution it masks PII in the
 * rows: columns the semantic model tags with a PII class by class, every other text by pattern;
 * text cells beyond {@code insight.results.max-cell-length} characters are cut to it first.
 */
@ApplicationScoped
public class SanitizeStage {
  private final PiiMasker masker = new PiiMasker();
  private final int maxCellLength;

  @Inject
  public SanitizeStage(EngineConfig config) {
    this(config.results().maxCellLength());
  }

  SanitizeStage(int maxCellLength) {
    if (maxCellLength < 1) {
      throw new IllegalArgumentException(
          "insight.results.max-cell-length must be at least 1, not " + maxCellLength);
    }
    this.maxCellLength = maxCellLength;
  }

  /** The policy seam: rewrites {@code select} for {@code principal}. */
  public Select applyPolicies(Select select, Principal principal, ProjectRuntime project) {
    return select;
  }

  /**
   * Masks the rows of {@code result}. Text cells longer than the engine's cell length are cut to it
   * first (the result then says so). Stops with 504 once {@code deadline} ({@link
   * System#nanoTime()}) has passed, and when the thread is interrupted: masking is checked between
   * cells, so it ends within one cell of either.
   */
  public QueryResult maskResult(QueryResult result, ProjectRuntime project, long deadline) {
    Map<String, PiiClass> piiColumns = new HashMap<>();
    project
        .semantics()
        .models()
        .forEach(m -> m.columns().values().forEach(c -> piiOf(c, piiColumns)));
    List<PiiClass> byColumn = new ArrayList<>();
    result.columns().forEach(c -> byColumn.add(piiColumns.get(c.name())));
    List<List<Object>> rows = new ArrayList<>(result.rows().size());
    int cut = 0;
    for (List<Object> row : result.rows()) {
      List<Object> masked = new ArrayList<>(row.size());
      for (int i = 0; i < row.size(); i++) {
        stopIfDue(deadline, project);
        Object value = row.get(i);
        if (value instanceof String text) {
          if (text.length() > maxCellLength) {
            text = text.substring(0, PiiMasker.cutBefore(text, maxCellLength));
            cut++;
          }
          masked.add(
              byColumn.get(i) != null ? masker.mask(text, byColumn.get(i)) : masker.mask(text));
        } else {
          masked.add(value);
        }
      }
      rows.add(masked);
    }
    if (cut == 0) {
      return new QueryResult(result.columns(), rows, result.truncated(), result.truncation());
    }
    String cells =
        cut
            + (cut == 1 ? " text value" : " text values")
            + " longer than "
            + maxCellLength
            + " characters cut to "
            + maxCellLength;
    return new QueryResult(
        result.columns(),
        rows,
        true,
        result.truncation() == null ? cells : result.truncation() + "; " + cells);
  }

  private static void stopIfDue(long deadline, ProjectRuntime project) {
    // The interrupt is left set: whoever interrupted the request decides what follows.
    if (Thread.currentThread().isInterrupted()) {
      throw new PipelineException(
          "request-cancelled", 503, "the request was cancelled while its result was being masked");
    }
    if (System.nanoTime() - deadline > 0) {
      throw new PipelineException(
          "query-timeout",
          504,
          "the query ran longer than this project's limit of "
              + project.queryTimeout().toSeconds()
              + " s (its result was still being masked)");
    }
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
