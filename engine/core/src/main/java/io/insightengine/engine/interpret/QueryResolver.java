package io.insightengine.engine.interpret;

import static io.insightengine.engine.interpret.Mention.only;

import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.query.QueryDescription;
import io.insightengine.engine.query.SemanticQuery;
import io.insightengine.engine.query.SemanticQuery.Aggregate;
import io.insightengine.engine.query.SemanticQuery.Field;
import io.insightengine.engine.query.SemanticQuery.Filter;
import io.insightengine.engine.query.SemanticQuery.GroupBy;
import io.insightengine.engine.query.SemanticQuery.Having;
import io.insightengine.engine.query.SemanticQuery.OrderBy;
import io.insightengine.engine.query.SemanticQuery.RangeFilter;
import io.insightengine.engine.query.SemanticQuery.RowCount;
import io.insightengine.engine.query.SemanticQuery.Selection;
import io.insightengine.engine.query.SemanticQuery.TimeWindow;
import io.insightengine.engine.query.SemanticQuery.ValueFilter;
import io.insightengine.engine.semantic.Lexicon;
import io.insightengine.engine.semantic.Lexicon.ColumnRef;
import io.insightengine.engine.semantic.Lexicon.DimensionRef;
import io.insightengine.engine.semantic.Lexicon.ModelRef;
import io.insightengine.engine.semantic.Lexicon.Target;
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

/**
 * Builds the semantic query from a question's reading: chooses what is asked (a metric, a count, an
 * aggregate, rows to list), the groupings, filters, share, thresholds, dates, order and limit, and
 * asks back whatever it cannot resolve, offering executable readings.
 */
final class QueryResolver {
  private final QuestionReading r;
  private final WordAccounting accounting;

  QueryResolver(QuestionReading r) {
    this.r = r;
    this.accounting = new WordAccounting(r);
  }

  /** "what share of", "what percentage of", "what % of": a part of a set of rows. */
  /** Words saying that what is counted is counted as it is now. */
  private static final Set<String> NOW_WORDS =
      Words.keys("currently", "right now", "at the moment", "at present", "presently", "now");

  private static final Set<String> HOW_MUCH = Words.keys("how much");

  /** Words asking how many rows exist, without saying which: "do we have", "are there". */
  private static final Set<String> EXISTENCE_WORDS =
      Words.keys("do we have", "have we got", "are there", "is there");

  /**
   * Whether a true/false column's state is one of the current rows: "active", or "active customer"
   * (is_active_customer) of the customers.
   */
  private static boolean namesACurrentState(String state, String model) {
    List<String> words = new ArrayList<>(Words.tokens(state));
    words.removeAll(Words.tokens(model));
    return words.size() == 1 && CURRENT_STATES.contains(words.get(0));
  }

  /** The condition of the current rows, offered as a reading when it was asked about. */
  private ValueFilter currentReading;

  /** The states that say a row is current, as a true/false column's name or a status value. */
  private static final List<String> CURRENT_STATES = List.of("active", "current");

  static final Pattern SHARE =
      Pattern.compile(
          "(?i)\\b(?:share|percentage|proportion|fraction|percent)\\s+of\\b|%\\s*of\\b"
              + "|\\bwhat\\s+(?:share|percentage|proportion|fraction|percent)\\b");

  /**
   * "What share / proportion of ...": a share as people say it, in percent ("45% of rides"); a
   * "fraction" stays between 0 and 1.
   */
  private static final Pattern SHARE_IN_PERCENT =
      Pattern.compile("(?i)\\b(?:share|proportion)\\s+of\\b|\\bwhat\\s+(?:share|proportion)\\b");

  /** "in percent", "as a percentage", "in %": ratios on a 0-100 scale. */
  private static final Pattern PERCENT = Pattern.compile("(?i)%|\\bper ?cent(age)?s?\\b");

  private static final Pattern SINGULAR_QUESTION =
      Pattern.compile(
          "^(?:which|what) (\\w+) (has|had|is|was|did|does|got|sold|brought|generated|made)\\b.*");

  private static final Set<String> ASKING_WORDS = Words.keys("which", "what", "top");

