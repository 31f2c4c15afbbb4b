package io.insightengine.engine.interpret;

import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.GlossaryTermSpec;
import io.insightengine.engine.interpret.Intent.Condition;
import io.insightengine.engine.semantic.ColumnAggregate;
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
import io.insightengine.engine.semantic.SemanticLayer;
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
 * Stage 1's reader: turns a question into an {@link Intent} using only the semantic model — names,
 * labels, synonyms, glossary, enumerated and sampled values — and the time expressions. It never
 * guesses between readings: an ambiguous or unknown question yields clarifications instead.
 */
public final class QuestionInterpreter {
  private static final Pattern TOP_N =
      Pattern.compile(
          "\\b(?:(top|best|highest|biggest|largest|bottom|worst|lowest|smallest|first|which|what)\\s+(\\d+)|(\\d+)\\s+(?:most|highest|biggest|largest|best|top|least|lowest|smallest|worst|fewest))\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DESCENDING =
      Pattern.compile(
          "\\b(most|highest|biggest|largest|best|top|maximum|max)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern ASCENDING =
      Pattern.compile(
          "\\b(least|lowest|smallest|fewest|worst|bottom|minimum|min)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern COMPARISON =
      Pattern.compile(
          "\\b(more than|greater than|higher than|larger than|bigger than|over|above|exceeding|at least|less than|fewer than|lower than|smaller than|under|below|at most)\\s+\\$?([\\d][\\d,]*(?:\\.\\d+)?)\\s*(k|m)?\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Set<String> GROUP_WORDS =
      Set.of("by", "per", "each", "across", "every", "split");

  /** Words before a model that make it the rows listed or grouped, not a count. */
  private static final Set<String> ROW_WORDS =
      Set.of("top", "which", "what", "each", "per", "by", "every", "bottom", "best", "worst");

  private static final Set<String> AUXILIARIES =
      Set.of("were", "was", "been", "is", "are", "be", "being", "get", "got");

  /** "in percent", "as a percentage", "in %": ratios on a 0-100 scale. */
  private static final Pattern PERCENT = Pattern.compile("(?i)%|\\bper ?cent(age)?s?\\b");

  private static final Set<String> COUNT_WORDS =
      Set.of("how many", "number of", "count of", "count");

  /** "how big is the backlog": the size of a set of rows is their number. */
  private static final Set<String> SIZE_WORDS = Set.of("how big", "how large", "size");

  private static final Set<String> AVERAGE_WORDS = Set.of("average", "avg", "mean");
  private static final Set<String> TOTAL_WORDS = Set.of("total", "sum");
  private static final Set<String> MAX_WORDS =
      Set.of("highest", "maximum", "max", "largest", "biggest");
  private static final Set<String> MIN_WORDS = Set.of("lowest", "minimum", "min", "smallest");
  private static final Set<String> GROUPING_WORDS = Set.of("by", "per", "each", "every");

  private final TimeExpressions time;

  public QuestionInterpreter(TimeExpressions time) {
    this.time = time;
  }

  /** A phrase of the question and what it names. */
  private record Mention(int start, int end, String phrase, List<Target> targets) {}

  public Intent interpret(String question, SemanticLayer layer) {
    String text = " " + question.trim() + " ";
    Optional<TimeRange> range = time.range(text);
    if (range.isPresent()) {
      text = blank(text, range.get().phrase());
    }
    Optional<TimeExpressions.GrainMatch> grain = time.grain(text);
    if (grain.isPresent()) {
      text = blank(text, grain.get().phrase());
    }
    Integer limit = null;
    Boolean descending = null;
    Matcher top = TOP_N.matcher(text);
    if (top.find()) {
      String word = top.group(1) != null ? top.group(1) : top.group().replaceAll("^\\d+\\s+", "");
      limit = Integer.parseInt(top.group(2) != null ? top.group(2) : top.group(3));
      descending = word.matches("(?i)which|what") ? null : !ASCENDING.matcher(word).find();
      // Keep the word ("top", "which") for the reading; drop the number.
      String number = top.group(2) != null ? top.group(2) : top.group(3);
      int at = top.start(top.group(2) != null ? 2 : 3);
      text =
          text.substring(0, at)
              + " ".repeat(number.length())
              + text.substring(at + number.length());
    }
    List<Comparison> comparisons = new ArrayList<>();
    Matcher cmp = COMPARISON.matcher(text);
    while (cmp.find()) {
      comparisons.add(
          new Comparison(
              Words.tokens(text.substring(0, cmp.start())).size(),
              operator(cmp.group(1)),
              number(cmp.group(2), cmp.group(3)),
              cmp.group()));
    }
    for (Comparison c : comparisons) {
      text = blank(text, c.phrase());
    }
    if (descending == null) {
      if (DESCENDING.matcher(text).find()) {
        descending = true;
      } else if (ASCENDING.matcher(text).find()) {
        descending = false;
      }
    }

    List<String> tokens = Words.tokens(text);
    List<Mention> mentions = new ArrayList<>();
    for (Lexicon.Match m : layer.lexicon().scan(tokens)) {
      mentions.add(new Mention(m.start(), m.end(), m.phrase(), m.targets()));
    }

    Reading reading = new Reading(layer, tokens);
    for (Mention mention : mentions) {
      reading.take(mention);
    }
    return reading.finish(
        question,
        range.orElse(null),
        grain.map(TimeExpressions.GrainMatch::grain).orElse(null),
        limit,
        descending,
        comparisons);
  }

  private record Comparison(int tokenIndex, String operator, String value, String phrase) {}

  /** The state of reading one question. */
  private static final class Reading {
    final SemanticLayer layer;
    final List<String> tokens;
    final List<String> metrics = new ArrayList<>();
    final Map<String, Integer> metricPositions = new LinkedHashMap<>();
    final List<Mention> dimensionMentions = new ArrayList<>();
    final List<Mention> valueMentions = new ArrayList<>();
    final List<Condition> filters = new ArrayList<>();
    final List<String> matched = new ArrayList<>();
    final List<String> clarifications = new ArrayList<>();
    final List<String> contextModels = new ArrayList<>();
    final List<Mention> modelMentions = new ArrayList<>();
    final Map<String, String> metricPhrases = new LinkedHashMap<>();
    final Map<String, Integer> columnPositions = new LinkedHashMap<>();
    String timeDimension;

    Reading(SemanticLayer layer, List<String> tokens) {
      this.layer = layer;
      this.tokens = tokens;
    }

    String before(Mention m, int words) {
      return String.join(" ", tokens.subList(Math.max(0, m.start() - words), m.start()));
    }

    void take(Mention m) {
      matched.add(m.phrase());
      List<Target> targets = m.targets();
      List<MetricRef> metricRefs = only(targets, MetricRef.class);
      List<TermRef> terms = only(targets, TermRef.class);
      List<FilterRef> namedFilters = only(targets, FilterRef.class);
      List<ModelRef> models = only(targets, ModelRef.class);
      List<ValueRef> values = only(targets, ValueRef.class);
      List<MeasureRef> measures = only(targets, MeasureRef.class);
      boolean counting = COUNT_WORDS.contains(before(m, 2)) || COUNT_WORDS.contains(before(m, 1));
      String aggregateWord = before(m, 1);

      if (!terms.isEmpty()) {
        GlossaryTermSpec term = terms.get(0).term();
        if (term.getMetric() != null) {
          addMetric(term.getMetric(), m);
        } else if (term.getFilter() != null) {
          layer
              .filter(term.getFilter())
              .ifPresent(f -> filters.add(Condition.sql(f.model(), f.expr(), term.getTerm())));
        } else if (term.getExpr() != null) {
          filters.add(Condition.sql(term.getModel(), term.getExpr(), term.getTerm()));
        }
        return;
      }
      if (!metricRefs.isEmpty() && m.start() > 0 && tokens.get(m.start() - 1).equals("and")) {
        addMetric(metricRefs.get(0).metric(), m); // "revenue and tickets": both are asked for
        return;
      }
      if (!metricRefs.isEmpty() && metrics.contains(metricRefs.get(0).metric())) {
        addMetric(metricRefs.get(0).metric(), m);
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
        addMetric(metricRefs.get(0).metric(), m);
        return;
      }
      if (!namedFilters.isEmpty()) {
        layer
            .filter(namedFilters.get(0).filter())
            .ifPresent(f -> filters.add(Condition.sql(f.model(), f.expr(), m.phrase())));
        return;
      }
      if (!models.isEmpty() && counting) {
        addMetric("count:" + models.get(0).model(), m);
        return;
      }
      if (!measures.isEmpty() && metrics.isEmpty()) {
        addMetric("measure:" + measures.get(0).measure(), m);
        return;
      }
      List<ColumnRef> columns = only(targets, ColumnRef.class);
      if (!columns.isEmpty()
          && (AVERAGE_WORDS.contains(aggregateWord) || TOTAL_WORDS.contains(aggregateWord))) {
        ColumnRef column = columns.get(0);
        addMetric(
            new ColumnAggregate(
                    AVERAGE_WORDS.contains(aggregateWord) ? "avg" : "sum",
                    column.model(),
                    column.column())
                .key(),
            m);
        return;
      }
      Optional<ColumnRef> numeric = columns.stream().filter(this::numeric).findFirst();
      String function = numeric.isPresent() ? aggregateNear(m) : null;
      if (function != null) {
        // "the highest price", "how much tax ... in total": the column is aggregated,
        // not grouped by.
        ColumnRef column = numeric.get();
        addMetric(new ColumnAggregate(function, column.model(), column.column()).key(), m);
        return;
      }
      if (!values.isEmpty() && models.isEmpty() && verbOfTimeDimension(m, values)) {
        return; // "orders were placed last month": the verb of the order date, not a status
      }
      if (!values.isEmpty() && models.isEmpty()) {
        valueMentions.add(m);
        return;
      }
      if (models.isEmpty()
          && (!only(targets, DimensionRef.class).isEmpty() || !columns.isEmpty())) {
        dimensionMentions.add(m);
        columns.stream()
            .filter(
                c ->
                    layer
                        .model(c.model())
                        .map(x -> x.columns().get(c.column()))
                        .map(QuestionInterpreter::isNumeric)
                        .orElse(false))
            .forEach(c -> columnPositions.put(c.model() + "." + c.column(), m.start()));
        return;
      }
      models.forEach(model -> contextModels.add(model.model()));
      if (!models.isEmpty()) {
        modelMentions.add(m);
      }
    }

    private boolean numeric(ColumnRef c) {
      return layer
          .model(c.model())
          .map(x -> x.columns().get(c.column()))
          .map(QuestionInterpreter::isNumeric)
          .orElse(false);
    }

    /**
     * The aggregation the words around a numeric column ask for: an aggregate word among the three
     * before it (not across "by" / "per", which group), "how much" before it, or "in total" soon
     * after it; null when none does.
     */
    private String aggregateNear(Mention m) {
      for (int i = m.start() - 1; i >= Math.max(0, m.start() - 3); i--) {
        String word = tokens.get(i);
        if (GROUPING_WORDS.contains(word)) {
          break;
        }
        if (AVERAGE_WORDS.contains(word)) {
          return "avg";
        }
        if (TOTAL_WORDS.contains(word)) {
          return "sum";
        }
        if (MAX_WORDS.contains(word)) {
          return "max";
        }
        if (MIN_WORDS.contains(word)) {
          return "min";
        }
      }
      if (before(m, 2).equals("how much")) {
        return "sum";
      }
      for (int i = m.end(); i + 1 < Math.min(tokens.size(), m.end() + 6); i++) {
        if (tokens.get(i).equals("in") && tokens.get(i + 1).equals("total")) {
          return "sum";
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
     * Whether a value follows an auxiliary ("were placed") and names what a time column of its
     * model records ("Day the order was placed"): then it is the verb of the date, not a filter.
     */
    boolean verbOfTimeDimension(Mention m, List<ValueRef> values) {
      if (m.start() == 0 || !AUXILIARIES.contains(tokens.get(m.start() - 1))) {
        return false;
      }
      for (ValueRef value : values) {
        var model = layer.model(value.model());
        if (model.isEmpty()) {
          continue;
        }
        for (var dimension : model.get().dimensions().values()) {
          ColumnSpec column = model.get().columns().get(dimension.name());
          if (dimension.time()
              && column != null
              && column.getDescription() != null
              && Words.tokens(column.getDescription()).contains(Words.key(value.value()))) {
            return true;
          }
        }
      }
      return false;
    }

    void addMetric(String metric, Mention m) {
      if (!metrics.contains(metric)) {
        metrics.add(metric);
        metricPhrases.put(metric, m.phrase());
      }
      metricPositions.put(metric, m.start());
    }

    Intent finish(
        String question,
        TimeRange range,
        TimeGrain grain,
        Integer limit,
        Boolean descending,
        List<Comparison> comparisons) {
      // Counting the rows of a model is a reading of the question only when it asks for a number
      // or a breakdown ("how many refunded orders", "orders by region"); "how are our stores
      // doing" or "who are our best customers" are not counts: they are asked back.
      String said = " " + String.join(" ", tokens) + " ";
      boolean countable =
          Stream.concat(COUNT_WORDS.stream(), SIZE_WORDS.stream())
                  .anyMatch(w -> said.contains(" " + w + " "))
              || !dimensionMentions.isEmpty()
              || grain != null;
      if (metrics.isEmpty() && countable) {
        filters.stream()
            .map(Condition::model)
            .filter(java.util.Objects::nonNull)
            .findFirst()
            .ifPresent(model -> metrics.add("count:" + model));
      }
      if (metrics.isEmpty() && countable && !contextModels.isEmpty()) {
        // "show orders by region": the model alone stands for counting it.
        metrics.add("count:" + contextModels.get(0));
      }
      if (metrics.isEmpty()) {
        List<String> offers =
            layer.metrics().stream().limit(5).map(SemanticLayer.Metric::label).toList();
        clarifications.add("Which measure do you mean? For example: " + String.join(", ", offers));
        return new Intent(
            question,
            List.of(),
            List.of(),
            filters,
            List.of(),
            range,
            null,
            grain,
            null,
            limit,
            matched,
            clarifications,
            0.2,
            false);
      }
      String base = baseModel(metrics.get(0));
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
            groupWord(m)
                || (m.start() > 0
                    && Set.of("which", "what", "top").contains(tokens.get(m.start() - 1)))
                || m.start() == 0 && limit != null;
        if (grouping && !model.equals(base) || grouping && limit != null) {
          labelDimensions(model).stream().filter(d -> !groupBy.contains(d)).forEach(groupBy::add);
        }
      }
      Map<String, List<String>> values = new LinkedHashMap<>();
      Map<String, String> valueLabels = new LinkedHashMap<>();
      for (Mention m : valueMentions) {
        ValueRef value = pickValue(only(m.targets(), ValueRef.class), base);
        String key = value.model() + "." + value.column();
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value.value());
        valueLabels.merge(key, value.value(), (a, b) -> a + ", " + b);
      }
      values.forEach(
          (key, list) -> {
            String[] parts = key.split("\\.", 2);
            filters.add(
                new Condition(
                    parts[0],
                    parts[1],
                    list.size() == 1 ? "=" : "IN",
                    list,
                    null,
                    parts[1].replace('_', ' ')
                        + " "
                        + (list.size() == 1 ? "is " : "in ")
                        + valueLabels.get(key)));
          });
      List<Condition> havings = new ArrayList<>();
      for (Comparison c : comparisons) {
        String nearestColumn = nearest(columnPositions, c.tokenIndex());
        String nearestMetric = nearest(metricPositions, c.tokenIndex());
        int columnAt = nearestColumn == null ? -1 : columnPositions.get(nearestColumn);
        int metricAt = nearestMetric == null ? -1 : metricPositions.get(nearestMetric);
        if (nearestColumn != null && columnAt > metricAt) {
          String[] parts = nearestColumn.split("\\.", 2);
          filters.add(
              new Condition(
                  parts[0],
                  parts[1],
                  c.operator(),
                  List.of(c.value()),
                  null,
                  parts[1].replace('_', ' ') + " " + c.phrase()));
          groupBy.remove(nearestColumn); // compared, not grouped by
        } else if (!groupBy.isEmpty()) {
          String metric = nearestMetric != null ? nearestMetric : metrics.get(0);
          havings.add(
              new Condition(
                  null, metric, c.operator(), List.of(c.value()), null, metric + " " + c.phrase()));
        } else {
          clarifications.add(
              "\""
                  + c.phrase().trim()
                  + "\" of what? Name the amount it applies to"
                  + amountExample(base).map(a -> ", such as " + a).orElse(""));
        }
      }
      String resolvedBase = reachableBase(base, groupBy, filters);
      if (timeDimension != null && !timeDimension.startsWith(resolvedBase + ".")) {
        timeDimension = null; // the period applies to the metric's own date
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
      Intent.Order order = null;
      if (limit != null || (descending != null && (!groupBy.isEmpty() || grain != null))) {
        order = new Intent.Order(metrics.get(0), descending == null || descending);
      } else if (grain != null) {
        order = new Intent.Order(timeDimension, false);
      } else if (!groupBy.isEmpty()) {
        order = new Intent.Order(metrics.get(0), true);
      }
      if (descending != null && limit == null && !groupBy.isEmpty() && singularQuestion(question)) {
        limit = 1; // "which region has the most revenue"
      }
      double confidence = clarifications.isEmpty() ? 0.9 : 0.4;
      return new Intent(
          question,
          List.copyOf(metrics),
          groupBy,
          filters,
          havings,
          grain != null || range != null ? range : null,
          timeDimension,
          grain,
          order,
          limit,
          matched,
          clarifications,
          confidence,
          PERCENT.matcher(question).find());
    }

    /**
     * When the first metric's table cannot reach a table the question groups or filters by, an
     * alternative metric named by the same words that can ("units" of order lines rather than of
     * orders, to group by product) replaces it.
     */
    /** An amount of the project's own to name in a question back: a measure of the base model. */
    private Optional<String> amountExample(String base) {
      return layer.models().stream()
          .filter(m -> base == null || m.name().equals(base))
          .flatMap(m -> m.measures().values().stream())
          .map(m -> m.name().replace('_', ' '))
          .findFirst();
    }

    private String reachableBase(String base, List<String> groupBy, List<Condition> filters) {
      Set<String> needed = new LinkedHashSet<>();
      groupBy.forEach(g -> needed.add(g.substring(0, g.indexOf('.'))));
      filters.stream()
          .map(Condition::model)
          .filter(java.util.Objects::nonNull)
          .forEach(needed::add);
      if (base == null || reaches(base, needed)) {
        return base;
      }
      String first = metrics.get(0);
      if (first.matches("(count|avg|sum):.*")) {
        return base; // computed from the very column or table named: no other reading
      }
      List<String> words = Words.tokens(metricPhrases.getOrDefault(first, first));
      List<String> alternatives = new ArrayList<>();
      layer.metrics().forEach(m -> alternatives.add(m.name()));
      layer
          .models()
          .forEach(m -> m.measures().keySet().forEach(ms -> alternatives.add("measure:" + ms)));
      for (String alternative : alternatives) {
        List<String> names = Words.tokens(alternative.replace("measure:", ""));
        String altBase = baseModel(alternative);
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

    private boolean groupWord(Mention m) {
      return m.start() > 0 && GROUP_WORDS.contains(tokens.get(m.start() - 1));
    }

    private static boolean singularQuestion(String question) {
      return question
          .trim()
          .toLowerCase(Locale.ROOT)
          .matches(
              "^(which|what) \\w+ (has|had|is|was|did|does|got|sold|brought|generated|made)\\b.*");
    }

    private String nearest(Map<String, Integer> positions, int index) {
      String best = null;
      int bestAt = -1;
      for (Map.Entry<String, Integer> e : positions.entrySet()) {
        if (e.getValue() <= index && e.getValue() > bestAt) {
          best = e.getKey();
          bestAt = e.getValue();
        }
      }
      return best;
    }

    String baseModel(String metric) {
      return layer.modelOf(metric);
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

  private static String blank(String text, String phrase) {
    int at = text.toLowerCase(Locale.ROOT).indexOf(phrase.toLowerCase(Locale.ROOT));
    return at < 0
        ? text
        : text.substring(0, at)
            + " ".repeat(phrase.length())
            + text.substring(at + phrase.length());
  }

  private static String operator(String words) {
    return switch (words.toLowerCase(Locale.ROOT)) {
      case "at least" -> ">=";
      case "at most" -> "<=";
      case "less than", "fewer than", "lower than", "smaller than", "under", "below" -> "<";
      default -> ">";
    };
  }

  private static String number(String digits, String suffix) {
    java.math.BigDecimal value = new java.math.BigDecimal(digits.replace(",", ""));
    if (suffix != null) {
      value =
          value.multiply(
              java.math.BigDecimal.valueOf(suffix.equalsIgnoreCase("k") ? 1_000 : 1_000_000));
    }
    return value.toPlainString();
  }

  static boolean isNumeric(ColumnSpec column) {
    String type = column.getType() == null ? "" : column.getType().toLowerCase(Locale.ROOT);
    return type.startsWith("int")
        || type.startsWith("bigint")
        || type.startsWith("numeric")
        || type.startsWith("decimal")
        || type.startsWith("double")
        || type.startsWith("real")
        || type.startsWith("smallint");
  }
}
