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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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

  /**
   * Codes, as written in capitals, that name a value only when a question writes them so ("IN" for
   * 'IN', where "in" is the question's own word); replaced whole like the phrases.
   */
  private volatile Map<String, Set<Target>> codes = new HashMap<>();

  /** The phrases that only standard names of values gave (see {@link #addAliases}). */
  private final Set<String> aliasKeys = new HashSet<>();

  /** The codes that only standard codes of values gave. */
  private final Set<String> aliasCodes = new HashSet<>();

  /**
   * Standard names of values that a phrase of the model shadows ("France" of a country code where a
   * region is called France): not read as they are, but the reading of a value said of one model
   * ("French customers") when that model has no other. Replaced whole like the phrases.
   */
  private volatile Map<String, Set<Target>> shadowedNames = Map.of();

  /** The values known per column, whose standard names are read together. */
  private final Map<ColumnRef, Set<String>> columnValues = new HashMap<>();

  /** A value written as a code: two or three capitals. */
  private static final Pattern CODE = Pattern.compile("\\p{Lu}{2,3}");

  private Lexicon() {}

  private static final java.util.regex.Pattern STATE_PREFIX =
      java.util.regex.Pattern.compile("^(is|has)_");

  /** The state a true/false column's name states: "active" of {@code is_active}. */
  public static String stateOf(String column) {
    return STATE_PREFIX.matcher(column).replaceFirst("");
  }

  static Lexicon build(SemanticModelSpec spec, SemanticLayer layer) {
    Lexicon lexicon = new Lexicon();
    Map<ColumnRef, List<String>> enumerated = new LinkedHashMap<>();
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
        List<String> withoutUnit = Units.nameWithoutUnit(c.getName(), c.getUnit());
        if (!withoutUnit.isEmpty()) {
          lexicon.add(String.join(" ", withoutUnit), column);
        }
        // A name WordNet knows as one phrase has its other names: "postcode" for postal_code.
        for (String other : Words.phraseSynonyms(c.getName())) {
          if (other.contains(" ") || Words.isOnlyANoun(other)) {
            lexicon.add(other, column);
          }
        }
        // A true/false column named as a state ("is_active", "has_discount") is named by the
        // state alone: "active agents", "escalated tickets".
        String state = stateOf(c.getName());
        if (!state.isEmpty() && !state.equals(c.getName())) {
          lexicon.add(state, column);
        }
        c.getSynonyms().forEach(s -> lexicon.add(s, column));
        c.getValues()
            .forEach(
                v ->
                    addValue(
                        lexicon.phrases, lexicon.codes, new ValueRef(m.getName(), c.getName(), v)));
        c.getValueSynonyms()
            .forEach(
                (value, words) ->
                    words.forEach(
                        w -> lexicon.add(w, new ValueRef(m.getName(), c.getName(), value))));
        List<String> values = new ArrayList<>(c.getValues());
        values.addAll(c.getValueSynonyms().keySet());
        if (!values.isEmpty()) {
          enumerated.put(column, values);
        }
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
    // After every phrase of the model, so that a standard name never shadows one.
    enumerated.forEach(
        (column, values) ->
            lexicon.addAliases(
                lexicon.phrases, lexicon.codes, column.model(), column.column(), values));
    return lexicon;
  }

  /** Adds sampled values of a column (distinct values read from the warehouse). */
  public synchronized void addValues(String model, String column, List<String> values) {
    Map<String, Set<Target>> phrasesCopy = new HashMap<>(phrases);
    Map<String, Set<Target>> codesCopy = new HashMap<>(codes);
    for (String v : values) {
      addValue(phrasesCopy, codesCopy, new ValueRef(model, column, v));
    }
    addAliases(phrasesCopy, codesCopy, model, column, values);
    phrases = phrasesCopy;
    codes = codesCopy;
  }

  /**
   * A value by its words; but a value written as a code that is also an English word ('BE', 'IN',
   * 'AT') only by the code in capitals: "be" and "in" — and "is" and "are", whose lemma is "be" —
   * are the words of any question.
   */
  private static void addValue(
      Map<String, Set<Target>> phrases, Map<String, Set<Target>> codes, ValueRef value) {
    String v = value.value().trim();
    if (CODE.matcher(v).matches() && Words.isEnglishWord(v.toLowerCase(Locale.ROOT))) {
      put(codes, v, value);
    } else {
      String key = Words.key(v);
      if (!key.isEmpty()) {
        put(phrases, key, value);
      }
    }
  }

  /**
   * The standard names of a column's values ("Germany" for 'DE', "US Dollar" for 'USD') and their
   * codes ("DE" for 'Germany'), read over all the values known of the column ({@link
   * ReferenceNames}). A standard name is a fallback: it joins only a phrase that nothing but
   * standard names gave, never one the model uses for something else.
   */
  private void addAliases(
      Map<String, Set<Target>> phrases,
      Map<String, Set<Target>> codes,
      String model,
      String column,
      List<String> values) {
    Set<String> known =
        columnValues.computeIfAbsent(new ColumnRef(model, column), k -> new LinkedHashSet<>());
    known.addAll(values);
    ReferenceNames.Aliases aliases = ReferenceNames.of(known);
    // Read afresh: a name the column's values gave before may be ambiguous now ("dollar").
    forget(phrases, aliasKeys, model, column);
    forget(codes, aliasCodes, model, column);
    Map<String, Set<Target>> shadowed = new HashMap<>(shadowedNames);
    forget(shadowed, Set.copyOf(shadowed.keySet()), model, column);
    aliases
        .names()
        .forEach(
            (name, value) -> {
              String key = Words.key(name);
              if (key.isEmpty()) {
                return;
              }
              if (!phrases.containsKey(key) || aliasKeys.contains(key)) {
                aliasKeys.add(key);
                put(phrases, key, new ValueRef(model, column, value));
              } else {
                put(shadowed, key, new ValueRef(model, column, value));
              }
            });
    shadowedNames = Map.copyOf(shadowed);
    aliases
        .codes()
        .forEach(
            (code, value) -> {
              if (!codes.containsKey(code) || aliasCodes.contains(code)) {
                aliasCodes.add(code);
                put(codes, code, new ValueRef(model, column, value));
              }
            });
  }

  /** Drops a column's values from the given keys' targets (replacing the sets), and empty keys. */
  private static void forget(
      Map<String, Set<Target>> map, Set<String> keys, String model, String column) {
    for (String key : keys) {
      Set<Target> targets = map.get(key);
      if (targets == null) {
        continue;
      }
      Set<Target> kept = new LinkedHashSet<>(targets);
      kept.removeIf(
          t -> t instanceof ValueRef v && v.model().equals(model) && v.column().equals(column));
      if (kept.isEmpty()) {
        map.remove(key);
      } else if (kept.size() < targets.size()) {
        map.put(key, kept);
      }
    }
  }

  /** Adds a target to a key's set, replacing the set: a published set is never changed. */
  private static void put(Map<String, Set<Target>> map, String key, Target target) {
    Set<Target> targets = new LinkedHashSet<>(map.getOrDefault(key, Set.of()));
    targets.add(target);
    map.put(key, targets);
  }

  private void add(String phrase, Target target) {
    String key = Words.key(phrase);
    if (!key.isEmpty()) {
      phrases.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(target);
    }
  }

  /** The words of {@link #words()}, with the phrase map they were read from. */
  private volatile Map.Entry<Map<String, Set<Target>>, Set<String>> words;

  /**
   * Every normalized word of the phrases that name something: the project's vocabulary, which a
   * misspelt word of a question is compared with. Recomputed when sampled values replace the
   * phrases.
   */
  public Set<String> words() {
    Map<String, Set<Target>> current = phrases;
    var known = words;
    if (known != null && known.getKey() == current) {
      return known.getValue();
    }
    Set<String> all = new HashSet<>();
    current.keySet().forEach(key -> all.addAll(List.of(key.split(" "))));
    Set<String> read = Set.copyOf(all);
    words = Map.entry(current, read);
    return read;
  }

  /**
   * Words a sentence puts between the words of a value's name: "the customer *was* not reachable".
   */
  private static final Set<String> GAP_WORDS =
      Set.of("be", "the", "a", "an", "could", "can", "would", "have");

  /**
   * A value of several words said as a sentence: its words in order with only {@link #GAP_WORDS}
   * between them ("customer was not reachable" for {@code customer_not_reachable}, "address could
   * not be found" for {@code address_not_found}). Only values, only when a word is skipped (the
   * phrase as written is matched anyway), and the longest such phrase.
   */
  private static Optional<Match> gappedValue(
      List<String> tokens, int start, Map<String, Set<Target>> phrases) {
    if (GAP_WORDS.contains(tokens.get(start))) {
      return Optional.empty();
    }
    List<String> words = new ArrayList<>(List.of(tokens.get(start)));
    Match found = null;
    boolean gapped = false;
    for (int j = start + 1; j < tokens.size() && words.size() < LONGEST_PHRASE; j++) {
      if (GAP_WORDS.contains(tokens.get(j))) {
        gapped = true;
        continue;
      }
      words.add(tokens.get(j));
      if (!gapped) {
        continue;
      }
      String key = String.join(" ", words);
      List<Target> values =
          phrases.getOrDefault(key, Set.of()).stream().filter(ValueRef.class::isInstance).toList();
      if (!values.isEmpty()) {
        found = new Match(start, j + 1, key, values);
      }
    }
    return Optional.ofNullable(found);
  }

  /** The values whose standard name this phrase is but that a phrase of the model shadows. */
  public List<ValueRef> shadowedValues(String phrase) {
    return shadowedNames.getOrDefault(Words.key(phrase), Set.of()).stream()
        .filter(ValueRef.class::isInstance)
        .map(ValueRef.class::cast)
        .toList();
  }

  /** Whether a phrase names a value of a column (and maybe other things too). */
  public boolean namesAValue(String phrase) {
    return phrases.getOrDefault(Words.key(phrase), Set.of()).stream()
        .anyMatch(ValueRef.class::isInstance);
  }

  /** What a phrase names; a code in capitals ("BE") also what it names as a code. */
  public List<Target> lookup(String phrase) {
    Set<Target> targets = new LinkedHashSet<>(phrases.getOrDefault(Words.key(phrase), Set.of()));
    targets.addAll(codes.getOrDefault(phrase.trim(), Set.of()));
    return List.copyOf(targets);
  }

  /**
   * Matches of known phrases over the tokens, not overlapping, that cover the most tokens: "failed
   * support visits" is "failed" + "support visits", not the value synonym "failed support" with
   * "visits" left over. Among readings that cover as many, the one of fewer (so longer) phrases,
   * then the one whose phrases start earlier and are longer (left to right, longest first).
   */
  public List<Match> scan(List<String> tokens) {
    return scan(tokens, List.of());
  }

  /**
   * As {@link #scan(List)}; and where no phrase starts, a token written in capitals matches the
   * value its code names. {@code capitals} holds, per token, the word as written in capitals, or
   * null ({@link Words#capitals}).
   */
  public List<Match> scan(List<String> tokens, List<String> capitals) {
    Map<String, Set<Target>> phrases = this.phrases;
    Map<String, Set<Target>> codes = this.codes;
    int n = tokens.size();
    // Best reading of tokens[i..]: covered tokens, number of phrases, and the match taken at i
    // (null: token i is left unmatched). Filled from the end; a few dozen tokens at most.
    int[] covered = new int[n + 1];
    int[] count = new int[n + 1];
    Match[] taken = new Match[n + 1];
    for (int i = n - 1; i >= 0; i--) {
      List<Match> candidates = new ArrayList<>();
      for (int len = Math.min(LONGEST_PHRASE, n - i); len >= 1; len--) {
        String key = String.join(" ", tokens.subList(i, i + len));
        Set<Target> targets = phrases.get(key);
        if (targets != null) {
          candidates.add(new Match(i, i + len, key, List.copyOf(targets)));
        }
      }
      gappedValue(tokens, i, phrases).ifPresent(candidates::add);
      if (candidates.isEmpty() && i < capitals.size() && capitals.get(i) != null) {
        Set<Target> targets = codes.get(capitals.get(i));
        if (targets != null) {
          candidates.add(new Match(i, i + 1, capitals.get(i), List.copyOf(targets)));
        }
      }
      covered[i] = covered[i + 1];
      count[i] = count[i + 1];
      taken[i] = null;
      for (Match m : candidates) { // longest first: a shorter one must lead to a better reading
        int c = m.end() - m.start() + covered[m.end()];
        int k = 1 + count[m.end()];
        if (c > covered[i] || c == covered[i] && (taken[i] == null || k < count[i])) {
          covered[i] = c;
          count[i] = k;
          taken[i] = m;
        }
      }
    }
    List<Match> matches = new ArrayList<>();
    int i = 0;
    while (i < n) {
      if (taken[i] != null) {
        matches.add(taken[i]);
        i = taken[i].end();
      } else {
        i++;
      }
    }
    return matches;
  }
}
