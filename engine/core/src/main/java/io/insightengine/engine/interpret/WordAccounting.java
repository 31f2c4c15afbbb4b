package io.insightengine.engine.interpret;

import io.insightengine.engine.query.SemanticQuery;
import io.insightengine.engine.query.SemanticQuery.Aggregate;
import io.insightengine.engine.query.SemanticQuery.RowCount;
import io.insightengine.engine.query.SemanticQuery.Selection;
import io.insightengine.engine.semantic.ElementEmbeddings;
import io.insightengine.engine.semantic.Lexicon.ColumnRef;
import io.insightengine.engine.semantic.Lexicon.ValueRef;
import io.insightengine.engine.semantic.Units;
import io.insightengine.engine.semantic.Words;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fail closed: the content words no reading placed, which are asked about rather than ignored, and
 * the few words placed by what they say of the rest (a date's event, a unit of the asked column,
 * "because" before a value, "new" before the rows counted in a period). Words that matched nothing
 * are offered their nearest elements in meaning, never used.
 */
final class WordAccounting {
  private final QuestionReading r;

  WordAccounting(QuestionReading r) {
    this.r = r;
  }

  private static final Set<String> CAUSE_WORDS = Words.keys("because");

  /** "New" said of rows counted in a period: their own date is in it. */
  private static final Set<String> NEW_WORDS = Words.keys("new", "newly");

  private static final String HOW = Words.key("how");

  private static final String ALL = Words.key("all");

  private static final String TIME = Words.key("time");

  /** "how big", "how large": the size of a set of rows. */
  private static final Set<String> SIZE_ADJECTIVES = Words.keys("big", "large");

  /**
   * The content words no reading placed ({@code words}): not a function word, not part of a matched
   * phrase, not the event a time dimension of the base model records ("closed" for the ship date:
   * {@code event}, which may date the question) and not a word of the asked metric's own name,
   * label or description.
   */
  record Placement(List<String> words, String event) {}

  Placement unplacedWords(String base) {
    List<String> unplaced = new ArrayList<>();
    String firstEvent = null;
    Set<String> metricWords = new LinkedHashSet<>();
    r.metrics.forEach(selection -> metricWords.addAll(describingWords(selection)));
    Set<String> unitWords = unitWords(base);
    Set<String> modelWords = null; // read when a word first needs them
    for (int i = 0; i < r.tokens.size(); i++) {
      String token = r.tokens.get(i);
      if (r.placed.get(i) || QuestionGrammar.isFunctionWord(token)) {
        continue;
      }
      if (i > 0 && r.tokens.get(i - 1).equals(HOW) && SIZE_ADJECTIVES.contains(token)) {
        continue; // "how big is the backlog": the size of a set of rows, its count
      }
      if (i > 0 && r.tokens.get(i - 1).equals(ALL) && token.equals(TIME)) {
        continue; // "all time": whenever it happened
      }
      String event = base == null ? null : r.events.recording(base, token);
      if (event != null) {
        firstEvent = firstEvent == null ? event : firstEvent;
        continue;
      }
      if (metricWords.contains(token) || unitWords.contains(token)) {
        continue;
      }
      // "The tickets Ann is handling" of a model called ticket handlers: a verb from which
      // WordNet derives a word naming a model the question names says what those rows do, which
      // the model already says.
      List<String> nouns = Words.derivedNouns(token);
      if (!nouns.isEmpty()) {
        modelWords = modelWords == null ? namedModelWords() : modelWords;
        if (nouns.stream().map(Words::key).anyMatch(modelWords::contains)) {
          continue;
        }
      }
      unplaced.add(token);
    }
    return new Placement(unplaced, firstEvent);
  }

  /**
   * The words of the names and synonyms of the models the question names, directly, by one of their
   * values or by one of their columns.
   */
  private Set<String> namedModelWords() {
    Set<String> models = new LinkedHashSet<>(r.contextModels);
    r.valueMentions.forEach(
        m -> Mention.only(m.targets(), ValueRef.class).forEach(v -> models.add(v.model())));
    r.dimensionMentions.forEach(
        m -> Mention.only(m.targets(), ColumnRef.class).forEach(c -> models.add(c.model())));
    Set<String> words = new LinkedHashSet<>();
    models.forEach(model -> words.addAll(Words.tokens(model)));
    r.layer.spec().getModels().stream()
        .filter(m -> models.contains(m.getName()))
        .forEach(m -> m.getSynonyms().forEach(x -> words.addAll(Words.tokens(x))));
    return words;
  }

