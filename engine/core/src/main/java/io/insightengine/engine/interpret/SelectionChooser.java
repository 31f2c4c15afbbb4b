package io.insightengine.engine.interpret;

import static io.insightengine.engine.interpret.Mention.only;

import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.query.QueryDescription;
import io.insightengine.engine.query.SemanticQuery;
import io.insightengine.engine.query.SemanticQuery.Aggregate;
import io.insightengine.engine.query.SemanticQuery.Field;
import io.insightengine.engine.query.SemanticQuery.Filter;
import io.insightengine.engine.query.SemanticQuery.Listed;
import io.insightengine.engine.query.SemanticQuery.RowCount;
import io.insightengine.engine.query.SemanticQuery.Selection;
import io.insightengine.engine.query.SemanticQuery.TimeWindow;
import io.insightengine.engine.semantic.Lexicon.ColumnRef;
import io.insightengine.engine.semantic.Lexicon.ModelRef;
import io.insightengine.engine.semantic.Lexicon.ValueRef;
import io.insightengine.engine.semantic.ReferenceNames;
import io.insightengine.engine.semantic.SemanticLayer;
import io.insightengine.engine.semantic.Units;
import io.insightengine.engine.semantic.Words;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a question asks for when no phrase named a measure, and what to ask back when nothing is:
 * the rows a ranking word counts, an amount of money named, the rows of a condition's model or of
 * the model named (when the question asks for a number or a breakdown), the rows to list, or the
 * rows a threshold counts. Never a count the question did not ask for: "how are our stores doing"
 * names no measure and is asked back with the measures it could mean.
 */
final class SelectionChooser {
  /** "how big is the backlog": the size of a set of rows is their number. */
  private static final Set<String> SIZE_WORDS = Words.keys("how big", "how large", "size");

  /** Ranking words said before the rows they count: "the most agents", "the fewest tickets". */
  private static final Set<String> RANKED_COUNT_WORDS = Words.keys("most", "fewest", "least");

  private static final String BY = Words.key("by");

  /**
   * The first words of a question asking for rows: "which branches opened", "list our flagship
   * stores", "show me the claims that were reopened", "who works in the large loss unit" (with a
   * condition; without one the question is asked back).
   */
  private static final Set<String> LISTING_WORDS = Words.keys("which", "list", "show", "who");

  private static final Set<String> POSSESSIVES = Words.keys("their", "its");

  private static final Set<String> WITH_WORDS = Words.keys("with", "and", "including");

  private final QuestionReading r;
  private final WordAccounting accounting;
  private final QuestionFrame frame;

  SelectionChooser(QuestionReading r, WordAccounting accounting, QuestionFrame frame) {
    this.r = r;
    this.accounting = accounting;
    this.frame = frame;
  }

  /**
   * "How many distinct customers placed an order in 2025": the customers are counted through the
   * facts of another model the question names, by its one reference to them.
   */
  void countDistinctThroughFacts() {
    if (r.distinctModel == null || !r.metrics.get(0).equals(new RowCount(r.distinctModel))) {
      return;
    }
    for (String fact : r.contextModels) {
      if (fact.equals(r.distinctModel)) {
        continue;
      }
      List<SemanticLayer.Join> references = r.layer.directToOneJoins(fact, r.distinctModel);
      if (references.size() == 1 && references.get(0).fromColumns().size() == 1) {
        r.metrics.set(
            0,
            new Aggregate(
                SemanticQuery.Function.COUNT_DISTINCT,
                new Field(fact, references.get(0).fromColumns().get(0))));
        return;
      }
      if (references.size() > 1) {
        r.clarifications.add(
            fact.replace('_', ' ')
                + " refer to "
                + r.distinctModel.replace('_', ' ')
                + " in "
                + references.size()
                + " ways: say which");
        return;
      }
    }
  }