  /**
   * Where a share's rows end and its condition begins: the first auxiliary after the rows are named
   * ("orders we placed in 2025 were ..."), else the end of the rows' mention.
   */
  private int shareSplit(Selection whole) {
    int rows = r.metricPositions.getOrDefault(whole, -1);
    if (whole instanceof RowCount count) {
      for (Mention m : r.modelMentions) {
        if (only(m.targets(), ModelRef.class).stream()
            .anyMatch(r -> r.model().equals(count.model()))) {
          rows = m.end() - 1;
          break;
        }
      }
    }
    for (int i = Math.max(0, rows + 1); i < r.tokens.size(); i++) {
      if (QuestionReading.AUXILIARIES.contains(r.tokens.get(i))) {
        int at = i;
        // An auxiliary inside a value said as a sentence ("the customer was not reachable"): the
        // condition begins with the value.
        return r.valueMentions.stream()
            .filter(v -> v.start() <= at && at < v.end())
            .map(Mention::start)
            .findFirst()
            .orElse(at);
      }
    }
    return rows;
  }

  private boolean qualifiesNextMention(Mention m, String model) {
    for (Mention next : r.dimensionMentions) {
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

  /** The question as written, and what the recognisers read before the elements. */
  private String question;

  private TimeRange range;
  private TimeGrain grain;
  private Integer limit;
  private Boolean descending;
  private List<Thresholds.Threshold> comparisons;

  /** The model of what is asked, and the columns (model.column) it is grouped by. */
  private String base;

  private final List<String> groupBy = new ArrayList<>();

  /** Whether the question asks for rows rather than a number. */
  private boolean listing;

  /**
   * The interpretation of the reading: its semantic query, or the questions back with the readings
   * offered.
   */
  Interpretation finish(QuestionFrame frame) {
    this.question = frame.question();
    this.range = frame.range();
    this.grain = frame.grain(); // a grouping by a date may set the day
    this.limit = frame.limit(); // "which region has the most ...": one
    this.descending = frame.descending();
    this.comparisons = frame.comparisons();
    accounting.placeCauses();
    accounting.placeColumnWordsAfterValues();
    SelectionChooser chooser = new SelectionChooser(r, accounting, frame);
    listing = chooser.choose();
    if (r.metrics.isEmpty()) {
      return chooser.askedBack();
    }
    chooser.countDistinctThroughFacts();
    if (chooser.averageOfCounts()) {
      r.clarifications.add(
          "An average of "
              + QueryDescription.selection(r.metrics.get(0), r.layer)
              + " is not something I compute: ask for that number per group or in total");
    }
    if (r.metrics.size() == 1) {
      List<String> left = accounting.unplacedWords(r.layer.modelOf(r.metrics.get(0))).words();
      if (!left.isEmpty()) {
        accounting.betterDescribed(left);
      }
    }
    if (r.says(HOW_MUCH)
        && !r.says(QuestionReading.COUNT_WORDS)
        && r.metrics.stream().allMatch(RowCount.class::isInstance)) {
      // "How much did we refund on tickets": an amount, which a number of rows is not.
      r.clarifications.add(
          "\"How much\" asks for an amount, and I found none: name the amount (a measure or a"
              + " column of money or quantity)");
    }
    base = r.layer.modelOf(r.metrics.get(0));
    if (r.timeDimension != null && !r.timeDimension.startsWith(base + ".")) {
      r.timeDimension = null; // a date of another table: use the metric's own
    }
    groupByDimensions();
    groupByModels();
    valuesOfModelsNotAskedFor();
    filterByValues();
    currentRowsOnly();
    shareOfTheWhole();
    List<Having> havings = thresholds();
    String resolvedBase = reachableBase(base, groupBy);
    askRowsCountedPerRow(resolvedBase);
    List<String> unplaced = dateTheQuestion(resolvedBase);
    if (descending != null && limit == null && !groupBy.isEmpty() && singularQuestion(question)) {
      limit = 1; // "which region has the most revenue"
    }
    List<GroupBy> grouping = new ArrayList<>();
    List<Filter> conditions = new ArrayList<>(r.filters);
    List<String> dateChoices = new ArrayList<>();
    if ((range != null || grain != null) && r.timeDimension == null) {
      dateChoices.addAll(TimeDimensionEvents.oneDatePerEvent(r.layer, resolvedBase, 3));
      r.clarifications.add(
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
        grouping.add(new GroupBy(Field.of(r.timeDimension), grain));
      }
      if (range != null) {
        conditions.add(new TimeWindow(Field.of(r.timeDimension), range.start(), range.end()));
      }
    }
    groupBy.forEach(g -> grouping.add(new GroupBy(Field.of(g), null)));
    if (!unplaced.isEmpty()) {
      r.clarifications.add(accounting.notUnderstood(unplaced));
    }
    SemanticQuery query =
        new SemanticQuery(
            r.metrics,
            grouping,
            conditions,
            havings,
            order(),
            r.compareWith != null ? null : limit,
            PERCENT.matcher(question).find() || SHARE_IN_PERCENT.matcher(question).find(),
            r.compareWith);
    List<Interpretation.Reading> readings = datedReadings(query, dateChoices);
    query = withRoles(query, base, range, readings);
    if (currentReading != null) {
      SemanticQuery currentOnly = query.withFilter(currentReading);
      if (r.compiles(currentOnly)) {
        readings.add(
            new Interpretation.Reading(
                QueryDescription.describe(currentOnly, range, r.layer), currentOnly));
      }
    }
    double confidence = r.clarifications.isEmpty() ? 0.9 : 0.4;
    if (!r.clarifications.isEmpty() && r.compiles(query)) {
      // The reading as far as it went: what would be answered without the words asked about.
      readings.add(
          new Interpretation.Reading(
              QueryDescription.describe(query, range, r.layer)
                  + (unplaced.isEmpty()
                      ? ""
                      : " (leaving out " + accounting.quoted(unplaced) + ")"),
              query));
    }
    return new Interpretation(
        question, query, range, r.matched, r.clarifications, unplaced, readings, confidence);
  }

  /**
   * The dimensions named, grouped by: a date dates the question instead; the amount the metric adds
   * up, named again, is not a grouping.
   */
  private void groupByDimensions() {
    for (Mention m : r.dimensionMentions) {
      Optional<String> dimension = r.pickDimension(qualifiedTargets(m), base);
      if (dimension.isEmpty()) {
        continue;
      }
      SemanticLayer.Dimension d = r.dimensionOf(dimension.get());
      if (d != null && d.time()) {
        r.timeDimension = dimension.get();
        if (grain == null && r.groupWord(m)) {
          grain = TimeGrain.DAY;
        }
        continue;
      }
      if (namesTheValueBefore(m, dimension.get())) {
        continue; // "on the monthly plan": the column of the value said before it,
        // no grouping
      }
      boolean rankedBy = r.groupWord(m) && limit != null; // "top 10 agents by refunds"
      if ((!r.groupWord(m) || rankedBy)
          && r.measuredColumns(r.metrics.get(0)).contains(dimension.get())) {
        continue; // the amount the metric adds up, named again ("how much was spent")
      }
      if (!groupBy.contains(dimension.get())) {
        groupBy.add(dimension.get());
      }
    }
  }

  /**
   * The targets of a mention qualified by the model named right before it: "customer region" is the
   * customers' region, not the region of another table the join reaches first.
   */
  private List<Target> qualifiedTargets(Mention m) {
    String of = r.modelEndingAt(m.start());
    if (of == null) {
      return m.targets();
    }
    List<Target> own =
        m.targets().stream()
            .filter(
                t ->
                    t instanceof DimensionRef d && d.model().equals(of)
                        || t instanceof ColumnRef c && c.model().equals(of))
            .toList();
    return own.isEmpty() ? m.targets() : own;
  }

  /**
   * "Tickets that came in through an agent": a word naming both another model and a value of the
   * asked model's own rows, where that other model is neither asked for nor grouped by, is the
   * value.
   */
  private void valuesOfModelsNotAskedFor() {
    for (Mention m : r.modelMentions) {
      String model = only(m.targets(), ModelRef.class).get(0).model();
      if (model.equals(base)
          || r.groupWord(m)
          || r.labelDimensions(model).stream().anyMatch(groupBy::contains)
          || r.valueMentions.contains(m)
          || namesAValueOf(model)) {
        continue; // "agents in the north region": the model whose value it is
      }
      boolean ownValue =
          only(m.targets(), ValueRef.class).stream().anyMatch(v -> v.model().equals(base));
      if (ownValue) {
        r.valueMentions.add(m);
      }
    }
  }

  private boolean namesAValueOf(String model) {
    return r.valueMentions.stream()
        .anyMatch(
            v -> only(v.targets(), ValueRef.class).stream().anyMatch(x -> x.model().equals(model)));
  }

  /** Whether a value of this column (model.column) is said right before the mention. */
  private boolean namesTheValueBefore(Mention m, String column) {
    return r.valueMentions.stream()
        .filter(v -> v.end() == m.start())
        .flatMap(v -> only(v.targets(), ValueRef.class).stream())
        .anyMatch(v -> (v.model() + "." + v.column()).equals(column));
  }

  /** "By store", "which customers", "top 10 products": a model named, grouped by its labels. */
  private void groupByModels() {
    for (Mention m : r.modelMentions) {
      String model = only(m.targets(), ModelRef.class).get(0).model();
      if (qualifiesNextMention(m, model)) {
        continue; // "customer segment": the model names whose segment, not a grouping
      }
      boolean grouping =
          !listing
              && (r.groupWord(m)
                  || (m.start() > 0 && ASKING_WORDS.contains(r.tokens.get(m.start() - 1)))
                  || m.start() == 0 && limit != null);
      boolean countedBy =
          r.metrics.get(0).equals(new RowCount(model))
              && m != r.modelMentions.get(0)
              && r.saidAfterBy(m);
      if (countedBy) {
        continue; // "top 5 stations by trips": the trips are counted, not grouped by
      }
      if (grouping && !model.equals(base) || grouping && limit != null) {
        r.labelDimensions(model).stream().filter(d -> !groupBy.contains(d)).forEach(groupBy::add);
      }
    }
  }

  /** The values named, one condition per column (its values OR-ed). */
  private void filterByValues() {
    Map<String, List<String>> values = new LinkedHashMap<>();
    Map<String, Integer> valuePositions = new LinkedHashMap<>();
    for (Mention m : r.valueMentions) {
      // A value said before a model ("French suppliers", "EMEA stores") is that model's own; one
      // of another table (the region of a supplier's warehouse) would answer another question.
      String qualified = r.modelStarts.get(m.end());
      Set<String> measured = r.measuredColumns(r.metrics.get(0));
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
              r.layer.lexicon().shadowedValues(m.phrase()).stream()
                  .filter(v -> v.model().equals(qualified))
                  .toList();
          if (standard.size() == 1) {
            refs = standard;
          }
        }
        Optional<Field> flag = r.flagOf(m.targets()).filter(f -> f.model().equals(qualified));
        if (refs.isEmpty() && flag.isPresent()) {
          // "active agents": the agents' own true/false column, not another table's status.
          r.addFlag(flag.get(), m);
          continue;
        }
        if (refs.isEmpty()) {
          r.clarifications.add(
              "\""
                  + m.phrase()
                  + "\" is not a value of "
                  + qualified.replace('_', ' ')
                  + ": which of their attributes do you mean?");
          continue;
        }
      }
      String located = qualified == null ? modelBeforeAPlace(m) : null;
      if (located != null) {
        // "tickets from customers in the north region": the customers' region, not an agent's.
        List<ValueRef> own = refs.stream().filter(v -> v.model().equals(located)).toList();
        if (!own.isEmpty()) {
          refs = own;
        }
      }
      ValueRef value = r.pickValue(refs, qualified != null ? qualified : base);
      String key = value.model() + "." + value.column();
      values.computeIfAbsent(key, k -> new ArrayList<>()).add(value.value());
      valuePositions.putIfAbsent(key, m.start());
    }
    values.forEach(
        (key, list) -> {
          Filter filter = new ValueFilter(Field.of(key), List.copyOf(list), false);
          r.filters.add(filter);
          r.filterPositions.put(filter, valuePositions.get(key));
        });
  }

