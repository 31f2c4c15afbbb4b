package io.insightengine.engine.interpret;

import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.GlossaryTermSpec;
import io.insightengine.api.v1alpha1.semantic.MeasureSpec;
import io.insightengine.api.v1alpha1.semantic.MetricSpec;
import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.query.QueryDescription;
import io.insightengine.engine.query.SemanticQuery;
import io.insightengine.engine.query.SemanticQuery.Aggregate;
import io.insightengine.engine.query.SemanticQuery.Field;
import io.insightengine.engine.query.SemanticQuery.Filter;
import io.insightengine.engine.query.SemanticQuery.GroupBy;
import io.insightengine.engine.query.SemanticQuery.Having;
import io.insightengine.engine.query.SemanticQuery.Listed;
import io.insightengine.engine.query.SemanticQuery.NamedFilter;
import io.insightengine.engine.query.SemanticQuery.OrderBy;
import io.insightengine.engine.query.SemanticQuery.RangeFilter;
import io.insightengine.engine.query.SemanticQuery.RowCount;
import io.insightengine.engine.query.SemanticQuery.Selection;
import io.insightengine.engine.query.SemanticQuery.TermFilter;
import io.insightengine.engine.query.SemanticQuery.TimeWindow;
import io.insightengine.engine.query.SemanticQuery.ValueFilter;
import io.insightengine.engine.query.SemanticQueryCompiler;
import io.insightengine.engine.semantic.ElementEmbeddings;
import io.insightengine.engine.semantic.Lexicon;
import io.insightengine.engine.semantic.Lexicon.ColumnRef;
import io.insightengine.engine.semantic.Lexicon.DimensionRef;
import io.insightengine.engine.semantic.Lexicon.FilterRef;
import io.insightengine.engine.semantic.Lexicon.MeasureRef;
import io.insightengine.engine.semantic.Lexicon.MetricRef;
import io.insightengine.engine.semantic.Lexicon.ModelRef;
import io.insightengine.engine.semantic.Lexicon.Target;
import io.insightengine.engine.semantic.Lexicon.TermRef;
import io.insightengine.engine.semantic.Lexicon.ValueRef;
import io.insightengine.engine.semantic.ReferenceNames;
import io.insightengine.engine.semantic.SemanticLayer;
import io.insightengine.engine.semantic.Units;
import io.insightengine.engine.semantic.Words;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Stage 1's reader: turns a question into a {@link SemanticQuery} using only the semantic model —
 * names, labels, synonyms, glossary, enumerated and sampled values — and the time expressions. It
 * never guesses between readings: an ambiguous or unknown question yields clarifications instead.
 */
public final class QuestionInterpreter {
  private static final Set<String> GROUP_WORDS =
      words("by", "per", "each", "across", "every", "split");

  /** Words before a model that make it the rows listed or grouped, not a count. */
  private static final Set<String> ROW_WORDS =
      words("top", "which", "what", "each", "per", "by", "every", "bottom", "best", "worst");

  /** "what share of", "what percentage of", "what % of": a part of a set of rows. */
  private static final Pattern SHARE =
      Pattern.compile(
          "(?i)\\b(?:share|percentage|proportion|fraction|percent)\\s+of\\b|%\\s*of\\b"
              + "|\\bwhat\\s+(?:share|percentage|proportion|fraction|percent)\\b");

  private static final Set<String> DISTINCT_WORDS = Set.of("distinct", "different", "unique");

  /** Subjects before a verb: "did we deliver", "they shipped". */
  private static final Set<String> SUBJECTS = Set.of("we", "they", "you", "i");

  private static final Set<String> NEGATIONS = Set.of("not", "no", "non", "never", "nor");

  private static final Set<String> DO_AUXILIARIES = Set.of("do", "does", "did");

  private static final Pattern COMPARE_ACROSS =
      Pattern.compile("(?i)\\b(compar(?:e|es|ed|ing))(\\s+(?:across|between|among|by)\\b)");

  /** The confidence a reading loses per misspelt word it read as another. */
  private static final double SPELLING_COST = 0.05;

  private static final Set<String> AUXILIARIES =
      words("were", "was", "been", "is", "are", "be", "being", "get", "got");

  /** "in percent", "as a percentage", "in %": ratios on a 0-100 scale. */
  private static final Pattern PERCENT = Pattern.compile("(?i)%|\\bper ?cent(age)?s?\\b");

  private static final Set<String> COUNT_WORDS =
      words("how many", "number of", "count of", "count");

  /** "how big is the backlog": the size of a set of rows is their number. */
  private static final Set<String> SIZE_WORDS = words("how big", "how large", "size");

  private static final Set<String> AVERAGE_WORDS = words("average", "avg", "mean");

  private static final Pattern SINGULAR_QUESTION =
      Pattern.compile(
          "^(?:which|what) (\\w+) (has|had|is|was|did|does|got|sold|brought|generated|made)\\b.*");

  private static final Set<String> CAUSE_WORDS = words("because");

  /** "New" said of rows counted in a period: their own date is in it. */
  private static final Set<String> NEW_WORDS = words("new", "newly");

  /** Ranking words said before the rows they count: "the most agents", "the fewest tickets". */
  private static final Set<String> RANKED_COUNT_WORDS = words("most", "fewest", "least");

  private static final Set<String> TOTAL_WORDS = words("total", "sum");
  private static final Set<String> MAX_WORDS =
      words("highest", "maximum", "max", "largest", "biggest");
  private static final Set<String> MIN_WORDS = words("lowest", "minimum", "min", "smallest");
  private static final Set<String> GROUPING_WORDS = words("by", "per", "each", "every");
  private static final Set<String> ASKING_WORDS = words("which", "what", "top");

  /**
   * The first words of a question asking for rows: "which branches opened", "list our flagship
   * stores". Not "show": "show me the stores in EMEA" may as well ask for a summary or a chart as
   * for rows.
   */
  private static final Set<String> LISTING_WORDS = words("which", "list");

  private static final String AND = Words.key("and");
  private static final String IN = Words.key("in");
  private static final String TOTAL = Words.key("total");
  private static final String HOW_MUCH = Words.key("how much");
  private static final String HOW = Words.key("how");

  /** "how big", "how large": the size of a set of rows. */
  private static final Set<String> SIZE_ADJECTIVES = words("big", "large");

  /** Words the reading compares with the question's tokens, normalized as the tokens are. */
  private static Set<String> words(String... phrases) {
    return Stream.of(phrases).map(Words::key).collect(Collectors.toUnmodifiableSet());
  }

  private final TimeExpressions time;

  public QuestionInterpreter(TimeExpressions time) {
    this.time = time;
  }

  /** A phrase of the question and what it names. */
  private record Mention(int start, int end, String phrase, List<Target> targets) {}

  public Interpretation interpret(String question, SemanticLayer layer) {
    Set<String> vocabulary = layer.lexicon().words();
    Spelling.Corrected spelling = Spelling.correct(question, vocabulary);
    Spelling.Corrected adjectives =
        Spelling.valueAdjectives(spelling.text(), vocabulary, layer.lexicon()::namesAValue);
    Interpretation reading = interpretWritten(adjectives.text(), layer);
    List<Spelling.Correction> corrections = new ArrayList<>(spelling.corrections());
    corrections.addAll(adjectives.corrections());
    if (corrections.isEmpty()) {
      return reading;
    }
    // A word read as another is said in the reading and costs a little confidence.
    List<String> matched = new ArrayList<>(reading.matched());
    corrections.forEach(c -> matched.add(c.toString()));
    return new Interpretation(
        question,
        reading.query(),
        reading.period(),
        matched,
        reading.clarifications(),
        reading.unplaced(),
        reading.readings(),
        reading.confidence() - SPELLING_COST * corrections.size());
  }

