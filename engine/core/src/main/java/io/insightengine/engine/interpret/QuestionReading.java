package io.insightengine.engine.interpret;

import io.insightengine.api.v1alpha1.semantic.MeasureSpec;
import io.insightengine.api.v1alpha1.semantic.MetricSpec;
import io.insightengine.engine.query.SemanticQuery;
import io.insightengine.engine.query.SemanticQuery.Aggregate;
import io.insightengine.engine.query.SemanticQuery.Field;
import io.insightengine.engine.query.SemanticQuery.Filter;
import io.insightengine.engine.query.SemanticQuery.RowCount;
import io.insightengine.engine.query.SemanticQuery.Selection;
import io.insightengine.engine.query.SemanticQuery.ValueFilter;
import io.insightengine.engine.query.SemanticQueryCompiler;
import io.insightengine.engine.semantic.Lexicon.ColumnRef;
import io.insightengine.engine.semantic.Lexicon.DimensionRef;
import io.insightengine.engine.semantic.Lexicon.MetricRef;
import io.insightengine.engine.semantic.Lexicon.ModelRef;
import io.insightengine.engine.semantic.Lexicon.Target;
import io.insightengine.engine.semantic.Lexicon.ValueRef;
import io.insightengine.engine.semantic.SemanticLayer;
import io.insightengine.engine.semantic.Words;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of reading one question: what its phrases named so far (metrics, models, dimensions,
 * values, conditions) and which of its words are placed. The {@link ElementRecogniser} fills it,
 * the {@link WordAccounting} checks it and the {@link QueryResolver} turns it into a semantic
 * query.
 */
final class QuestionReading {
  private static final Set<String> GROUP_WORDS =
      Words.keys("by", "per", "each", "across", "every", "split");

  private static final Set<String> NEGATIONS = Set.of("not", "no", "non", "never", "nor");

  private static final String BY = Words.key("by");

  static final Set<String> AUXILIARIES =
      Words.keys("were", "was", "been", "is", "are", "be", "being", "get", "got");

  /** Words saying that all rows count, whenever they happened. */
  static final Set<String> ALL_TIME =
      Words.keys("in total", "overall", "altogether", "ever", "of all time", "all time", "so far");

  /**
   * The first words of a question asking for rows and a column of each ("list the queues and how
   * many seats each one has", "show the tickets with their amount owed"): "show" too, since the
   * column named says what to show.
   */
  static final Set<String> PER_ROW_LISTING_WORDS = Words.keys("list", "show", "which");

  static final Set<String> COUNT_WORDS = Words.keys("how many", "number of", "count of", "count");

  static final Set<String> AVERAGE_WORDS = Words.keys("average", "avg", "mean");

  final SemanticLayer layer;
  final List<String> tokens;

  /** The question's words as written (lower case, not lemmatized), one per token. */
  final List<String> written;

  final List<Selection> metrics = new ArrayList<>();
  final Map<Selection, Integer> metricPositions = new LinkedHashMap<>();
  final List<Mention> dimensionMentions = new ArrayList<>();
  final List<Mention> valueMentions = new ArrayList<>();
  final List<Filter> filters = new ArrayList<>();
  final List<String> matched = new ArrayList<>();
  final List<String> clarifications = new ArrayList<>();
  final List<String> contextModels = new ArrayList<>();
  final List<Mention> modelMentions = new ArrayList<>();

  /** Where a mention of one model starts (token index), read or not: what a value qualifies. */
  final Map<Integer, String> modelStarts = new LinkedHashMap<>();

  final Map<Selection, String> metricPhrases = new LinkedHashMap<>();
  final Map<String, Integer> columnPositions = new LinkedHashMap<>();
  final java.util.BitSet placed = new java.util.BitSet();
  final Map<Filter, Integer> filterPositions = new LinkedHashMap<>();

  /** The model of "how many distinct customers ...", counted through another model's facts. */
  String distinctModel;

  String timeDimension;

  /** The earlier period the question compares its period with, or null. */
  SemanticQuery.Period compareWith;

  /** Whether the question names a period or a time grain. */
  boolean dated;

  /** Which time dimension a word names by the event it records. */
  final TimeDimensionEvents events;

  /** The tokens as one padded string, to find phrases of keys in ({@link #says}). */
  private final String said;

  QuestionReading(SemanticLayer layer, List<String> tokens, List<String> written) {
    this.layer = layer;
    this.tokens = tokens;
    this.said = " " + String.join(" ", tokens) + " ";
    this.written = written;
    this.events = new TimeDimensionEvents(layer);
  }