  /**
   * The model named right before "in" / "from" / "at" (and an article) that comes before a value:
   * "customers in the north region"; null when none is.
   */
  private String modelBeforeAPlace(Mention value) {
    int k = value.start() - 1;
    if (k >= 0 && ARTICLES.contains(r.tokens.get(k))) {
      k--;
    }
    if (k < 1 || !PLACE_WORDS.contains(r.tokens.get(k))) {
      return null;
    }
    return r.modelEndingAt(k);
  }

  private static final Set<String> PLACE_WORDS = Words.keys("in", "from", "at");

  private static final Set<String> ARTICLES = Words.keys("the", "a", "an");

  /**
   * "How many members do we have right now": counted now, rows that can stop being current (an
   * account that closes, a member who cancels) are the current ones: their model's one true/false
   * column or status value that says so ("is_active", a status 'active'). A state the question
   * names itself ("active members", "cancelled members") stays as said; several such columns are
   * asked back.
   */
  private void currentRowsOnly() {
    boolean now = r.says(NOW_WORDS);
    if (range != null
        || r.compareWith != null
        || !(r.metrics.get(0) instanceof RowCount count)
        || !now && (!r.says(EXISTENCE_WORDS) || r.says(QuestionReading.ALL_TIME))) {
      return;
    }
    String model = count.model();
    Map<Field, String> states = new LinkedHashMap<>();
    r.layer
        .model(model)
        .ifPresent(
            m ->
                m.columns().keySet().stream()
                    .filter(c -> r.layer.isBoolean(model, c))
                    .filter(c -> namesACurrentState(Lexicon.stateOf(c), model))
                    .forEach(c -> states.put(new Field(model, c), "true")));
    for (String state : CURRENT_STATES) {
      only(r.layer.lexicon().lookup(state), ValueRef.class).stream()
          .filter(v -> v.model().equals(model))
          .forEach(v -> states.putIfAbsent(new Field(model, v.column()), v.value()));
    }
    boolean stated =
        r.filters.stream()
                .anyMatch(f -> f instanceof ValueFilter v && states.containsKey(v.field()))
            || states.keySet().stream().anyMatch(f -> groupBy.contains(f.toString()));
    if (stated || states.isEmpty()) {
      return;
    }
    // A true/false column described by the status it is derived from ("True when the status is
    // 'active'") states the same: the status is not a second reading.
    Set<Field> derivedFrom = new LinkedHashSet<>();
    for (Field f : states.keySet()) {
      String description =
          r.layer
              .model(model)
              .map(m -> m.columns().get(f.name()))
              .map(ColumnSpec::getDescription)
              .orElse("");
      states.keySet().stream()
          .filter(g -> !g.equals(f) && description != null && description.contains(g.name()))
          .forEach(derivedFrom::add);
    }
    if (derivedFrom.size() < states.size()) {
      derivedFrom.forEach(states::remove);
    }
    if (states.size() > 1) {
      r.clarifications.add(
          "Which "
              + model.replace('_', ' ')
              + " are current: "
              + states.keySet().stream()
                  .map(f -> f.name().replace('_', ' '))
                  .collect(Collectors.joining(" or "))
              + "?");
      return;
    }
    Map.Entry<Field, String> state = states.entrySet().iterator().next();
    if (!now) {
      // "How many customers do we have": all of them ever, or the ones active now? Projects
      // answer both ways, so it is asked, with both readings offered.
      currentReading = new ValueFilter(state.getKey(), List.of(state.getValue()), false);
      r.clarifications.add(
          "All "
              + model.replace('_', ' ')
              + " ever, or only the current ones ("
              + state.getKey().name().replace('_', ' ')
              + " = "
              + state.getValue()
              + ")?");
      return;
    }
    r.filters.add(new ValueFilter(state.getKey(), List.of(state.getValue()), false));
    r.matched.add("now → " + state.getKey().name() + " = " + state.getValue());
  }

