package io.insightengine.engine.interpret;

import io.insightengine.engine.semantic.Lexicon.Target;
import java.util.List;

/** A phrase of the question (tokens {@code start} to {@code end}) and what it names. */
record Mention(int start, int end, String phrase, List<Target> targets) {
  /** The targets of one kind. */
  static <T> List<T> only(List<Target> targets, Class<T> type) {
    return targets.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