  /** Whether the question says one of these phrases (keys, as {@link Words#keys} makes them). */
  boolean says(Set<String> phrases) {
    return phrases.stream().anyMatch(p -> said.contains(" " + p + " "));
  }

  /** Whether "by" comes just before the mention: "top 5 stations by trips". */
  boolean saidAfterBy(Mention m) {
    return m.start() > 0 && tokens.get(m.start() - 1).equals(BY);
  }

  void place(int start, int end) {
    placed.set(start, end);
  }

  String before(Mention m, int words) {
    return String.join(" ", tokens.subList(Math.max(0, m.start() - words), m.start()));
  }

  boolean isRatio(Selection s) {
    return s instanceof SemanticQuery.Metric m
        && layer
            .metric(m.name())
            .map(x -> x.spec().getType() != MetricSpec.Type.SIMPLE)
            .orElse(false);
  }

  /** The true/false column a phrase names, when it names exactly one. */
  Optional<Field> flagOf(List<Target> targets) {
    Set<Field> flags = new LinkedHashSet<>();
    for (Target t : targets) {
      if (t instanceof ColumnRef c && layer.isBoolean(c.model(), c.column())) {
        flags.add(new Field(c.model(), c.column()));
      } else if (t instanceof DimensionRef d && layer.isBoolean(d.model(), d.dimension())) {
        flags.add(new Field(d.model(), d.dimension()));
      }
    }
    return flags.size() == 1 ? Optional.of(flags.iterator().next()) : Optional.empty();
  }

  /** A text or key column a phrase names, whose distinct values can be counted. */
  Optional<Field> distinctCountable(List<Target> targets) {
    for (Target t : targets) {
      if (t instanceof DimensionRef d && !layer.isNumeric(d.model(), d.dimension())) {
        SemanticLayer.Dimension dimension = dimensionOf(d.model() + "." + d.dimension());
        if (dimension != null && !dimension.time()) {
          return Optional.of(new Field(d.model(), d.dimension()));
        }
      } else if (t instanceof ColumnRef c && layer.isText(c.model(), c.column())) {
        return Optional.of(new Field(c.model(), c.column()));
      }
    }
    return Optional.empty();
  }

  /** Whether a negation ("not", "no longer", "non-", "never") comes just before the mention. */
  private boolean negatedBefore(Mention m) {
    for (int i = m.start() - 1; i >= Math.max(0, m.start() - 3); i--) {
      if (NEGATIONS.contains(tokens.get(i))) {
        placed.set(i, m.start());
        return true;
      }
      if (!QuestionGrammar.isFunctionWord(tokens.get(i)) && !tokens.get(i).equals("longer")) {
        return false;
      }
    }
    return false;
  }

  /** The condition a true/false column named states: true, or false after a negation. */
  void addFlag(Field flag, Mention m) {
    addFilter(new ValueFilter(flag, List.of(negatedBefore(m) ? "false" : "true"), false), m);
  }

  void addFilter(Filter filter, Mention m) {
    filters.add(filter);
    filterPositions.put(filter, m.start());
  }

  boolean numeric(ColumnRef c) {
    return layer.isNumeric(c.model(), c.column());
  }

  /** Whether a selection counts rows or distinct values (a count measure and its metric too). */
  boolean counts(Selection s) {
    if (s instanceof RowCount) {
      return true;
    }
    if (s instanceof Aggregate a) {
      return a.function() == SemanticQuery.Function.COUNT_DISTINCT;
    }
    return measureOf(s)
        .map(
            x ->
                x.agg() == MeasureSpec.Aggregation.COUNT
                    || x.agg() == MeasureSpec.Aggregation.COUNT_DISTINCT)
        .orElse(false);
  }

  /** The measure a selection computes: a measure, or the one of a simple metric. */
  private Optional<SemanticLayer.Measure> measureOf(Selection selection) {
    String measure =
        selection instanceof SemanticQuery.Measure m
            ? m.name()
            : selection instanceof SemanticQuery.Metric metric
                ? layer
                    .metric(metric.name())
                    .map(SemanticLayer.Metric::spec)
                    .filter(spec -> spec.getType() == MetricSpec.Type.SIMPLE)
                    .map(MetricSpec::getMeasure)
                    .orElse(null)
                : null;
    return Optional.ofNullable(measure).flatMap(layer::measure);
  }

  static Selection metricOf(MetricRef ref) {
    return new SemanticQuery.Metric(ref.metric());
  }