  /**
   * "What share of the orders we shipped were refunded": the conditions said after the rows they
   * qualify ("were late") are the share's; the others choose the rows.
   */
  private void shareOfTheWhole() {
    Selection whole = r.metrics.get(0);
    if (!SHARE.matcher(question).find() || r.isRatio(whole)) {
      return;
    }
    int after = shareSplit(whole);
    List<Filter> condition =
        r.filters.stream().filter(f -> r.filterPositions.getOrDefault(f, -1) >= after).toList();
    if (condition.isEmpty()) {
      r.clarifications.add(
          "A share of " + QueryDescription.selection(whole, r.layer) + " meeting which condition?");
    } else {
      r.filters.removeAll(condition);
      r.metrics.set(0, new SemanticQuery.Share(whole, condition));
    }
  }

  /**
   * Each threshold: a condition on the numeric column said before it, a HAVING on the metric when
   * the question groups, else asked back ("more than 50 of what?").
   */
  private List<Having> thresholds() {
    List<Having> havings = new ArrayList<>();
    for (Thresholds.Threshold c : comparisons) {
      String nearestColumn = r.nearest(r.columnPositions, c.tokenIndex());
      Selection nearestMetric = r.nearest(r.metricPositions, c.tokenIndex());
      int columnAt = nearestColumn == null ? -1 : r.columnPositions.get(nearestColumn);
      int metricAt = nearestMetric == null ? -1 : r.metricPositions.get(nearestMetric);
      boolean summedByMetric =
          nearestColumn != null
              && !groupBy.isEmpty()
              && r.metrics.stream().anyMatch(x -> r.measuredColumns(x).contains(nearestColumn));
      if (nearestColumn != null && columnAt > metricAt && !summedByMetric) {
        r.filters.add(
            new RangeFilter(
                Field.of(nearestColumn), SemanticQuery.Operator.ofSql(c.operator()), c.value()));
        groupBy.remove(nearestColumn); // compared, not grouped by
      } else if (!groupBy.isEmpty()) {
        Selection metric = nearestMetric != null ? nearestMetric : r.metrics.get(0);
        havings.add(
            new Having(
                r.metrics.indexOf(metric), SemanticQuery.Operator.ofSql(c.operator()), c.value()));
      } else {
        r.clarifications.add(
            "\""
                + c.phrase().trim()
                + "\" of what? Name the amount it applies to"
                + amountExample(base).map(a -> ", such as " + a).orElse(""));
      }
    }
    return havings;
  }