  /**
   * The words naming the units of the base model's columns ("in kg" of a weight in kg): said of
   * what is asked, they add nothing; a unit no column has ("tonnes") stays unplaced.
   */
  private Set<String> unitWords(String base) {
    Set<String> words = new LinkedHashSet<>();
    if (base != null) {
      r.layer
          .model(base)
          .ifPresent(
              m -> m.columns().values().forEach(c -> words.addAll(Units.words(c.getUnit()))));
    }
    return words;
  }

  /**
   * When words are left over, the one other metric or measure that the matched words and the
   * left-over words describe together ("units" + "sold": the units sold rather than the units
   * ordered) replaces the selection; true when it did.
   */
  boolean betterDescribed(List<String> unplaced) {
    Selection current = r.metrics.get(0);
    if (!(current instanceof SemanticQuery.Metric || current instanceof SemanticQuery.Measure)) {
      return false; // an aggregate or a count of what the question named is kept as read
    }
    List<String> said = new ArrayList<>(Words.tokens(r.metricPhrases.getOrDefault(current, "")));
    said.addAll(unplaced);
    List<Selection> candidates = new ArrayList<>();
    r.layer.metrics().forEach(m -> candidates.add(new SemanticQuery.Metric(m.name())));
    r.layer
        .models()
        .forEach(
            m ->
                m.measures().keySet().forEach(ms -> candidates.add(new SemanticQuery.Measure(ms))));
    List<Selection> covering =
        candidates.stream()
            .filter(c -> !c.equals(current) && r.layer.modelOf(c) != null)
            .filter(c -> describingWords(c).containsAll(said))
            .toList();
    // Named by the words beats described by them.
    List<Selection> named =
        covering.stream().filter(c -> namingWords(c).containsAll(said)).toList();
    if (!named.isEmpty()) {
      covering = named;
    }
    // A metric is the project's curated reading of its measure: preferred when one covers them.
    List<Selection> coveringMetrics =
        covering.stream().filter(SemanticQuery.Metric.class::isInstance).toList();
    List<Selection> chosen = coveringMetrics.isEmpty() ? covering : coveringMetrics;
    if (chosen.size() != 1) {
      return false;
    }
    r.metrics.set(0, chosen.get(0));
    r.metricPhrases.put(chosen.get(0), r.metricPhrases.get(current));
    return true;
  }

  /** The words of a metric's or measure's name, label and synonyms. */
  private Set<String> namingWords(Selection selection) {
    Set<String> words = new LinkedHashSet<>();
    if (selection instanceof SemanticQuery.Metric metric) {
      r.layer
          .metric(metric.name())
          .ifPresent(
              m -> {
                words.addAll(Words.tokens(m.name()));
                words.addAll(Words.tokens(m.label()));
                m.spec().getSynonyms().forEach(x -> words.addAll(Words.tokens(x)));
              });
    } else if (selection instanceof SemanticQuery.Measure m) {
      words.addAll(Words.tokens(m.name()));
    }
    return words;
  }

