package io.insightengine.engine.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.query.SemanticQuery;
import java.util.List;
import java.util.Map;

/**
 * The response of the pipeline: the SQL, what it computes in words, the rows (when executed), or
 * the clarifications to choose from; with per-stage timings and the correlation ID. {@code
 * truncated} says that not all of the result is shown, {@code truncation} what was left out (rows
 * beyond maxRows, text cells cut to the engine's cell length).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Answer(
    String status,
    String correlationId,
    String project,
    String question,
    String sql,
    String generator,
    String explanation,
    String summary,
    List<QueryResult.Column> columns,
    List<List<Object>> rows,
    Boolean truncated,
    String truncation,
    List<String> clarifications,
    SemanticQuery query,
    List<Interpretation.Reading> readings,
    List<String> unplaced,
    Map<String, Double> timingsMs) {
  public static final String ANSWERED = "answered";
  public static final String NEEDS_CLARIFICATION = "needs_clarification";
}
