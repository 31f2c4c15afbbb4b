package io.insightengine.engine.generate;

import java.util.List;

/** What a generator answers: SQL, or the readings to choose from, or that it declines. */
public sealed interface GenerationResult {
  /** SQL that answers the question, with the generator's confidence (0..1). */
  record Generated(String sql, String generator, double confidence) implements GenerationResult {}

  /** The question has several readings, or none: ask instead of guessing. */
  record NeedsClarification(String message, List<String> candidates) implements GenerationResult {}

  /** This generator cannot answer; the next in the chain may. */
  record Declined(String generator, String reason) implements GenerationResult {}
}