  /** Counting rows per row, where every count would be 1, is asked back. */
  private void askRowsCountedPerRow(String resolvedBase) {
    if (r.metrics.get(0) instanceof RowCount count
        && count.model().equals(resolvedBase)
        && r.layer
            .model(resolvedBase)
            .map(
                m ->
                    m.primaryKey().size() == 1
                        && groupBy.contains(resolvedBase + "." + m.primaryKey().get(0)))
            .orElse(false)) {
      r.clarifications.add(
          "Each "
              + Words.key(resolvedBase)
              + " counts once: name what to count or rank "
              + resolvedBase.replace('_', ' ')
              + " by");
    }
  }

  /**
   * Chooses the date the question's period or grain applies to: the one named, else the event a
   * word records, else the measure's own, else the model's default; returns the words left
   * unplaced.
   */
  private List<String> dateTheQuestion(String resolvedBase) {
    if (r.timeDimension != null && !r.timeDimension.startsWith(resolvedBase + ".")) {
      r.timeDimension = null; // the period applies to the metric's own date
    }
    if (range != null) {
      accounting.placeNewBefore(resolvedBase);
    }
    WordAccounting.Placement placement = accounting.unplacedWords(resolvedBase);
    if (r.timeDimension == null) {
      r.timeDimension = placement.event();
    }
    boolean named = r.timeDimension != null;
    if (r.timeDimension == null && resolvedBase != null) {
      // A measure dated by its own time dimension (dbt's agg_time_dimension) is filtered and
      // bucketed by it, not by the model's default.
      String own = r.layer.timeDimensionOf(r.metrics.get(0));
      if (own != null && own.startsWith(resolvedBase + ".")) {
        r.timeDimension = own;
      } else {
        r.layer
            .model(resolvedBase)
            .map(SemanticLayer.Model::defaultTimeDimension)
            .ifPresent(d -> r.timeDimension = resolvedBase + "." + d);
      }
    }
    if (!named && (range != null || grain != null)) {
      Set<String> dates = new LinkedHashSet<>();
      r.metrics.forEach(m -> Optional.ofNullable(r.layer.timeDimensionOf(m)).ifPresent(dates::add));
      if (dates.size() > 1) {
        r.clarifications.add(
            "These measures are dated differently ("
                + dates.stream()
                    .map(d -> d.substring(d.indexOf('.') + 1).replace('_', ' '))
                    .collect(Collectors.joining(", "))
                + "): name the date the period applies to, or ask about them separately");
      }
    }
    return placement.words();
  }

