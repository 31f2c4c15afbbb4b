package io.insightengine.engine.semantic;

import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.DimensionSpec;
import io.insightengine.api.v1alpha1.semantic.GlossaryTermSpec;
import io.insightengine.api.v1alpha1.semantic.MeasureSpec;
import io.insightengine.api.v1alpha1.semantic.MetricSpec;
import io.insightengine.api.v1alpha1.semantic.ModelSpec;
import io.insightengine.api.v1alpha1.semantic.NamedFilterSpec;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every phrase that names something in the semantic model — names, labels, synonyms, glossary
 * terms, enumerated and sampled values — normalized by {@link Words}, with what it names.
 */
public final class Lexicon {
  /** What a phrase can name. */
  public sealed interface Target
      permits MetricRef,
          MeasureRef,
          DimensionRef,
          ColumnRef,
          ModelRef,
          ValueRef,
          FilterRef,
          TermRef {}

  public record MetricRef(String metric) implements Target {}

  public record MeasureRef(String measure) implements Target {}

  public record DimensionRef(String model, String dimension) implements Target {}

  public record ColumnRef(String model, String column) implements Target {}

  public record ModelRef(String model) implements Target {}

  /** A value of a column, e.g. region = 'EMEA'. */
  public record ValueRef(String model, String column, String value) implements Target {}

  public record FilterRef(String filter) implements Target {}

  public record TermRef(GlossaryTermSpec term) implements Target {}

  /** A phrase of the question (token positions, end exclusive) and what it may name. */
  public record Match(int start, int end, String phrase, List<Target> targets) {}

  static final int LONGEST_PHRASE = 6;

  /**
   * Filled while the lexicon is built, then only replaced whole (copy on write): sampled values
   * arrive from a background thread while requests read it.
   */
  private volatile Map<String, Set<Target>> phrases = new HashMap<>();

  private Lexicon() {}

  static Lexicon build(SemanticModelSpec spec, SemanticLayer layer) {
    Lexicon lexicon = new Lexicon();
    for (ModelSpec m : spec.getModels()) {
      ModelRef model = new ModelRef(m.getName());
      lexicon.add(m.getName(), model);
      if (m.getDbtModel() != null) {
        lexicon.add(m.getDbtModel(), model);
      }
      m.getSynonyms().forEach(s -> lexicon.add(s, model));
      for (ColumnSpec c : m.getColumns()) {
        ColumnRef column = new ColumnRef(m.getName(), c.getName());
        lexicon.add(c.getName(), column);
        c.getSynonyms().forEach(s -> lexicon.add(s, column));
        c.getValues().forEach(v -> lexicon.add(v, new ValueRef(m.getName(), c.getName(), v)));
        c.getValueSynonyms()
            .forEach(
                (value, words) ->
                    words.forEach(
                        w -> lexicon.add(w, new ValueRef(m.getName(), c.getName(), value))));
      }
      for (DimensionSpec d : m.getDimensions()) {
        DimensionRef dimension = new DimensionRef(m.getName(), d.getName());
        lexicon.add(d.getName(), dimension);
        if (d.getLabel() != null) {
          lexicon.add(d.getLabel(), dimension);
        }
        d.getSynonyms().forEach(s -> lexicon.add(s, dimension));
        ColumnSpec same =
            m.getColumns().stream()
                .filter(c -> c.getName().equals(d.getName()))
                .findFirst()
                .orElse(null);
        if (same != null) {
          same.getSynonyms().forEach(s -> lexicon.add(s, dimension));
        }
      }
      for (MeasureSpec ms : m.getMeasures()) {
        lexicon.add(ms.getName(), new MeasureRef(ms.getName()));
        ms.getSynonyms().forEach(s -> lexicon.add(s, new MeasureRef(ms.getName())));
      }
    }
    for (MetricSpec metric : spec.getMetrics()) {
      MetricRef ref = new MetricRef(metric.getName());
      lexicon.add(metric.getName(), ref);
      if (metric.getLabel() != null) {
        lexicon.add(metric.getLabel(), ref);
      }
      metric.getSynonyms().forEach(s -> lexicon.add(s, ref));
    }
    for (NamedFilterSpec f : spec.getFilters()) {
      lexicon.add(f.getName(), new FilterRef(f.getName()));
      f.getSynonyms().forEach(s -> lexicon.add(s, new FilterRef(f.getName())));
    }
    for (GlossaryTermSpec term : spec.getGlossary()) {
      lexicon.add(term.getTerm(), new TermRef(term));
      term.getSynonyms().forEach(s -> lexicon.add(s, new TermRef(term)));
    }
    return lexicon;
  }

  /** Adds sampled values of a column (distinct values read from the warehouse). */
  public synchronized void addValues(String model, String column, List<String> values) {
    Map<String, Set<Target>> copy = new HashMap<>(phrases);
    for (String v : values) {
      String key = Words.key(v);
      if (!key.isEmpty()) {
        // The sets of the published map are never changed: a touched key gets a new set.
        Set<Target> targets = new LinkedHashSet<>(copy.getOrDefault(key, Set.of()));
        targets.add(new ValueRef(model, column, v));
        copy.put(key, targets);
      }
    }
    phrases = copy;
  }

  private void add(String phrase, Target target) {
    String key = Words.key(phrase);
    if (!key.isEmpty()) {
      phrases.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(target);
    }
  }

  public List<Target> lookup(String phrase) {
    return List.copyOf(phrases.getOrDefault(Words.key(phrase), Set.of()));
  }

  /** Longest-first matches of known phrases over the tokens, left to right, not overlapping. */
  public List<Match> scan(List<String> tokens) {
    Map<String, Set<Target>> phrases = this.phrases;
    List<Match> matches = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      Match found = null;
      for (int len = Math.min(LONGEST_PHRASE, tokens.size() - i);
          len >= 1 && found == null;
          len--) {
        String key = String.join(" ", tokens.subList(i, i + len));
        Set<Target> targets = phrases.get(key);
        if (targets != null) {
          found = new Match(i, i + len, key, List.copyOf(targets));
        }
      }
      if (found != null) {
        matches.add(found);
        i = found.end();
      } else {
        i++;
      }
    }
    return matches;
  }
}