  /**
   * The model whose rows a ranking word counts: "which team has the most agents" ranks teams by
   * their number of agents. The model must follow the ranking word with nothing between but values
   * and function words ("the fewest escalated tickets").
   */
  private Optional<String> rankedRows() {
    for (int k = 0; k < r.tokens.size(); k++) {
      if (!RANKED_COUNT_WORDS.contains(r.tokens.get(k))) {
        continue;
      }
      for (Mention m : r.modelMentions) {
        if (m.start() <= k) {
          continue;
        }
        boolean adjacent = true;
        for (int i = k + 1; i < m.start(); i++) {
          int at = i;
          boolean value = r.valueMentions.stream().anyMatch(v -> v.start() <= at && at < v.end());
          if (!value && !QuestionGrammar.isFunctionWord(r.tokens.get(i))) {
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
   * "Top 5 stations by trips": the rows of the model said after "by" are counted per the model the
   * ranking names first.
   */
  private Optional<String> rankedByRows() {
    if (r.modelMentions.isEmpty()) {
      return Optional.empty();
    }
    String ranked = only(r.modelMentions.get(0).targets(), ModelRef.class).get(0).model();
    for (Mention m : r.modelMentions.subList(1, r.modelMentions.size())) {
      String model = only(m.targets(), ModelRef.class).get(0).model();
      if (r.saidAfterBy(m) && !model.equals(ranked)) {
        return Optional.of(model);
      }
    }
    return Optional.empty();
  }

  /**
   * "List the open tickets with their amount owed": a question asking for rows that names a column
   * of theirs after "with their" (or "with its", "and their") lists the rows by name with that
   * column. A value of another table said between ("their current amount owed") qualifies the
   * column, it is no condition.
   */
  private boolean listsRowsWithTheirColumn() {
    if (r.tokens.isEmpty() || !QuestionReading.PER_ROW_LISTING_WORDS.contains(r.tokens.get(0))) {
      return false;
    }
    for (Mention m : r.dimensionMentions) {
      int k = m.start() - 1;
      List<Mention> between = new ArrayList<>();
      while (k > 0 && !POSSESSIVES.contains(r.tokens.get(k))) {
        int at = k;
        Optional<Mention> value =
            r.valueMentions.stream().filter(v -> v.start() <= at && at < v.end()).findFirst();
        if (value.isEmpty() || m.start() - k > 3) {
          break;
        }
        between.add(value.get());
        k = value.get().start() - 1;
      }
      if (k < 1
          || !POSSESSIVES.contains(r.tokens.get(k))
          || !WITH_WORDS.contains(r.tokens.get(k - 1))) {
        continue;
      }
      List<ColumnRef> columns = only(m.targets(), ColumnRef.class);
      if (columns.size() != 1) {
        continue;
      }
      ColumnRef column = columns.get(0);
      List<String> labels = r.labelDimensions(column.model());
      if (labels.size() < 2) {
        continue; // only a key: nothing a reader would recognise the rows by
      }
      for (Mention v : between) {
        if (only(v.targets(), ValueRef.class).stream()
            .noneMatch(x -> x.model().equals(column.model()))) {
          r.valueMentions.remove(v);
        }
      }
      r.dimensionMentions.remove(m);
      labels.forEach(l -> r.metrics.add(new Listed(Field.of(l))));
      r.metrics.add(new Listed(new Field(column.model(), column.column())));
      return true;
    }
    return false;
  }

  /**
   * "The longest call", "the shortest visit": said right before a model with one duration (a column
   * whose unit is one of time), the longest or shortest of its durations.
   */
  private Optional<Aggregate> longestOrShortest() {
    for (int k = 0; k + 1 < r.tokens.size(); k++) {
      String word = r.written.get(k);
      SemanticQuery.Function function =
          word.equals("longest")
              ? SemanticQuery.Function.MAX
              : word.equals("shortest") ? SemanticQuery.Function.MIN : null;
      String model = r.modelStarts.get(k + 1);
      if (function == null || model == null) {
        continue;
      }
      List<String> durations =
          r.layer
              .model(model)
              .map(m -> m.columns().values().stream())
              .orElseGet(java.util.stream.Stream::empty)
              .filter(c -> r.layer.isNumeric(model, c.getName()) && Units.isDuration(c.getUnit()))
              .map(ColumnSpec::getName)
              .toList();
      if (durations.size() == 1) {
        r.placed.set(k);
        return Optional.of(new Aggregate(function, new Field(model, durations.get(0))));
      }
    }
    return Optional.empty();
  }

  /** Where the first ranking word ("most", "fewest") is, or -1. */
  private int rankingWord() {
    for (int k = 0; k < r.tokens.size(); k++) {
      if (RANKED_COUNT_WORDS.contains(r.tokens.get(k))) {
        return k;
      }
    }
    return -1;
  }

  /**
   * A column of an amount of money (its unit a currency) named as what is asked, with no word of
   * aggregating ("revenue per quarter"): amounts of money add up, so it is their total. Not when it
   * is grouped by ("by amount") or compared with a number ("an amount over 500": a condition); a
   * quantity of another unit (a weight, a duration) may as well be averaged, so it stays asked
   * back.
   */
  private Optional<Field> amountOfMoneyAsked(
      List<Thresholds.Threshold> comparisons, boolean ranked) {
    Set<String> compared = new LinkedHashSet<>();
    comparisons.forEach(
        c ->
            Optional.ofNullable(r.nearest(r.columnPositions, c.tokenIndex()))
                .ifPresent(compared::add));
    List<Field> amounts = new ArrayList<>();
    for (Mention m : r.dimensionMentions) {
      if (r.groupWord(m) && !ranked) {
        continue; // "by amount" groups, but "the top 10 by revenue" ranks
      }
      for (ColumnRef c : only(m.targets(), ColumnRef.class)) {
        String unit = unitOf(c);
        if (r.numeric(c)
            && unit != null
            && ReferenceNames.currencyName(unit.trim()) != null
            && !compared.contains(c.model() + "." + c.column())) {
          amounts.add(new Field(c.model(), c.column()));
        }
      }
    }
    return amounts.size() == 1 ? Optional.of(amounts.get(0)) : Optional.empty();
  }

  /** The unit a column declares ("EUR", "km"), or null. */
  private String unitOf(ColumnRef c) {
    return r.layer
        .model(c.model())
        .map(x -> x.columns().get(c.column()))
        .map(ColumnSpec::getUnit)
        .orElse(null);
  }

  /**
   * "The top 5 members by kilometres ridden": ranked "by" a quantity with a unit (kilometres,
   * euros, minutes) that another model's rows record, the rows ranked are ranked by its total over
   * those rows. A quantity of the ranked rows themselves ("members by age") is no total.
   */
  private Optional<Field> quantityRankedBy() {
    if (r.contextModels.isEmpty()) {
      return Optional.empty();
    }
    String ranked = r.contextModels.get(0);
    List<Field> quantities = new ArrayList<>();
    for (Mention m : r.dimensionMentions) {
      if (m.start() == 0 || !r.tokens.get(m.start() - 1).equals(BY)) {
        continue;
      }
      for (ColumnRef c : only(m.targets(), ColumnRef.class)) {
        String unit = unitOf(c);
        if (!c.model().equals(ranked) && r.numeric(c) && unit != null && !unit.isBlank()) {
          quantities.add(new Field(c.model(), c.column()));
        }
      }
    }
    return quantities.size() == 1 ? Optional.of(quantities.get(0)) : Optional.empty();
  }

  /**
   * Whether the question asks for an average ("average", "mean") of what is only counted: the
   * average number of rows per something is another query than their number, so it is asked back
   * rather than answered as a count.
   */
  boolean averageOfCounts() {
    return r.says(QuestionReading.AVERAGE_WORDS) && r.metrics.stream().allMatch(r::counts);
  }

  /**
   * What a question that names no measure could ask for, in the project's words: its metrics, else
   * the number of the models it names and the measures of the first of them.
   */
  private List<String> measureOffers() {
    List<String> offers = new ArrayList<>();
    r.layer.metrics().stream().limit(5).map(SemanticLayer.Metric::label).forEach(offers::add);
    for (String model : new LinkedHashSet<>(r.contextModels)) {
      if (offers.size() >= 3) {
        break;
      }
      offers.add("the number of " + model.replace('_', ' '));
      r.layer
          .model(model)
          .ifPresent(
              m ->
                  m.measures().values().stream()
                      .limit(2)
                      .forEach(
                          ms ->
                              offers.add(
                                  QueryDescription.selection(
                                      new SemanticQuery.Measure(ms.name()), r.layer))));
    }
    return offers.stream().distinct().limit(5).toList();
  }

  /**
   * What is asked when no phrase named a measure: the rows a ranking word counts, an amount of
   * money named, the rows of a condition's model or of the model named when the question asks for a
   * number or a breakdown, else the rows to list or the rows a threshold counts.
   */
  boolean choose() {
    if (!r.metrics.isEmpty() && r.metrics.stream().allMatch(Listed.class::isInstance)) {
      return true; // the rows and a column of each, named as such
    }
    if (r.metrics.isEmpty() && listsRowsWithTheirColumn()) {
      return true;
    }
    // Counting the rows of a model is a reading of the question only when it asks for a number
    // or a breakdown ("how many refunded orders", "orders by region"); "how are our stores
    // doing" or "who are our best customers" are not counts: they are asked back.
    boolean countable =
        r.says(QuestionReading.COUNT_WORDS)
            || r.says(SIZE_WORDS)
            || r.dimensionMentions.stream().anyMatch(d -> !namesTheColumnOfItsValue(d))
            || frame.grain() != null
            // "how did trips in October compare with last October": their numbers side by side
            || r.compareWith != null
            // "escalated tickets by team": rows with a condition, broken down by a model
            || (!r.filters.isEmpty() || !r.valueMentions.isEmpty())
                && r.modelMentions.stream().anyMatch(r::groupWord)
            || QueryResolver.SHARE
                .matcher(frame.question())
                .find(); // "what share of agents are ...": of their number
    // Amounts of money add up, unless the question asks for their average ("what does a repair
    // cost on average").
    SemanticQuery.Function ofMoney =
        r.says(QuestionReading.AVERAGE_WORDS)
            ? SemanticQuery.Function.AVG
            : SemanticQuery.Function.SUM;
    if (r.metrics.isEmpty() && frame.limit() == null) {
      longestOrShortest().ifPresent(r.metrics::add);
    }
    if (r.metrics.isEmpty() && frame.descending() != null) {
      // "which bikes have cost us the most": an amount named before the ranking word ranks by
      // it; "the most tickets" ranks by the rows named after it.
      int ranking = rankingWord();
      amountOfMoneyAsked(frame.comparisons(), true)
          .filter(f -> r.columnPositions.getOrDefault(f.toString(), Integer.MAX_VALUE) < ranking)
          .ifPresent(
              f -> {
                r.metrics.add(new Aggregate(ofMoney, f));
              });
    }
    if (r.metrics.isEmpty() && frame.descending() != null) {
      quantityRankedBy().ifPresent(f -> r.metrics.add(new Aggregate(ofMoney, f)));
    }
    if (r.metrics.isEmpty() && frame.descending() != null) {
      rankedRows().or(this::rankedByRows).ifPresent(model -> r.metrics.add(new RowCount(model)));
    }
    if (r.metrics.isEmpty()) {
      amountOfMoneyAsked(frame.comparisons(), frame.limit() != null)
          .ifPresent(f -> r.metrics.add(new Aggregate(ofMoney, f)));
    }
    if (r.metrics.isEmpty() && countable) {
      r.filters.stream()
          .map(r.layer::modelOf)
          .filter(java.util.Objects::nonNull)
          .findFirst()
          .ifPresent(model -> r.metrics.add(new RowCount(model)));
    }
    if (r.metrics.isEmpty() && countable && !r.contextModels.isEmpty()) {
      // "show orders by region": the model alone stands for counting it.
      r.metrics.add(new RowCount(r.contextModels.get(0)));
    }
    boolean listing =
        r.metrics.isEmpty()
            && listsRows(frame.grain(), frame.limit())
            && (frame.range() != null || !r.filters.isEmpty() || !r.valueMentions.isEmpty())
            && listEntities();
    if (r.metrics.isEmpty() && !listing) {
      countRowsAThresholdNames(frame.comparisons());
    }
    return listing;
  }

  /** No measure: the words not understood, and the measures the question could mean. */
  Interpretation askedBack() {
    List<String> unplaced = accounting.unplacedWords(null).words();
    if (!unplaced.isEmpty()) {
      r.clarifications.add(accounting.notUnderstood(unplaced));
    }
    List<String> offers = measureOffers();
    r.clarifications.add(
        offers.isEmpty()
            ? "Which measure do you mean?"
            : "Which measure do you mean? For example: " + String.join(", ", offers));
    return new Interpretation(
        frame.question(),
        null,
        frame.range(),
        r.matched,
        r.clarifications,
        unplaced,
        measureReadings(frame.range()),
        0.2);
  }

  /**
   * For a question without a measure: up to three of the project's metrics, each as a query with
   * the question's period on the metric's own date.
   */
  private List<Interpretation.Reading> measureReadings(TimeRange range) {
    List<Interpretation.Reading> readings = new ArrayList<>();
    List<SemanticLayer.Metric> candidates = new ArrayList<>();
    for (SemanticLayer.Metric m : r.layer.metrics()) {
      String model = r.layer.modelOf(m.name());
      if (model != null && r.contextModels.contains(model)) {
        candidates.add(m);
      }
    }
    r.layer.metrics().stream().filter(m -> !candidates.contains(m)).forEach(candidates::add);
    for (SemanticLayer.Metric m : candidates) {
      if (readings.size() == 3) {
        break;
      }
      Selection metric = new SemanticQuery.Metric(m.name());
      List<Filter> where = new ArrayList<>();
      String date = r.layer.timeDimensionOf(metric);
      if (range != null) {
        if (date == null) {
          continue;
        }
        where.add(new TimeWindow(Field.of(date), range.start(), range.end()));
      }
      SemanticQuery query =
          new SemanticQuery(List.of(metric), List.of(), where, List.of(), List.of(), null, false);
      if (r.compiles(query)) {
        readings.add(
            new Interpretation.Reading(QueryDescription.describe(query, range, r.layer), query));
      }
    }
    return readings;
  }

  /**
   * Whether the question asks for rows, not a number: it opens with a word of listing ("which",
   * "list") and has no word of counting, no grain, no ranking and no attribute it could group by
   * ("list stores by region" is a breakdown). The caller also wants a condition: "show me the
   * stores" lists a whole table, too vague to answer.
   */
  private boolean listsRows(TimeGrain grain, Integer limit) {
    return !r.tokens.isEmpty()
        && LISTING_WORDS.contains(r.tokens.get(0))
        && grain == null
        && limit == null
        && r.dimensionMentions.stream().allMatch(this::namesTheColumnOfItsValue)
        && !r.says(QuestionReading.COUNT_WORDS)
        && !r.says(SIZE_WORDS);
  }

  /**
   * "the sales team", "team sales": a column said next to one of its values names that value's
   * column, not a breakdown by it.
   */
  private boolean namesTheColumnOfItsValue(Mention column) {
    List<ColumnRef> columns = only(column.targets(), ColumnRef.class);
    return r.valueMentions.stream()
        .filter(v -> v.end() == column.start() || column.end() == v.start())
        .flatMap(v -> only(v.targets(), ValueRef.class).stream())
        .anyMatch(v -> columns.contains(new ColumnRef(v.model(), v.column())));
  }

  /**
   * Lists the rows of the one model the question names ("which stores opened since 2024"),
   * presented by their key and name; false, listing nothing, when it names several models or the
   * model has no name to present its rows by.
   */
  private boolean listEntities() {
    Set<String> named = new LinkedHashSet<>(r.contextModels);
    r.filters.stream().map(r.layer::modelOf).filter(java.util.Objects::nonNull).forEach(named::add);
    for (Mention m : r.valueMentions) {
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
    List<String> labels = r.labelDimensions(model);
    if (labels.stream()
        .noneMatch(
            l ->
                !r.layer
                    .model(model)
                    .orElseThrow()
                    .primaryKey()
                    .contains(l.substring(l.indexOf('.') + 1)))) {
      return false; // only a key: nothing a reader would recognise the rows by
    }
    labels.forEach(l -> r.metrics.add(new Listed(Field.of(l))));
    return true;
  }

  /**
   * "Which suppliers delivered more than 200 shipments": a threshold said right before a model
   * counts that model's rows, per the other model the question names (grouped and kept by HAVING
   * further on), when a verb before it names the event those rows record ("delivered"): they are
   * events to count. "Which departments have more than 10 employees" names none (all employees, or
   * the current ones?) and is asked back.
   */
  private void countRowsAThresholdNames(List<Thresholds.Threshold> thresholds) {
    for (Thresholds.Threshold t : thresholds) {
      String counted = r.modelStarts.get(t.tokenIndex());
      int after =
          r.modelMentions.stream()
              .filter(m -> m.start() == t.tokenIndex())
              .mapToInt(Mention::end)
              .findFirst()
              .orElse(t.tokenIndex());
      boolean event = false;
      // The verb of the rows' event, before them ("shipped more than 200 parcels") or just after
      // ("more than 500 trips starting there").
      for (int i = 0; counted != null && i < Math.min(r.tokens.size(), after + 3) && !event; i++) {
        event =
            (i < t.tokenIndex() || i >= after)
                && !r.placed.get(i)
                && r.events.recording(counted, r.tokens.get(i)) != null;
      }
      // Or all of them, said so, of rows dated by their own date: "members who have taken more
      // than 150 trips in total".
      event |=
          counted != null
              && r.says(QuestionReading.ALL_TIME)
              && r.layer.model(counted).map(SemanticLayer.Model::defaultTimeDimension).isPresent();
      if (event && r.contextModels.stream().anyMatch(m -> !m.equals(counted))) {
        RowCount count = new RowCount(counted);
        r.metrics.add(count);
        r.metricPositions.put(count, t.tokenIndex());
        return;
      }
    }
  }
}