  /** By the measure for a ranking or a limit, by date for a trend, by the measure for groups. */
  private List<OrderBy> order() {
    List<OrderBy> order = new ArrayList<>();
    if (r.compareWith != null) {
      return order; // one row: the periods side by side
    }
    if (limit != null || (descending != null && (!groupBy.isEmpty() || grain != null))) {
      order.add(new OrderBy(0, null, descending == null || descending));
    } else if (grain != null && r.timeDimension != null) {
      order.add(new OrderBy(null, Field.of(r.timeDimension), false));
    } else if (!groupBy.isEmpty()) {
      order.add(new OrderBy(0, null, true));
    }
    return order;
  }

  /** Each date the period could apply to, as a reading a client can send back. */
  private List<Interpretation.Reading> datedReadings(SemanticQuery query, List<String> dates) {
    List<Interpretation.Reading> readings = new ArrayList<>();
    for (String date : dates) {
      List<GroupBy> datedGroups = new ArrayList<>();
      if (grain != null) {
        datedGroups.add(new GroupBy(Field.of(date), grain));
      }
      datedGroups.addAll(query.groupBy());
      List<Filter> within = new ArrayList<>(query.filters());
      if (range != null) {
        within.add(new TimeWindow(Field.of(date), range.start(), range.end()));
      }
      SemanticQuery reading =
          new SemanticQuery(
              query.select(),
              datedGroups,
              within,
              query.having(),
              grain != null && query.orderBy().isEmpty()
                  ? List.of(new OrderBy(null, Field.of(date), false))
                  : query.orderBy(),
              query.limit(),
              query.percent(),
              query.compareWith());
      if (r.compiles(reading)) {
        readings.add(
            new Interpretation.Reading(
                QueryDescription.describe(reading, range, r.layer)
                    + ", by "
                    + date.substring(date.indexOf('.') + 1).replace('_', ' '),
                reading));
      }
    }
    return readings;
  }