  void addMetric(Selection metric, Mention m) {
    if (!metrics.contains(metric)) {
      metrics.add(metric);
      metricPhrases.put(metric, m.phrase());
    }
    metricPositions.put(metric, m.start());
  }

  boolean compiles(SemanticQuery query) {
    try {
      new SemanticQueryCompiler(layer).compile(query, null);
      return true;
    } catch (SemanticQueryCompiler.CannotCompile e) {
      return false;
    }
  }

  /**
   * The columns that name a model's rows: its key (names are not unique: two customers may share
   * one) and its name column (name, model_name, full_name, title) when it has one.
   */
  List<String> labelDimensions(String model) {
    List<String> labels = new ArrayList<>();
    layer
        .model(model)
        .ifPresent(
            m -> {
              if (m.primaryKey().size() == 1) {
                labels.add(model + "." + m.primaryKey().get(0));
              }
              String singular = Words.key(model).replace(' ', '_');
              for (String candidate :
                  List.of(singular + "_name", "name", "full_name", "title", "label")) {
                if (m.columns().containsKey(candidate) || m.dimensions().containsKey(candidate)) {
                  labels.add(model + "." + candidate);
                  return;
                }
              }
              // No name column: a unique text column other than the key (a serial number), not
              // personal data, is what people call the rows by.
              m.columns().values().stream()
                  .filter(c -> Boolean.TRUE.equals(c.getUnique()))
                  .filter(c -> c.getPii() == null && !m.primaryKey().contains(c.getName()))
                  .filter(c -> layer.isText(model, c.getName()))
                  .findFirst()
                  .ifPresent(c -> labels.add(model + "." + c.getName()));
            });
    return labels;
  }

  /** The columns (model.column) a metric aggregates as they are: a measure's plain column. */
  Set<String> measuredColumns(Selection selection) {
    if (selection instanceof Aggregate aggregate) {
      return Set.of(aggregate.field().toString());
    }
    return measureOf(selection)
        .filter(ms -> ms.expr() != null && ms.expr().trim().matches("\\w+"))
        .map(ms -> Set.of(ms.model() + "." + ms.expr().trim()))
        .orElse(Set.of());
  }

  /** The model of the model mention that ends right before token {@code end}, or null. */
  String modelEndingAt(int end) {
    return modelMentions.stream()
        .filter(m -> m.end() == end)
        .map(m -> Mention.only(m.targets(), ModelRef.class).get(0).model())
        .findFirst()
        .orElse(null);
  }

  boolean groupWord(Mention m) {
    return m.start() > 0 && GROUP_WORDS.contains(tokens.get(m.start() - 1));
  }

  <K> K nearest(Map<K, Integer> positions, int index) {
    K best = null;
    int bestAt = -1;
    for (Map.Entry<K, Integer> e : positions.entrySet()) {
      if (e.getValue() <= index && e.getValue() > bestAt) {
        best = e.getKey();
        bestAt = e.getValue();
      }
    }
    return best;
  }

  SemanticLayer.Dimension dimensionOf(String qualified) {
    String[] parts = qualified.split("\\.", 2);
    return layer.model(parts[0]).map(m -> m.dimensions().get(parts[1])).orElse(null);
  }

  /** The dimension (model.name) a phrase names, preferring the base model, then reachable ones. */
  Optional<String> pickDimension(List<Target> targets, String base) {
    List<String> candidates = new ArrayList<>();
    for (Target t : targets) {
      if (t instanceof DimensionRef d) {
        candidates.add(d.model() + "." + d.dimension());
      } else if (t instanceof ColumnRef c) {
        candidates.add(c.model() + "." + c.column());
      }
    }
    return prefer(new ArrayList<>(new LinkedHashSet<>(candidates)), base);
  }

  ValueRef pickValue(List<ValueRef> values, String base) {
    List<String> keys = values.stream().map(v -> v.model() + "." + v.column()).toList();
    String chosen = prefer(keys, base).orElse(keys.get(0));
    return values.get(keys.indexOf(chosen));
  }

  private Optional<String> prefer(List<String> qualified, String base) {
    for (String q : qualified) {
      if (q.startsWith(base + ".")) {
        return Optional.of(q);
      }
    }
    for (String q : qualified) {
      if (base != null && layer.toOnePath(base, q.substring(0, q.indexOf('.'))).isPresent()) {
        return Optional.of(q);
      }
    }
    return qualified.stream().findFirst();
  }
}