  private Interpretation interpretWritten(String question, SemanticLayer layer) {
    String text = " " + question.trim() + " ";
    Optional<TimeRange> range = time.range(text);
    TimeRange earlier = null;
    if (range.isPresent()) {
      text = blank(text, range.get().phrase());
      Optional<PeriodComparisons.Comparison> compared =
          PeriodComparisons.read(text, range.get(), time);
      if (compared.isPresent()) {
        range = Optional.of(compared.get().period());
        earlier = compared.get().earlier();
        text = compared.get().text();
      }
    }
    Optional<TimeExpressions.GrainMatch> grain = time.grain(text);
    if (grain.isPresent()) {
      text = blank(text, grain.get().phrase());
    }
    // "how does the rate compare across tiers": a breakdown by tier; the grouping word stays.
    text =
        COMPARE_ACROSS.matcher(text).replaceAll(m -> " ".repeat(m.group(1).length()) + m.group(2));
    Rankings.Ranking ranking = Rankings.read(text);
    text = ranking.text();
    Thresholds.Read thresholds = Thresholds.read(text);
    text = thresholds.text();

    List<String> tokens = Words.tokens(text);
    List<Mention> mentions = new ArrayList<>();
    for (Lexicon.Match m : layer.lexicon().scan(tokens, Words.capitals(text))) {
      mentions.add(new Mention(m.start(), m.end(), m.phrase(), m.targets()));
    }

    Reading reading = new Reading(layer, tokens, Words.written(text));
    reading.dated = range.isPresent() || grain.isPresent();
    if (earlier != null) {
      reading.compareWith = new SemanticQuery.Period(earlier.start(), earlier.end());
    }
    for (Mention mention : mentions) {
      if (mention.end() - mention.start() == 1
          && QuestionGrammar.isFunctionWord(mention.phrase())
          && mention.targets().stream().allMatch(ValueRef.class::isInstance)) {
        continue; // "at least", "be found": a function word, not the code 'AT' or 'BE'
      }
      reading.place(mention.start(), mention.end());
      reading.take(mention);
    }
    return reading.finish(
        question,
        range.orElse(null),
        grain.map(TimeExpressions.GrainMatch::grain).orElse(null),
        ranking.limit(),
        ranking.descending(),
        thresholds.thresholds());
  }

  /** The state of reading one question. */
  private static final class Reading {
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

    Reading(SemanticLayer layer, List<String> tokens, List<String> written) {
      this.layer = layer;
      this.tokens = tokens;
      this.written = written;
      this.events = new TimeDimensionEvents(layer);
    }

    void place(int start, int end) {
      placed.set(start, end);
    }

    /**
     * The content words no reading placed ({@code words}): not a function word, not part of a
     * matched phrase, not the event a time dimension of the base model records ("closed" for the
     * ship date: {@code event}, which may date the question) and not a word of the asked metric's
     * own name, label or description.
     */
    record Placement(List<String> words, String event) {}

    Placement unplacedWords(String base) {
      List<String> unplaced = new ArrayList<>();
      String firstEvent = null;
      Set<String> metricWords = new LinkedHashSet<>();
      metrics.forEach(selection -> metricWords.addAll(describingWords(selection)));
      Set<String> unitWords = unitWords(base);
      for (int i = 0; i < tokens.size(); i++) {
        String token = tokens.get(i);
        if (placed.get(i) || QuestionGrammar.isFunctionWord(token)) {
          continue;
        }
        if (i > 0 && tokens.get(i - 1).equals(HOW) && SIZE_ADJECTIVES.contains(token)) {
          continue; // "how big is the backlog": the size of a set of rows, its count
        }
        String event = base == null ? null : events.recording(base, token);
        if (event != null) {
          firstEvent = firstEvent == null ? event : firstEvent;
          continue;
        }
        if (!metricWords.contains(token) && !unitWords.contains(token)) {
          unplaced.add(token);
        }
      }
      return new Placement(unplaced, firstEvent);
    }