  /**
   * The query with the roles the question's words choose ({@link Roles}); a role they do not choose
   * is asked back, each relationship offered as a reading.
   */
  private SemanticQuery withRoles(
      SemanticQuery query, String base, TimeRange range, List<Interpretation.Reading> readings) {
    Roles roles = new Roles(r.layer);
    List<SemanticQuery.Role> chosen = new ArrayList<>();
    List<Roles.Ambiguity> open = new ArrayList<>();
    for (Roles.Ambiguity a : roles.ambiguities(query, base)) {
      roles.named(a, r.tokens).ifPresentOrElse(j -> chosen.add(a.role(j)), () -> open.add(a));
    }
    SemanticQuery withChosen = chosen.isEmpty() ? query : query.withRoles(chosen);
    if (open.isEmpty()) {
      return withChosen;
    }
    Roles.Ambiguity a = open.get(0);
    r.clarifications.add(
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
        if (r.compiles(reading)) {
          readings.add(
              new Interpretation.Reading(
                  QueryDescription.describe(reading, range, r.layer) + ", " + Roles.said(join),
                  reading));
        }
      }
    }
    return withChosen;
  }

  /** An amount of the project's own to name in a question back: a measure of the base model. */
  private Optional<String> amountExample(String base) {
    return r.layer.models().stream()
        .filter(m -> base == null || m.name().equals(base))
        .flatMap(m -> m.measures().values().stream())
        .map(m -> m.name().replace('_', ' '))
        .findFirst();
  }

  /**
   * When the first metric's table cannot reach a table the question groups or filters by, an
   * alternative metric named by the same words that can ("units" of order lines rather than of
   * orders, to group by product) replaces it.
   */
  private String reachableBase(String base, List<String> groupBy) {
    Set<String> needed = new LinkedHashSet<>();
    groupBy.forEach(g -> needed.add(g.substring(0, g.indexOf('.'))));
    r.filters.stream()
        .map(r.layer::modelOf)
        .filter(java.util.Objects::nonNull)
        .forEach(needed::add);
    if (base == null || reaches(base, needed)) {
      return base;
    }
    Selection first = r.metrics.get(0);
    if (first instanceof RowCount || first instanceof Aggregate) {
      return base; // computed from the very column or table named: no other reading
    }
    List<String> words = Words.tokens(r.metricPhrases.getOrDefault(first, ""));
    Map<Selection, String> alternatives = new LinkedHashMap<>();
    r.layer.metrics().forEach(m -> alternatives.put(new SemanticQuery.Metric(m.name()), m.name()));
    r.layer
        .models()
        .forEach(
            m ->
                m.measures()
                    .keySet()
                    .forEach(ms -> alternatives.put(new SemanticQuery.Measure(ms), ms)));
    for (Map.Entry<Selection, String> entry : alternatives.entrySet()) {
      Selection alternative = entry.getKey();
      List<String> names = Words.tokens(entry.getValue());
      String altBase = r.layer.modelOf(alternative);
      if (!alternative.equals(first)
          && names.stream().anyMatch(words::contains)
          && altBase != null
          && reaches(altBase, needed)) {
        r.metrics.set(0, alternative);
        return altBase;
      }
    }
    return base;
  }

  private boolean reaches(String base, Set<String> models) {
    return models.stream().allMatch(m -> r.layer.toOnePath(base, m).isPresent());
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
}
