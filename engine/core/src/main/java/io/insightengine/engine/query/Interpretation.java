package io.insightengine.engine.query;

import io.insightengine.engine.interpret.TimeRange;
import java.util.List;

/**
 * The interpreter's reading of a question: the semantic query it understood, or the questions to
 * ask back.
 *
 * @param query what to compute; null when the question could not be read at all
 * @param period the period the question named (for explanations), or null
 * @param matched the phrases matched to the semantic model
 * @param clarifications what to ask back; empty when the query answers the question
 * @param unplaced content words that matched nothing in the project
 * @param readings concrete readings to offer with a clarification, each executable
 * @param confidence 0..1; below {@link #CONFIDENCE_THRESHOLD} the question is asked back
 */
public record Interpretation(
    String question,
    SemanticQuery query,
    TimeRange period,
    List<String> matched,
    List<String> clarifications,
    List<String> unplaced,
    List<Reading> readings,
    double confidence) {

  /**
   * Readings below this confidence are never answered: a reading with every word placed scores 0.9,
   * one that needed a guess (a word matched only by meaning, a default chosen between equals)
   * scores below 0.6 and is offered as a clarification instead.
   */
  public static final double CONFIDENCE_THRESHOLD = 0.6;

  public Interpretation {
    matched = List.copyOf(matched);
    clarifications = List.copyOf(clarifications);
    unplaced = List.copyOf(unplaced);
    readings = List.copyOf(readings);
  }

  /** A reading offered with a clarification: how it is said, and the query that answers it. */
  public record Reading(String label, SemanticQuery query) {}

  public boolean understood() {
    return query != null && clarifications.isEmpty() && confidence >= CONFIDENCE_THRESHOLD;
  }
}