    /**
     * The words naming the units of the base model's columns ("in kg" of a weight in kg): said of
     * what is asked, they add nothing; a unit no column has ("tonnes") stays unplaced.
     */
    private Set<String> unitWords(String base) {
      Set<String> words = new LinkedHashSet<>();
      if (base != null) {
        layer
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
    private boolean betterDescribed(List<String> unplaced) {
      Selection current = metrics.get(0);
      if (!(current instanceof SemanticQuery.Metric || current instanceof SemanticQuery.Measure)) {
        return false; // an aggregate or a count of what the question named is kept as read
      }
      List<String> said = new ArrayList<>(Words.tokens(metricPhrases.getOrDefault(current, "")));
      said.addAll(unplaced);
      List<Selection> candidates = new ArrayList<>();
      layer.metrics().forEach(m -> candidates.add(new SemanticQuery.Metric(m.name())));
      layer
          .models()
          .forEach(
              m ->
                  m.measures()
                      .keySet()
                      .forEach(ms -> candidates.add(new SemanticQuery.Measure(ms))));
      List<Selection> covering =
          candidates.stream()
              .filter(c -> !c.equals(current) && layer.modelOf(c) != null)
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
      metrics.set(0, chosen.get(0));
      metricPhrases.put(chosen.get(0), metricPhrases.get(current));
      return true;
    }

    /** The words of a metric's or measure's name, label and synonyms. */
    private Set<String> namingWords(Selection selection) {
      Set<String> words = new LinkedHashSet<>();
      if (selection instanceof SemanticQuery.Metric metric) {
        layer
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
     * The words an asked selection describes itself with: a metric's label, synonyms and
     * description and its measure's; a measure's; a counted model's name and description; an
     * aggregated column's. A question's word among them restates what is asked ("units sold").
     */
    private Set<String> describingWords(Selection selection) {
      List<String> texts = new ArrayList<>();
      String measure = null;
      if (selection instanceof SemanticQuery.Metric metric) {
        layer
            .metric(metric.name())
            .ifPresent(
                m -> {
                  texts.add(m.label());
                  texts.addAll(m.spec().getSynonyms());
                  texts.add(m.spec().getDescription());
                });
        measure = layer.metric(metric.name()).map(m -> m.spec().getMeasure()).orElse(null);
      } else if (selection instanceof SemanticQuery.Measure m) {
        measure = m.name();
      } else if (selection instanceof RowCount count) {
        layer.model(count.model()).ifPresent(m -> texts.add(m.description()));
      } else if (selection instanceof Aggregate aggregate) {
        layer
            .model(aggregate.field().model())
            .map(m -> m.columns().get(aggregate.field().name()))
            .ifPresent(c -> texts.add(c.getDescription()));
        texts.add(aggregate.field().name()); // "weight, in kg" of weight_kg
      } else if (selection instanceof SemanticQuery.Share share) {
        return describingWords(share.of());
      }
      if (measure != null) {
        layer
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

    String before(Mention m, int words) {
      return String.join(" ", tokens.subList(Math.max(0, m.start() - words), m.start()));
    }

    void take(Mention m) {
      matched.add(m.phrase());
      List<Target> targets = m.targets();
      List<ModelRef> named = only(targets, ModelRef.class);
      if (named.size() == 1) {
        modelStarts.put(m.start(), named.get(0).model());
      }
      List<MetricRef> metricRefs = only(targets, MetricRef.class);
      List<TermRef> terms = only(targets, TermRef.class);
      List<FilterRef> namedFilters = only(targets, FilterRef.class);
      List<ModelRef> models = only(targets, ModelRef.class);
      List<ValueRef> values = only(targets, ValueRef.class);
      List<MeasureRef> measures = only(targets, MeasureRef.class);
      boolean distinct = countsDistinct(m);
      boolean counting =
          distinct || COUNT_WORDS.contains(before(m, 2)) || COUNT_WORDS.contains(before(m, 1));
      String aggregateWord = before(m, 1);

      if (!terms.isEmpty() && verbOfTimeDimension(m, termModels(terms))) {
        return; // "tickets were opened last month": the verb of the opening date, not open tickets
      }
      if (!terms.isEmpty()) {
        GlossaryTermSpec term = terms.get(0).term();
        if (term.getMetric() != null) {
          addMetric(new SemanticQuery.Metric(term.getMetric()), m);
        } else if (term.getFilter() != null || term.getExpr() != null) {
          filters.add(new TermFilter(term.getTerm()));
        }
        return;
      }
      if (!metricRefs.isEmpty() && m.start() > 0 && tokens.get(m.start() - 1).equals(AND)) {
        addMetric(metricOf(metricRefs.get(0)), m); // "revenue and tickets": both are asked for
        return;
      }
      if (!metricRefs.isEmpty() && metrics.contains(metricOf(metricRefs.get(0)))) {
        addMetric(metricOf(metricRefs.get(0)), m);
        return;
      }
      boolean rowsOfModel =
          !models.isEmpty() && m.start() > 0 && ROW_WORDS.contains(tokens.get(m.start() - 1));
      if (!metricRefs.isEmpty()
          && !rowsOfModel
          && (models.isEmpty() || counting || metrics.isEmpty())) {
        if (metricRefs.size() > 1) {
          clarifications.add(
              "\""
                  + m.phrase()
                  + "\" can mean "
                  + String.join(" or ", metricRefs.stream().map(MetricRef::metric).toList()));
        }
        addMetric(metricOf(metricRefs.get(0)), m);
        return;
      }
      if (!namedFilters.isEmpty()
          && verbOfTimeDimension(
              m,
              namedFilters.stream()
                  .map(f -> layer.filter(f.filter()).map(SemanticLayer.Filter::model).orElse(null))
                  .filter(java.util.Objects::nonNull)
                  .toList())) {
        return;
      }
      if (!namedFilters.isEmpty()) {
        filters.add(new NamedFilter(namedFilters.get(0).filter()));
        return;
      }
      if (!models.isEmpty() && counting) {
        addMetric(new RowCount(models.get(0).model()), m);
        if (distinct) {
          distinctModel = models.get(0).model();
        }
        return;
      }
      if (!measures.isEmpty() && metrics.isEmpty()) {
        addMetric(new SemanticQuery.Measure(measures.get(0).measure()), m);
        return;
      }
      List<ColumnRef> columns = only(targets, ColumnRef.class);
      if (!columns.isEmpty()
          && (AVERAGE_WORDS.contains(aggregateWord) || TOTAL_WORDS.contains(aggregateWord))) {
        ColumnRef column = columns.get(0);
        addMetric(
            new Aggregate(
                AVERAGE_WORDS.contains(aggregateWord)
                    ? SemanticQuery.Function.AVG
                    : SemanticQuery.Function.SUM,
                new Field(column.model(), column.column())),
            m);
        return;
      }
      Optional<ColumnRef> numeric = columns.stream().filter(this::numeric).findFirst();
      SemanticQuery.Function function = numeric.isPresent() ? aggregateNear(m) : null;
      if (function != null) {
        // "the highest price", "how much tax ... in total": the column is aggregated,
        // not grouped by.
        ColumnRef column = numeric.get();
        addMetric(new Aggregate(function, new Field(column.model(), column.column())), m);
        return;
      }
      if (!values.isEmpty()
          && models.isEmpty()
          && verbOfTimeDimension(
              m,
              Stream.concat(values.stream().map(ValueRef::model), contextModels.stream())
                  .distinct()
                  .toList())) {
        // "orders were placed last month": the verb of the order date, not a status; "which
        // stores have opened since 2024": the opening date of the stores named before it, not
        // the status 'open' of another table.
        return;
      }
      if (!values.isEmpty() && models.isEmpty()) {
        valueMentions.add(m);
        return;
      }
      Optional<Field> flag = flagOf(targets);
      if (models.isEmpty()
          && flag.isPresent()
          && verbOfTimeDimension(
              m,
              Stream.concat(Stream.of(flag.get().model()), contextModels.stream())
                  .distinct()
                  .toList())) {
        // "tickets resolved last month": the resolution date, not the flag is_resolved.
        return;
      }
      if (models.isEmpty() && flag.isPresent() && !groupWord(m)) {
        // "active accounts", "no longer active": a true/false column named is a condition.
        addFlag(flag.get(), m);
        return;
      }
      if (models.isEmpty() && counting && distinctCountable(targets).isPresent()) {
        // "how many countries do we have customers in": the number of distinct values.
        addMetric(
            new Aggregate(SemanticQuery.Function.COUNT_DISTINCT, distinctCountable(targets).get()),
            m);
        return;
      }
      if (models.isEmpty()
          && (!only(targets, DimensionRef.class).isEmpty() || !columns.isEmpty())) {
        dimensionMentions.add(m);
        columns.stream()
            .filter(this::numeric)
            .forEach(c -> columnPositions.put(c.model() + "." + c.column(), m.start()));
        return;
      }
      models.forEach(model -> contextModels.add(model.model()));
      if (!models.isEmpty()) {
        modelMentions.add(m);
      }
    }

    /**
     * Where a share's rows end and its condition begins: the first auxiliary after the rows are
     * named ("orders we placed in 2025 were ..."), else the end of the rows' mention.
     */
    private int shareSplit(Selection whole) {
      int rows = metricPositions.getOrDefault(whole, -1);
      if (whole instanceof RowCount count) {
        for (Mention m : modelMentions) {
          if (only(m.targets(), ModelRef.class).stream()
              .anyMatch(r -> r.model().equals(count.model()))) {
            rows = m.end() - 1;
            break;
          }
        }
      }
      for (int i = Math.max(0, rows + 1); i < tokens.size(); i++) {
        if (AUXILIARIES.contains(tokens.get(i))) {
          int at = i;
          // An auxiliary inside a value said as a sentence ("the customer was not reachable"): the
          // condition begins with the value.
          return valueMentions.stream()
              .filter(v -> v.start() <= at && at < v.end())
              .map(Mention::start)
              .findFirst()
              .orElse(at);
        }
      }
      return rows;
    }

    private boolean isRatio(Selection s) {
      return s instanceof SemanticQuery.Metric m
          && layer
              .metric(m.name())
              .map(x -> x.spec().getType() != MetricSpec.Type.SIMPLE)
              .orElse(false);
    }

    /** "how many distinct / different / unique" just before the mention. */
    private boolean countsDistinct(Mention m) {
      int at = m.start() - 1;
      if (at < 1 || !DISTINCT_WORDS.contains(tokens.get(at))) {
        return false;
      }
      String one = tokens.get(at - 1);
      String two = at >= 2 ? tokens.get(at - 2) + " " + one : one;
      return COUNT_WORDS.contains(one) || COUNT_WORDS.contains(two);
    }

    /**
     * "How many distinct customers placed an order in 2025": the customers are counted through the
     * facts of another model the question names, by its one reference to them.
     */
    private void countDistinctThroughFacts() {
      if (distinctModel == null || !metrics.get(0).equals(new RowCount(distinctModel))) {
        return;
      }
      for (String fact : contextModels) {
        if (fact.equals(distinctModel)) {
          continue;
        }
        List<SemanticLayer.Join> references = layer.directToOneJoins(fact, distinctModel);
        if (references.size() == 1 && references.get(0).fromColumns().size() == 1) {
          metrics.set(
              0,
              new Aggregate(
                  SemanticQuery.Function.COUNT_DISTINCT,
                  new Field(fact, references.get(0).fromColumns().get(0))));
          return;
        }
        if (references.size() > 1) {
          clarifications.add(
              fact.replace('_', ' ')
                  + " refer to "
                  + distinctModel.replace('_', ' ')
                  + " in "
                  + references.size()
                  + " ways: say which");
          return;
        }
      }
    }

    /** The true/false column a phrase names, when it names exactly one. */
    private Optional<Field> flagOf(List<Target> targets) {
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
    private Optional<Field> distinctCountable(List<Target> targets) {
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
    private void addFlag(Field flag, Mention m) {
      addFilter(new ValueFilter(flag, List.of(negatedBefore(m) ? "false" : "true"), false), m);
    }

    void addFilter(Filter filter, Mention m) {
      filters.add(filter);
      filterPositions.put(filter, m.start());
    }

    private boolean numeric(ColumnRef c) {
      return layer.isNumeric(c.model(), c.column());
    }

    /**
     * The aggregation the words around a numeric column ask for: an aggregate word among the three
     * before it (not across "by" / "per", which group), "how much" before it, or "in total" soon
     * after it; null when none does.
     */
    private SemanticQuery.Function aggregateNear(Mention m) {
      for (int i = m.start() - 1; i >= Math.max(0, m.start() - 3); i--) {
        String word = tokens.get(i);
        if (GROUPING_WORDS.contains(word)) {
          break;
        }
        if (AVERAGE_WORDS.contains(word)) {
          return SemanticQuery.Function.AVG;
        }
        if (TOTAL_WORDS.contains(word)) {
          return SemanticQuery.Function.SUM;
        }
        if (MAX_WORDS.contains(word)) {
          return SemanticQuery.Function.MAX;
        }
        if (MIN_WORDS.contains(word)) {
          return SemanticQuery.Function.MIN;
        }
      }
      if (before(m, 2).equals(HOW_MUCH)) {
        return SemanticQuery.Function.SUM;
      }
      for (int i = m.end(); i + 1 < Math.min(tokens.size(), m.end() + 6); i++) {
        if (tokens.get(i).equals(IN) && tokens.get(i + 1).equals(TOTAL)) {
          return SemanticQuery.Function.SUM;
        }
      }
      return null;
    }

    private boolean qualifiesNextMention(Mention m, String model) {
      for (Mention next : dimensionMentions) {
        if (next.start() == m.end()) {
          for (Target t : next.targets()) {
            if (t instanceof DimensionRef d && d.model().equals(model)
                || t instanceof ColumnRef c && c.model().equals(model)) {
              return true;
            }
          }
        }
      }
      return false;
    }

    /**
     * Whether a mention is the verb of a date rather than a status or a filter: the question names
     * a period or a grain, the word is a verb ("were placed", "did we ship", "orders shipped") and
     * it names what one time dimension of the models records, by the dimension's name, label or
     * description ("Day the order was placed", "shipped_date"). That dimension then dates the
     * question. A word as it is after an auxiliary ("are open") is a state, and without a period
     * ("how many orders were returned") the word is the condition.
     */
    boolean verbOfTimeDimension(Mention m, List<String> models) {
      if (!dated) {
        return false;
      }
      int last = m.end() - 1;
      boolean inflected = !written.get(last).equals(tokens.get(last));
      String previous = m.start() == 0 ? "" : tokens.get(m.start() - 1);
      boolean verb =
          AUXILIARIES.contains(previous)
              ? inflected
              : inflected
                  || SUBJECTS.contains(previous)
                  || doAuxiliaryBefore(m.start()) && !Words.isOnlyANoun(tokens.get(last));
      if (!verb) {
        return false;
      }
      List<String> found = events.recordingPhrase(models, tokens.subList(m.start(), m.end()));
      if (found.isEmpty()) {
        return false;
      }
      String recording = events.one(found);
      if (recording != null && timeDimension == null) {
        timeDimension = recording;
      }
      return true;
    }

    /**
     * Whether "do", "does" or "did" comes earlier in the question: then a word in its base form may
     * be the verb it governs ("how many tickets did the team resolve").
     */
    private boolean doAuxiliaryBefore(int index) {
      for (int i = 0; i < index; i++) {
        if (DO_AUXILIARIES.contains(written.get(i))) {
          return true;
        }
      }
      return false;
    }

    /**
     * The model whose rows a ranking word counts: "which team has the most agents" ranks teams by
     * their number of agents. The model must follow the ranking word with nothing between but
     * values and function words ("the fewest escalated tickets").
     */
    private Optional<String> rankedRows() {
      for (int k = 0; k < tokens.size(); k++) {
        if (!RANKED_COUNT_WORDS.contains(tokens.get(k))) {
          continue;
        }
        for (Mention m : modelMentions) {
          if (m.start() <= k) {
            continue;
          }
          boolean adjacent = true;
          for (int i = k + 1; i < m.start(); i++) {
            int at = i;
            boolean value = valueMentions.stream().anyMatch(v -> v.start() <= at && at < v.end());
            if (!value && !QuestionGrammar.isFunctionWord(tokens.get(i))) {
              adjacent = false;
            }
          }
          if (adjacent) {
            return Optional.of(only(m.targets(), ModelRef.class).get(0).model());
          }
          break;
        }
      }
      return Optional.empty();
    }

    /**
     * A column of an amount of money (its unit a currency) named as what is asked, with no word of
     * aggregating ("revenue per quarter"): amounts of money add up, so it is their total. Not when
     * it is grouped by ("by amount") or compared with a number ("an amount over 500": a condition);
     * a quantity of another unit (a weight, a duration) may as well be averaged, so it stays asked
     * back.
     */
    private Optional<Field> amountOfMoneyAsked(
        List<Thresholds.Threshold> comparisons, boolean ranked) {
      Set<String> compared = new LinkedHashSet<>();
      comparisons.forEach(
          c ->
              Optional.ofNullable(nearest(columnPositions, c.tokenIndex()))
                  .ifPresent(compared::add));
      List<Field> amounts = new ArrayList<>();
      for (Mention m : dimensionMentions) {
        if (groupWord(m) && !ranked) {
          continue; // "by amount" groups, but "the top 10 by revenue" ranks
        }
        for (ColumnRef c : only(m.targets(), ColumnRef.class)) {
          String unit =
              layer
                  .model(c.model())
                  .map(x -> x.columns().get(c.column()))
                  .map(ColumnSpec::getUnit)
                  .orElse(null);
          if (numeric(c)
              && unit != null
              && ReferenceNames.currencyName(unit.trim()) != null
              && !compared.contains(c.model() + "." + c.column())) {
            amounts.add(new Field(c.model(), c.column()));
          }
        }
      }
      return amounts.size() == 1 ? Optional.of(amounts.get(0)) : Optional.empty();
    }

    /**
     * Whether the question asks for an average ("average", "mean") of what is only counted: the
     * average number of rows per something is another query than their number, so it is asked back
     * rather than answered as a count.
     */
    private boolean averageOfCounts(String said) {
      boolean average = AVERAGE_WORDS.stream().anyMatch(w -> said.contains(" " + w + " "));
      return average && metrics.stream().allMatch(this::counts);
    }

    /** Whether a selection counts rows or distinct values (a count measure and its metric too). */
    private boolean counts(Selection s) {
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

    /**
     * What a question that names no measure could ask for, in the project's words: its metrics,
     * else the number of the models it names and the measures of the first of them.
     */
    private List<String> measureOffers() {
      List<String> offers = new ArrayList<>();
      layer.metrics().stream().limit(5).map(SemanticLayer.Metric::label).forEach(offers::add);
      for (String model : new LinkedHashSet<>(contextModels)) {
        if (offers.size() >= 3) {
          break;
        }
        offers.add("the number of " + model.replace('_', ' '));
        layer
            .model(model)
            .ifPresent(
                m ->
                    m.measures().values().stream()
                        .limit(2)
                        .forEach(
                            ms ->
                                offers.add(
                                    QueryDescription.selection(
                                        new SemanticQuery.Measure(ms.name()), layer))));
      }
      return offers.stream().distinct().limit(5).toList();
    }

    /** The models a glossary term filters, directly or through its named filter. */
    private List<String> termModels(List<TermRef> terms) {
      List<String> models = new ArrayList<>();
      for (TermRef t : terms) {
        GlossaryTermSpec term = t.term();
        if (term.getModel() != null) {
          models.add(term.getModel());
        }
        if (term.getFilter() != null) {
          layer.filter(term.getFilter()).ifPresent(f -> models.add(f.model()));
        }
      }
      return models;
    }

    private static Selection metricOf(MetricRef ref) {
      return new SemanticQuery.Metric(ref.metric());
    }

    void addMetric(Selection metric, Mention m) {
      if (!metrics.contains(metric)) {
        metrics.add(metric);
        metricPhrases.put(metric, m.phrase());
      }
      metricPositions.put(metric, m.start());
    }

    Interpretation finish(
        String question,
        TimeRange range,
        TimeGrain grain,
        Integer limit,
        Boolean descending,
        List<Thresholds.Threshold> comparisons) {
      placeCauses();
      // Counting the rows of a model is a reading of the question only when it asks for a number
      // or a breakdown ("how many refunded orders", "orders by region"); "how are our stores
      // doing" or "who are our best customers" are not counts: they are asked back.
      String said = " " + String.join(" ", tokens) + " ";
      boolean countable =
          Stream.concat(COUNT_WORDS.stream(), SIZE_WORDS.stream())
                  .anyMatch(w -> said.contains(" " + w + " "))
              || !dimensionMentions.isEmpty()
              || grain != null
              // "escalated tickets by team": rows with a condition, broken down by a model
              || (!filters.isEmpty() || !valueMentions.isEmpty())
                  && modelMentions.stream().anyMatch(this::groupWord)
              || SHARE.matcher(question).find(); // "what share of agents are ...": of their number
      if (metrics.isEmpty() && descending != null) {
        rankedRows().ifPresent(model -> metrics.add(new RowCount(model)));
      }
      if (metrics.isEmpty()) {
        amountOfMoneyAsked(comparisons, limit != null)
            .ifPresent(f -> metrics.add(new Aggregate(SemanticQuery.Function.SUM, f)));
      }
      if (metrics.isEmpty() && countable) {
        filters.stream()
            .map(layer::modelOf)
            .filter(java.util.Objects::nonNull)
            .findFirst()
            .ifPresent(model -> metrics.add(new RowCount(model)));
      }
      if (metrics.isEmpty() && countable && !contextModels.isEmpty()) {
        // "show orders by region": the model alone stands for counting it.
        metrics.add(new RowCount(contextModels.get(0)));
      }
      boolean listing =
          metrics.isEmpty()
              && listsRows(grain, limit)
              && (range != null || !filters.isEmpty() || !valueMentions.isEmpty())
              && listEntities();
      if (metrics.isEmpty() && !listing) {
        countRowsAThresholdNames(comparisons);
      }
      if (metrics.isEmpty()) {
        List<String> unplaced = unplacedWords(null).words();
        if (!unplaced.isEmpty()) {
          clarifications.add(notUnderstood(unplaced));
        }
        List<String> offers = measureOffers();
        clarifications.add(
            offers.isEmpty()
                ? "Which measure do you mean?"
                : "Which measure do you mean? For example: " + String.join(", ", offers));
        return new Interpretation(
            question, null, range, matched, clarifications, unplaced, measureReadings(range), 0.2);
      }
      countDistinctThroughFacts();
      if (averageOfCounts(said)) {
        clarifications.add(
            "An average of "
                + QueryDescription.selection(metrics.get(0), layer)
                + " is not something I compute: ask for that number per group or in total");
      }
      if (metrics.size() == 1) {
        List<String> left = unplacedWords(layer.modelOf(metrics.get(0))).words();
        if (!left.isEmpty()) {
          betterDescribed(left);
        }
      }
      String base = layer.modelOf(metrics.get(0));
      if (timeDimension != null && !timeDimension.startsWith(base + ".")) {
        timeDimension = null; // a date of another table: use the metric's own
      }
      List<String> groupBy = new ArrayList<>();
      for (Mention m : dimensionMentions) {
        Optional<String> dimension = pickDimension(m.targets(), base);
        if (dimension.isEmpty()) {
          continue;
        }
        SemanticLayer.Dimension d = dimensionOf(dimension.get());
        if (d != null && d.time()) {
          timeDimension = dimension.get();
          if (grain == null && groupWord(m)) {
            grain = TimeGrain.DAY;
          }
          continue;
        }
        boolean rankedBy = groupWord(m) && limit != null; // "top 10 agents by refunds"
        if ((!groupWord(m) || rankedBy)
            && measuredColumns(metrics.get(0)).contains(dimension.get())) {
          continue; // the amount the metric adds up, named again ("how much was spent"): no
          // grouping
        }
        if (!groupBy.contains(dimension.get())) {
          groupBy.add(dimension.get());
        }
      }
      for (Mention m : modelMentions) {
        String model = only(m.targets(), ModelRef.class).get(0).model();
        if (qualifiesNextMention(m, model)) {
          continue; // "customer segment": the model names whose segment, not a grouping
        }
        boolean grouping =
            !listing
                && (groupWord(m)
                    || (m.start() > 0 && ASKING_WORDS.contains(tokens.get(m.start() - 1)))
                    || m.start() == 0 && limit != null);
        if (grouping && !model.equals(base) || grouping && limit != null) {
          labelDimensions(model).stream().filter(d -> !groupBy.contains(d)).forEach(groupBy::add);
        }
      }
      Map<String, List<String>> values = new LinkedHashMap<>();
      Map<String, Integer> valuePositions = new LinkedHashMap<>();
      for (Mention m : valueMentions) {
        // A value said before a model ("French suppliers", "EMEA stores") is that model's own; one
        // of another table (the region of a supplier's warehouse) would answer another question.
        String qualified = modelStarts.get(m.end());
        Set<String> measured = measuredColumns(metrics.get(0));
        if (only(m.targets(), ColumnRef.class).stream()
            .anyMatch(c -> measured.contains(c.model() + "." + c.column()))) {
          continue; // "how much is outstanding": the amount summed, named again, not a status
        }
        List<ValueRef> refs = only(m.targets(), ValueRef.class);
        if (qualified != null) {
          refs = refs.stream().filter(v -> v.model().equals(qualified)).toList();
          if (refs.isEmpty()) {
            // "French customers" where another table has a region called France: the customers'
            // country, by its standard name, when that is their only value so named.
            List<ValueRef> standard =
                layer.lexicon().shadowedValues(m.phrase()).stream()
                    .filter(v -> v.model().equals(qualified))
                    .toList();
            if (standard.size() == 1) {
              refs = standard;
            }
          }
          Optional<Field> flag = flagOf(m.targets()).filter(f -> f.model().equals(qualified));
          if (refs.isEmpty() && flag.isPresent()) {
            // "active agents": the agents' own true/false column, not another table's status.
            addFlag(flag.get(), m);
            continue;
          }
          if (refs.isEmpty()) {
            clarifications.add(
                "\""
                    + m.phrase()
                    + "\" is not a value of "
                    + qualified.replace('_', ' ')
                    + ": which of their attributes do you mean?");
            continue;
          }
        }
        ValueRef value = pickValue(refs, qualified != null ? qualified : base);
        String key = value.model() + "." + value.column();
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value.value());
        valuePositions.putIfAbsent(key, m.start());
      }
      values.forEach(
          (key, list) -> {
            Filter filter = new ValueFilter(Field.of(key), List.copyOf(list), false);
            filters.add(filter);
            filterPositions.put(filter, valuePositions.get(key));
          });
      Selection whole = metrics.get(0);
      if (SHARE.matcher(question).find() && !isRatio(whole)) {
        // "what share of the orders we shipped were refunded": the conditions said after the rows
        // they qualify ("were late") are the share's; the others choose the rows.
        int after = shareSplit(whole);
        List<Filter> condition =
            filters.stream().filter(f -> filterPositions.getOrDefault(f, -1) >= after).toList();
        if (condition.isEmpty()) {
          clarifications.add(
              "A share of "
                  + QueryDescription.selection(whole, layer)
                  + " meeting which condition?");
        } else {
          filters.removeAll(condition);
          metrics.set(0, new SemanticQuery.Share(whole, condition));
        }
      }
      List<Having> havings = new ArrayList<>();
      for (Thresholds.Threshold c : comparisons) {
        String nearestColumn = nearest(columnPositions, c.tokenIndex());
        Selection nearestMetric = nearest(metricPositions, c.tokenIndex());
        int columnAt = nearestColumn == null ? -1 : columnPositions.get(nearestColumn);
        int metricAt = nearestMetric == null ? -1 : metricPositions.get(nearestMetric);
        boolean summedByMetric =
            nearestColumn != null
                && !groupBy.isEmpty()
                && metrics.stream().anyMatch(x -> measuredColumns(x).contains(nearestColumn));
        if (nearestColumn != null && columnAt > metricAt && !summedByMetric) {
          filters.add(
              new RangeFilter(
                  Field.of(nearestColumn), SemanticQuery.Operator.ofSql(c.operator()), c.value()));
          groupBy.remove(nearestColumn); // compared, not grouped by
        } else if (!groupBy.isEmpty()) {
          Selection metric = nearestMetric != null ? nearestMetric : metrics.get(0);
          havings.add(
              new Having(
                  metrics.indexOf(metric), SemanticQuery.Operator.ofSql(c.operator()), c.value()));
        } else {
          clarifications.add(
              "\""
                  + c.phrase().trim()
                  + "\" of what? Name the amount it applies to"
                  + amountExample(base).map(a -> ", such as " + a).orElse(""));
        }
      }
      String resolvedBase = reachableBase(base, groupBy, filters);
      if (metrics.get(0) instanceof RowCount count
          && count.model().equals(resolvedBase)
          && layer
              .model(resolvedBase)
              .map(
                  m ->
                      m.primaryKey().size() == 1
                          && groupBy.contains(resolvedBase + "." + m.primaryKey().get(0)))
              .orElse(false)) {
        // Counting rows per row: every count would be 1.
        clarifications.add(
            "Each "
                + Words.key(resolvedBase)
                + " counts once: name what to count or rank "
                + resolvedBase.replace('_', ' ')
                + " by");
      }
      if (timeDimension != null && !timeDimension.startsWith(resolvedBase + ".")) {
        timeDimension = null; // the period applies to the metric's own date
      }
      if (range != null) {
        placeNewBefore(resolvedBase);
      }
      Placement placement = unplacedWords(resolvedBase);
      List<String> unplaced = placement.words();
      if (timeDimension == null) {
        timeDimension = placement.event();
      }
      boolean named = timeDimension != null;
      if (timeDimension == null && resolvedBase != null) {
        // A measure dated by its own time dimension (dbt's agg_time_dimension) is filtered and
        // bucketed by it, not by the model's default.
        String own = layer.timeDimensionOf(metrics.get(0));
        if (own != null && own.startsWith(resolvedBase + ".")) {
          timeDimension = own;
        } else {
          layer
              .model(resolvedBase)
              .map(SemanticLayer.Model::defaultTimeDimension)
              .ifPresent(d -> timeDimension = resolvedBase + "." + d);
        }
      }
      if (!named && (range != null || grain != null)) {
        Set<String> dates = new LinkedHashSet<>();
        metrics.forEach(m -> Optional.ofNullable(layer.timeDimensionOf(m)).ifPresent(dates::add));
        if (dates.size() > 1) {
          clarifications.add(
              "These measures are dated differently ("
                  + dates.stream()
                      .map(d -> d.substring(d.indexOf('.') + 1).replace('_', ' '))
                      .collect(Collectors.joining(", "))
                  + "): name the date the period applies to, or ask about them separately");
        }
      }
      if (descending != null && limit == null && !groupBy.isEmpty() && singularQuestion(question)) {
        limit = 1; // "which region has the most revenue"
      }
      List<GroupBy> grouping = new ArrayList<>();
      List<Filter> conditions = new ArrayList<>(filters);
      List<String> dateChoices = new ArrayList<>();
      if ((range != null || grain != null) && timeDimension == null) {
        dateChoices.addAll(TimeDimensionEvents.oneDatePerEvent(layer, resolvedBase, 3));
        clarifications.add(
            "I found no date to apply "
                + (range != null ? "\"" + range.phrase().trim() + "\"" : "the time grain")
                + " to: name the date it applies to"
                + (dateChoices.isEmpty()
                    ? ""
                    : " (such as "
                        + dateChoices.stream()
                            .map(d -> d.substring(d.indexOf('.') + 1).replace('_', ' '))
                            .collect(Collectors.joining(", "))
                        + ")"));
      } else {
        if (grain != null) {
          grouping.add(new GroupBy(Field.of(timeDimension), grain));
        }
        if (range != null) {
          conditions.add(new TimeWindow(Field.of(timeDimension), range.start(), range.end()));
        }
      }
      groupBy.forEach(g -> grouping.add(new GroupBy(Field.of(g), null)));
      List<OrderBy> order = new ArrayList<>();
      if (limit != null || (descending != null && (!groupBy.isEmpty() || grain != null))) {
        order.add(new OrderBy(0, null, descending == null || descending));
      } else if (grain != null && timeDimension != null) {
        order.add(new OrderBy(null, Field.of(timeDimension), false));
      } else if (!groupBy.isEmpty()) {
        order.add(new OrderBy(0, null, true));
      }
      if (!unplaced.isEmpty()) {
        clarifications.add(notUnderstood(unplaced));
      }
      if (compareWith != null) {
        order.clear(); // one row: the periods side by side
      }
      SemanticQuery query =
          new SemanticQuery(
              metrics,
              grouping,
              conditions,
              havings,
              order,
              compareWith != null ? null : limit,
              PERCENT.matcher(question).find(),
              compareWith);
      List<Interpretation.Reading> readings = new ArrayList<>();
      for (String date : dateChoices) {
        // Each date the period could apply to, as a reading a client can send back.
        List<GroupBy> dated = new ArrayList<>();
        if (grain != null) {
          dated.add(new GroupBy(Field.of(date), grain));
        }
        dated.addAll(query.groupBy());
        List<Filter> within = new ArrayList<>(query.filters());
        if (range != null) {
          within.add(new TimeWindow(Field.of(date), range.start(), range.end()));
        }
        SemanticQuery reading =
            new SemanticQuery(
                query.select(),
                dated,
                within,
                query.having(),
                grain != null && query.orderBy().isEmpty()
                    ? List.of(new OrderBy(null, Field.of(date), false))
                    : query.orderBy(),
                query.limit(),
                query.percent(),
                query.compareWith());
        if (compiles(reading)) {
          readings.add(
              new Interpretation.Reading(
                  QueryDescription.describe(reading, range, layer)
                      + ", by "
                      + date.substring(date.indexOf('.') + 1).replace('_', ' '),
                  reading));
        }
      }
      query = withRoles(query, base, range, readings);
      double confidence = clarifications.isEmpty() ? 0.9 : 0.4;
      if (!clarifications.isEmpty() && compiles(query)) {
        // The reading as far as it went: what would be answered without the words asked about.
        readings.add(
            new Interpretation.Reading(
                QueryDescription.describe(query, range, layer)
                    + (unplaced.isEmpty() ? "" : " (leaving out " + quoted(unplaced) + ")"),
                query));
      }
      return new Interpretation(
          question, query, range, matched, clarifications, unplaced, readings, confidence);
    }

    /**
     * When the first metric's table cannot reach a table the question groups or filters by, an
     * alternative metric named by the same words that can ("units" of order lines rather than of
     * orders, to group by product) replaces it.
     */
    /**
     * The query with the roles the question's words choose ({@link Roles}); a role they do not
     * choose is asked back, each relationship offered as a reading.
     */
    private SemanticQuery withRoles(
        SemanticQuery query, String base, TimeRange range, List<Interpretation.Reading> readings) {
      Roles roles = new Roles(layer);
      List<SemanticQuery.Role> chosen = new ArrayList<>();
      List<Roles.Ambiguity> open = new ArrayList<>();
      for (Roles.Ambiguity a : roles.ambiguities(query, base)) {
        roles.named(a, tokens).ifPresentOrElse(j -> chosen.add(a.role(j)), () -> open.add(a));
      }
      SemanticQuery withChosen = chosen.isEmpty() ? query : query.withRoles(chosen);
      if (open.isEmpty()) {
        return withChosen;
      }
      Roles.Ambiguity a = open.get(0);
      clarifications.add(
          "I can relate "
              + a.to().replace('_', ' ')
              + " to "
              + a.from().replace('_', ' ')
              + " in "
              + a.joins().size()
              + " ways ("
              + a.joins().stream().map(Roles::said).collect(Collectors.joining(", "))
              + "): say which");
      if (open.size() == 1) {
        for (SemanticLayer.Join join : a.joins()) {
          List<SemanticQuery.Role> with = new ArrayList<>(chosen);
          with.add(a.role(join));
          SemanticQuery reading = query.withRoles(with);
          if (compiles(reading)) {
            readings.add(
                new Interpretation.Reading(
                    QueryDescription.describe(reading, range, layer) + ", " + Roles.said(join),
                    reading));
          }
        }
      }
      return withChosen;
    }

    /**
     * "New customers since March", "new hires in 2025": with a period, "new" before the counted
     * rows says only that their own date falls in it, which the period already does. Without a
     * period (or a date to apply it to, asked separately) "new" stays a word to place.
     */
    /**
     * "Closed because the customer was not reachable": "because" before a value says that the value
     * is the reason, which the value's column records; before anything else it is not placed.
     */
    private void placeCauses() {
      for (int i = 0; i + 1 < tokens.size(); i++) {
        if (!CAUSE_WORDS.contains(tokens.get(i))) {
          continue;
        }
        int next = i + 1;
        while (next < tokens.size() && QuestionGrammar.isFunctionWord(tokens.get(next))) {
          next++;
        }
        int at = next;
        if (valueMentions.stream().anyMatch(v -> v.start() == at)) {
          placed.set(i);
        }
      }
    }

    private void placeNewBefore(String counted) {
      for (int i = 0; i + 1 < tokens.size(); i++) {
        if (NEW_WORDS.contains(tokens.get(i))
            && counted != null
            && counted.equals(modelStarts.get(i + 1))) {
          placed.set(i);
        }
      }
    }

    /** Words as a question back names them: "healthiest", "tier". */
    private static String quoted(List<String> words) {
      return words.stream().distinct().map(w -> "\"" + w + "\"").collect(Collectors.joining(", "));
    }

    private String notUnderstood(List<String> words) {
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
      ElementEmbeddings index = layer.embeddings();
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

    private boolean compiles(SemanticQuery query) {
      try {
        new SemanticQueryCompiler(layer).compile(query, null);
        return true;
      } catch (SemanticQueryCompiler.CannotCompile e) {
        return false;
      }
    }

    /**
     * For a question without a measure: up to three of the project's metrics, each as a query with
     * the question's period on the metric's own date.
     */
    private List<Interpretation.Reading> measureReadings(TimeRange range) {
      List<Interpretation.Reading> readings = new ArrayList<>();
      List<SemanticLayer.Metric> candidates = new ArrayList<>();
      for (SemanticLayer.Metric m : layer.metrics()) {
        String model = layer.modelOf(m.name());
        if (model != null && contextModels.contains(model)) {
          candidates.add(m);
        }
      }
      layer.metrics().stream().filter(m -> !candidates.contains(m)).forEach(candidates::add);
      for (SemanticLayer.Metric m : candidates) {
        if (readings.size() == 3) {
          break;
        }
        Selection metric = new SemanticQuery.Metric(m.name());
        List<Filter> where = new ArrayList<>();
        String date = layer.timeDimensionOf(metric);
        if (range != null) {
          if (date == null) {
            continue;
          }
          where.add(new TimeWindow(Field.of(date), range.start(), range.end()));
        }
        SemanticQuery query =
            new SemanticQuery(List.of(metric), List.of(), where, List.of(), List.of(), null, false);
        if (compiles(query)) {
          readings.add(
              new Interpretation.Reading(QueryDescription.describe(query, range, layer), query));
        }
      }
      return readings;
    }

    /** An amount of the project's own to name in a question back: a measure of the base model. */
    private Optional<String> amountExample(String base) {
      return layer.models().stream()
          .filter(m -> base == null || m.name().equals(base))
          .flatMap(m -> m.measures().values().stream())
          .map(m -> m.name().replace('_', ' '))
          .findFirst();
    }

    private String reachableBase(String base, List<String> groupBy, List<Filter> filters) {
      Set<String> needed = new LinkedHashSet<>();
      groupBy.forEach(g -> needed.add(g.substring(0, g.indexOf('.'))));
      filters.stream().map(layer::modelOf).filter(java.util.Objects::nonNull).forEach(needed::add);
      if (base == null || reaches(base, needed)) {
        return base;
      }
      Selection first = metrics.get(0);
      if (first instanceof RowCount || first instanceof Aggregate) {
        return base; // computed from the very column or table named: no other reading
      }
      List<String> words = Words.tokens(metricPhrases.getOrDefault(first, ""));
      Map<Selection, String> alternatives = new LinkedHashMap<>();
      layer.metrics().forEach(m -> alternatives.put(new SemanticQuery.Metric(m.name()), m.name()));
      layer
          .models()
          .forEach(
              m ->
                  m.measures()
                      .keySet()
                      .forEach(ms -> alternatives.put(new SemanticQuery.Measure(ms), ms)));
      for (Map.Entry<Selection, String> entry : alternatives.entrySet()) {
        Selection alternative = entry.getKey();
        List<String> names = Words.tokens(entry.getValue());
        String altBase = layer.modelOf(alternative);
        if (!alternative.equals(first)
            && names.stream().anyMatch(words::contains)
            && altBase != null
            && reaches(altBase, needed)) {
          metrics.set(0, alternative);
          return altBase;
        }
      }
      return base;
    }

    private boolean reaches(String base, Set<String> models) {
      return models.stream().allMatch(m -> layer.toOnePath(base, m).isPresent());
    }

    /** The column that names a model's rows: name, <model>_name, title; else its key. */
    /**
     * The columns that name a model's rows: its key (names are not unique: two customers may share
     * one) and its name column (name, model_name, full_name, title) when it has one.
     */
    private List<String> labelDimensions(String model) {
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
                    break;
                  }
                }
              });
      return labels;
    }

    /**
     * Whether the question asks for rows, not a number: it opens with a word of listing ("which",
     * "list") and has no word of counting, no grain, no ranking and no attribute it could group by
     * ("list stores by region" is a breakdown). The caller also wants a condition: "show me the
     * stores" lists a whole table, too vague to answer.
     */
    private boolean listsRows(TimeGrain grain, Integer limit) {
      String said = " " + String.join(" ", tokens) + " ";
      return !tokens.isEmpty()
          && LISTING_WORDS.contains(tokens.get(0))
          && grain == null
          && limit == null
          && dimensionMentions.isEmpty()
          && Stream.concat(COUNT_WORDS.stream(), SIZE_WORDS.stream())
              .noneMatch(w -> said.contains(" " + w + " "));
    }

    /**
     * Lists the rows of the one model the question names ("which stores opened since 2024"),
     * presented by their key and name; false, listing nothing, when it names several models or the
     * model has no name to present its rows by.
     */
    private boolean listEntities() {
      Set<String> named = new LinkedHashSet<>(contextModels);
      filters.stream().map(layer::modelOf).filter(java.util.Objects::nonNull).forEach(named::add);
      for (Mention m : valueMentions) {
        // "list our flagships": the model of the value named, when it is one model's
        Set<String> models = new LinkedHashSet<>();
        only(m.targets(), ValueRef.class).forEach(v -> models.add(v.model()));
        if (models.size() == 1) {
          named.addAll(models);
        } else {
          return false;
        }
      }
      if (named.size() != 1) {
        return false;
      }
      String model = named.iterator().next();
      List<String> labels = labelDimensions(model);
      if (labels.stream()
          .noneMatch(
              l ->
                  !layer
                      .model(model)
                      .orElseThrow()
                      .primaryKey()
                      .contains(l.substring(l.indexOf('.') + 1)))) {
        return false; // only a key: nothing a reader would recognise the rows by
      }
      labels.forEach(l -> metrics.add(new Listed(Field.of(l))));
      return true;
    }

    /**
     * "Which suppliers delivered more than 200 shipments": a threshold said right before a model
     * counts that model's rows, per the other model the question names (grouped and kept by HAVING
     * further on), when a verb before it names the event those rows record ("delivered"): they are
     * events to count. "Which departments have more than 10 employees" names none (all employees,
     * or the current ones?) and is asked back.
     */
    private void countRowsAThresholdNames(List<Thresholds.Threshold> thresholds) {
      for (Thresholds.Threshold t : thresholds) {
        String counted = modelStarts.get(t.tokenIndex());
        boolean event = false;
        for (int i = 0; counted != null && i < t.tokenIndex() && !event; i++) {
          event = !placed.get(i) && events.recording(counted, tokens.get(i)) != null;
        }
        if (event && contextModels.stream().anyMatch(m -> !m.equals(counted))) {
          RowCount count = new RowCount(counted);
          metrics.add(count);
          metricPositions.put(count, t.tokenIndex());
          return;
        }
      }
    }

    /** The columns (model.column) a metric aggregates as they are: a measure's plain column. */
    private Set<String> measuredColumns(Selection selection) {
      if (selection instanceof Aggregate aggregate) {
        return Set.of(aggregate.field().toString());
      }
      return measureOf(selection)
          .filter(ms -> ms.expr() != null && ms.expr().trim().matches("\\w+"))
          .map(ms -> Set.of(ms.model() + "." + ms.expr().trim()))
          .orElse(Set.of());
    }

    private boolean groupWord(Mention m) {
      return m.start() > 0 && GROUP_WORDS.contains(tokens.get(m.start() - 1));
    }

    /**
     * "Which region has the most …": one row. A verb that does not say its number ("had", "made")
     * leaves it to the noun: "which teams had the most …" asks for them all, in order.
     */
    private static boolean singularQuestion(String question) {
      Matcher m = SINGULAR_QUESTION.matcher(question.trim().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        return false;
      }
      return m.group(2).matches("has|is|was|does") || Words.key(m.group(1)).equals(m.group(1));
    }

    private <K> K nearest(Map<K, Integer> positions, int index) {
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

    private SemanticLayer.Dimension dimensionOf(String qualified) {
      String[] parts = qualified.split("\\.", 2);
      return layer.model(parts[0]).map(m -> m.dimensions().get(parts[1])).orElse(null);
    }

    /**
     * The dimension (model.name) a phrase names, preferring the base model, then reachable ones.
     */
    private Optional<String> pickDimension(List<Target> targets, String base) {
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

    private ValueRef pickValue(List<ValueRef> values, String base) {
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

  private static <T> List<T> only(List<Target> targets, Class<T> type) {
    return targets.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The text with the first occurrence of a phrase blanked, so nothing else reads it again. */
  static String blank(String text, String phrase) {
    int at = text.toLowerCase(Locale.ROOT).indexOf(phrase.toLowerCase(Locale.ROOT));
    return at < 0
        ? text
        : text.substring(0, at)
            + " ".repeat(phrase.length())
            + text.substring(at + phrase.length());
  }
}