  /**
   * The words an asked selection describes itself with: a metric's label, synonyms and description
   * and its measure's; a measure's; a counted model's name and description; an aggregated column's.
   * A question's word among them restates what is asked ("units sold").
   */
  private Set<String> describingWords(Selection selection) {
    List<String> texts = new ArrayList<>();
    String measure = null;
    if (selection instanceof SemanticQuery.Metric metric) {
      r.layer
          .metric(metric.name())
          .ifPresent(
              m -> {
                texts.add(m.label());
                texts.addAll(m.spec().getSynonyms());
                texts.add(m.spec().getDescription());
              });
      measure = r.layer.metric(metric.name()).map(m -> m.spec().getMeasure()).orElse(null);
    } else if (selection instanceof SemanticQuery.Measure m) {
      measure = m.name();
    } else if (selection instanceof RowCount count) {
      r.layer.model(count.model()).ifPresent(m -> texts.add(m.description()));
    } else if (selection instanceof Aggregate aggregate) {
      r.layer
          .model(aggregate.field().model())
          .map(m -> m.columns().get(aggregate.field().name()))
          .ifPresent(c -> texts.add(c.getDescription()));
      texts.add(aggregate.field().name()); // "weight, in kg" of weight_kg
    } else if (selection instanceof SemanticQuery.Share share) {
      return describingWords(share.of());
    }
    if (measure != null) {
      r.layer
          .measure(measure)
          .ifPresent(
              ms -> {
                texts.add(ms.name());
                texts.add(ms.description());
              });
    }
    Set<String> words = new LinkedHashSet<>();
    texts.stream().filter(java.util.Objects::nonNull).forEach(t -> words.addAll(Words.tokens(t)));
    return words;
  }

  /**
   * "Closed because the customer was not reachable": "because" before a value says that the value
   * is the reason, which the value's column records; before anything else it is not placed.
   */
  void placeCauses() {
    for (int i = 0; i + 1 < r.tokens.size(); i++) {
      if (!CAUSE_WORDS.contains(r.tokens.get(i))) {
        continue;
      }
      int next = i + 1;
      while (next < r.tokens.size() && QuestionGrammar.isFunctionWord(r.tokens.get(next))) {
        next++;
      }
      int at = next;
      if (r.valueMentions.stream().anyMatch(v -> v.start() == at)) {
        r.placed.set(i);
      }
    }
  }

  /**
   * "Gold customers" of a column customer_tier, "priority queue" of a column queue_type: a word of
   * the value's own column name said right after the value names whose value it is.
   */
  void placeColumnWordsAfterValues() {
    for (Mention m : r.valueMentions) {
      if (m.end() >= r.tokens.size() || r.placed.get(m.end())) {
        continue;
      }
      String next = r.tokens.get(m.end());
      boolean ofItsColumn =
          Mention.only(m.targets(), ValueRef.class).stream()
              .anyMatch(v -> Words.tokens(v.column()).contains(next));
      if (ofItsColumn) {
        r.placed.set(m.end());
      }
    }
  }

  /**
   * "New customers since March", "new hires in 2025": with a period, "new" before the counted rows
   * says only that their own date falls in it, which the period already does. Without a period (or
   * a date to apply it to, asked separately) "new" stays a word to place.
   */
  void placeNewBefore(String counted) {
    for (int i = 0; i + 1 < r.tokens.size(); i++) {
      if (NEW_WORDS.contains(r.tokens.get(i))
          && counted != null
          && counted.equals(r.modelStarts.get(i + 1))) {
        r.placed.set(i);
      }
    }
  }

  /** Words as a question back names them: "healthiest", "tier". */
  static String quoted(List<String> words) {
    return words.stream().distinct().map(w -> "\"" + w + "\"").collect(Collectors.joining(", "));
  }

  String notUnderstood(List<String> words) {
    String nearest = nearestElements(words.stream().distinct().toList());
    return "I could not place "
        + quoted(words)
        + " in this project's data"
        + (nearest.isEmpty()
            ? ": rephrase with the project's measures, attributes and values"
            : "; the nearest in meaning: " + nearest);
  }

  /**
   * The project's elements nearest in meaning to words that matched nothing (the MiniLM index):
   * offered, never used. The index is built in the background on first need; until it is ready,
   * nothing is offered rather than the answer waiting for it.
   */
  private String nearestElements(List<String> words) {
    ElementEmbeddings index = r.layer.embeddings();
    if (!index.isReady()) {
      index.prepareInBackground();
      return "";
    }
    List<String> offers = new ArrayList<>();
    for (String word : words.subList(0, Math.min(2, words.size()))) {
      List<String> names =
          index.nearest(word, 3).stream()
              .map(c -> c.matched())
              .distinct()
              .map(n -> n.replace('_', ' '))
              .toList();
      if (!names.isEmpty()) {
        offers.add("\"" + word + "\" → " + String.join(", ", names));
      }
    }
    return String.join("; ", offers);
  }
}
