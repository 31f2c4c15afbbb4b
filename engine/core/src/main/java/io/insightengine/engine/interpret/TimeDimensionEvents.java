package io.insightengine.engine.interpret;

import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.engine.semantic.DateColumns;
import io.insightengine.engine.semantic.SemanticLayer;
import io.insightengine.engine.semantic.Words;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The recogniser of events: which time dimension a word or a verb of the question names by what the
 * dimension records — its name, label, its column's description ("Day the ticket was closed") and
 * synonyms ("resolution date"). "closed" names the close date, "resolved" a {@code resolution
 * date}. Dimensions are named {@code model.dimension}.
 */
final class TimeDimensionEvents {
  private static final String DATE = Words.key("date");

  private final SemanticLayer layer;

  TimeDimensionEvents(SemanticLayer layer) {
    this.layer = layer;
  }

  /**
   * The one time dimension of a model whose words name this word; a word that begins a word written
   * as one ("sign" of "signup") only when none names it as a word. Null when none or several do.
   */
  String recording(String model, String word) {
    List<String> named = new ArrayList<>();
    List<String> compounds = new ArrayList<>();
    layer
        .model(model)
        .ifPresent(
            m -> {
              for (SemanticLayer.Dimension d : m.dimensions().values()) {
                if (!d.time()) {
                  continue;
                }
                Set<String> words = new LinkedHashSet<>(eventWords(m, d));
                if (words.contains(word)) {
                  named.add(model + "." + d.name());
                } else if (compoundOf(words, word)) {
                  compounds.add(model + "." + d.name());
                }
              }
            });
    return one(named.isEmpty() ? compounds : named);
  }

  /** The time dimensions of these models whose words hold this phrase, in order. */
  List<String> recordingPhrase(List<String> models, List<String> phrase) {
    List<String> found = new ArrayList<>();
    for (String name : models) {
      var model = layer.model(name);
      if (model.isEmpty()) {
        continue;
      }
      for (var dimension : model.get().dimensions().values()) {
        if (dimension.time()
            && Collections.indexOfSubList(eventWords(model.get(), dimension), phrase) >= 0) {
          found.add(name + "." + dimension.name());
        }
      }
    }
    return found;
  }

  /**
   * The time dimension of those that record one event: the only one; or, when they are one event at
   * two precisions (a moment and its day: "closed_at", "closed_date"), the model's default among
   * them, else the day. Dimensions of different events ("day" names every date) give none.
   */
  String one(List<String> found) {
    if (found.size() == 1) {
      return found.get(0);
    }
    Set<List<String>> events = new HashSet<>();
    for (String f : found) {
      events.add(DateColumns.eventOf(f.substring(f.indexOf('.') + 1)));
    }
    if (found.isEmpty() || events.size() != 1 || events.iterator().next().isEmpty()) {
      return null;
    }
    for (String f : found) {
      String model = f.substring(0, f.indexOf('.'));
      String dimension = f.substring(f.indexOf('.') + 1);
      if (layer.model(model).map(m -> dimension.equals(m.defaultTimeDimension())).orElse(false)) {
        return f;
      }
    }
    return found.stream().filter(f -> Words.tokens(f).contains(DATE)).findFirst().orElse(null);
  }

  /**
   * Up to {@code max} time dimensions of a model ({@code model.dimension}), one per event: of an
   * event recorded at two precisions ({@code closed_at}, {@code closed_date}) the day.
   */
  static List<String> oneDatePerEvent(SemanticLayer layer, String model, int max) {
    Map<List<String>, String> byEvent = new LinkedHashMap<>();
    layer.model(model).stream()
        .flatMap(m -> m.dimensions().values().stream())
        .filter(SemanticLayer.Dimension::time)
        .forEach(
            d -> {
              boolean day = Words.tokens(d.name()).contains(DATE);
              String qualified = d.model() + "." + d.name();
              byEvent.merge(
                  DateColumns.eventOf(d.name()), qualified, (kept, other) -> day ? other : kept);
            });
    return byEvent.values().stream().limit(max).toList();
  }

  /** The words that say what a time dimension records, in order. */
  static List<String> eventWords(SemanticLayer.Model model, SemanticLayer.Dimension d) {
    List<String> words = new ArrayList<>(Words.tokens(d.name()));
    if (d.label() != null) {
      words.addAll(Words.tokens(d.label()));
    }
    ColumnSpec column = model.columns().get(d.name());
    if (column != null && column.getDescription() != null) {
      words.addAll(describedEvents(column.getDescription()));
    }
    if (column != null) {
      column.getSynonyms().forEach(s -> words.addAll(Words.tokens(s)));
    }
    return words;
  }

  /**
   * The verbs of a description in an inflected form ("Day the ticket was closed", "the day it
   * started operating"): what happened on the date. Its other words — the things involved
   * ("ticket", "employee"), words such as "last" or "first" — a question says for other reasons,
   * and read as the event they would date it by a date it does not mean.
   */
  static List<String> describedEvents(String description) {
    List<String> lemmas = Words.tokens(description);
    List<String> written = Words.written(description);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < lemmas.size() && i < written.size(); i++) {
      String lemma = lemmas.get(i);
      if (!lemma.equals(written.get(i)) && !Words.isOnlyANoun(lemma)) {
        events.add(lemma);
      }
    }
    return events;
  }

  /**
   * Whether a word begins one of the words of a name written as one ("sign" of "signup", "check" of
   * "checkout"): at least four letters, so short words meet nothing by chance.
   */
  private static boolean compoundOf(Set<String> words, String word) {
    return word.length() >= 4
        && words.stream().anyMatch(w -> w.length() > word.length() && w.startsWith(word));
  }
}
