package io.insightengine.engine.interpret;

import static io.insightengine.engine.interpret.Mention.only;

import io.insightengine.api.v1alpha1.semantic.GlossaryTermSpec;
import io.insightengine.engine.query.SemanticQuery;
import io.insightengine.engine.query.SemanticQuery.Aggregate;
import io.insightengine.engine.query.SemanticQuery.Field;
import io.insightengine.engine.query.SemanticQuery.Listed;
import io.insightengine.engine.query.SemanticQuery.NamedFilter;
import io.insightengine.engine.query.SemanticQuery.RowCount;
import io.insightengine.engine.query.SemanticQuery.TermFilter;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads what each phrase the lexicon matched names: a metric, a measure, a model counted, a column
 * aggregated or grouped by, a value, a true/false column, a glossary term or a named filter. A verb
 * that names the event one of the models' dates records ("shipped last month") dates the question
 * instead of naming a status.
 */
final class ElementRecogniser {
  /** Words before a noun phrase: a participle after them qualifies the noun. */
  private static final Set<String> DETERMINERS = Words.keys("a", "an", "the", "every", "each");

  private final QuestionReading r;

  ElementRecogniser(QuestionReading r) {
    this.r = r;
  }

  /** Words before a model that make it the rows listed or grouped, not a count. */
  private static final Set<String> ROW_WORDS =
      Words.keys("top", "which", "what", "each", "per", "by", "every", "bottom", "best", "worst");

  private static final Set<String> DISTINCT_WORDS = Set.of("distinct", "different", "unique");

  /** Subjects before a verb: "did we deliver", "they shipped". */
  private static final Set<String> SUBJECTS = Set.of("we", "they", "you", "i");

  private static final Set<String> DO_AUXILIARIES = Set.of("do", "does", "did");

  private static final Set<String> TOTAL_WORDS = Words.keys("total", "sum");

  private static final Set<String> MAX_WORDS =
      Words.keys("highest", "maximum", "max", "largest", "biggest");

  private static final Set<String> MIN_WORDS = Words.keys("lowest", "minimum", "min", "smallest");

  private static final Set<String> GROUPING_WORDS = Words.keys("by", "per", "each", "every");

  private static final String AND = Words.key("and");

  private static final String IN = Words.key("in");

  private static final String TOTAL = Words.key("total");

  private static final String HOW_MUCH = Words.key("how much");

  private static final String HOW_MANY = Words.key("how many");

  private static final String EACH = Words.key("each");

  /**
   * "List the queues and how many seats each one has": a question asking for rows, with "how many"
   * or "how much" before a quantity and "each" soon after it, asks for that quantity row by row.
   */
  private boolean listsPerRow(Mention m) {
    String before = r.before(m, 2);
    if (r.tokens.isEmpty()
        || !QuestionReading.PER_ROW_LISTING_WORDS.contains(r.tokens.get(0))
        || !(before.equals(HOW_MANY) || before.equals(HOW_MUCH))) {
      return false;
    }
    return r.tokens.subList(m.end(), Math.min(r.tokens.size(), m.end() + 3)).contains(EACH);
  }

  void take(Mention m) {
    r.matched.add(m.phrase());
    List<Target> targets = m.targets();
    List<ModelRef> named = only(targets, ModelRef.class);
    if (named.size() == 1) {
      r.modelStarts.put(m.start(), named.get(0).model());
    }
    List<MetricRef> metricRefs = only(targets, MetricRef.class);
    List<TermRef> terms = only(targets, TermRef.class);
    List<FilterRef> namedFilters = only(targets, FilterRef.class);
    List<ModelRef> models = only(targets, ModelRef.class);
    List<ValueRef> values = only(targets, ValueRef.class);
    List<MeasureRef> measures = only(targets, MeasureRef.class);
    boolean distinct = countsDistinct(m);
    boolean counting =
        distinct
            || QuestionReading.COUNT_WORDS.contains(r.before(m, 2))
            || QuestionReading.COUNT_WORDS.contains(r.before(m, 1));
    String aggregateWord = r.before(m, 1);
    Optional<String> countedByPhrase = countedModel(m);
    if (countedByPhrase.isPresent()) {
      // "the number of trips per month": counting the trips, not a column that stores a count
      // of them per row (a member's lifetime trip count) which the phrase also names.
      r.addMetric(new RowCount(countedByPhrase.get()), m);
      return;
    }

    if (!terms.isEmpty() && verbOfTimeDimension(m, termModels(terms))) {
      return; // "tickets were opened last month": the verb of the opening date, not open tickets
    }
    if (!terms.isEmpty()) {
      GlossaryTermSpec term = terms.get(0).term();
      if (term.getMetric() != null) {
        r.addMetric(new SemanticQuery.Metric(term.getMetric()), m);
      } else if (term.getFilter() != null || term.getExpr() != null) {
        r.filters.add(new TermFilter(term.getTerm()));
      }
      return;
    }
    if (!metricRefs.isEmpty() && m.start() > 0 && r.tokens.get(m.start() - 1).equals(AND)) {
      r.addMetric(r.metricOf(metricRefs.get(0)), m); // "revenue and tickets": both are asked for
      return;
    }
    if (!metricRefs.isEmpty() && r.metrics.contains(r.metricOf(metricRefs.get(0)))) {
      r.addMetric(r.metricOf(metricRefs.get(0)), m);
      return;
    }
    boolean rowsOfModel =
        !models.isEmpty() && m.start() > 0 && ROW_WORDS.contains(r.tokens.get(m.start() - 1));
    if (!metricRefs.isEmpty()
        && !rowsOfModel
        && (models.isEmpty() || counting || r.metrics.isEmpty())) {
      if (metricRefs.size() > 1) {
        r.clarifications.add(
            "\""
                + m.phrase()
                + "\" can mean "
                + String.join(" or ", metricRefs.stream().map(MetricRef::metric).toList()));
      }
      r.addMetric(r.metricOf(metricRefs.get(0)), m);
      return;
    }
    if (!namedFilters.isEmpty()
        && verbOfTimeDimension(
            m,
            namedFilters.stream()
                .map(f -> r.layer.filter(f.filter()).map(SemanticLayer.Filter::model).orElse(null))
                .filter(java.util.Objects::nonNull)
                .toList())) {
      return;
    }
    if (!namedFilters.isEmpty()) {
      r.filters.add(new NamedFilter(namedFilters.get(0).filter()));
      return;
    }
    Optional<ColumnRef> perRow =
        only(targets, ColumnRef.class).stream().filter(r::numeric).findFirst();
    if (perRow.isPresent()
        && models.stream().allMatch(x -> x.model().equals(perRow.get().model()))
        && listsPerRow(m)) {
      // "list the queues and how many seats each one has": the column of every row, not a total,
      // and not the number of the rows themselves (each is one).
      ColumnRef column = perRow.get();
      r.labelDimensions(column.model()).forEach(l -> r.metrics.add(new Listed(Field.of(l))));
      r.addMetric(new Listed(new Field(column.model(), column.column())), m);
      return;
    }
    if (!models.isEmpty() && counting) {
      r.addMetric(new RowCount(models.get(0).model()), m);
      if (distinct) {
        r.distinctModel = models.get(0).model();
      }
      return;
    }
    if (!measures.isEmpty() && r.metrics.isEmpty()) {
      r.addMetric(new SemanticQuery.Measure(measures.get(0).measure()), m);
      return;
    }
    List<ColumnRef> columns = only(targets, ColumnRef.class);
    if (!columns.isEmpty()
        && (QuestionReading.AVERAGE_WORDS.contains(aggregateWord)
            || TOTAL_WORDS.contains(aggregateWord))) {
      ColumnRef column = columns.get(0);
      r.addMetric(
          new Aggregate(
              QuestionReading.AVERAGE_WORDS.contains(aggregateWord)
                  ? SemanticQuery.Function.AVG
                  : SemanticQuery.Function.SUM,
              new Field(column.model(), column.column())),
          m);
      return;
    }
    Optional<ColumnRef> numeric = columns.stream().filter(r::numeric).findFirst();
    SemanticQuery.Function function = numeric.isPresent() ? aggregateNear(m) : null;
    if (function != null) {
      // "the highest price", "how much tax ... in total": the column is aggregated,
      // not grouped by.
      ColumnRef column = numeric.get();
      r.addMetric(new Aggregate(function, new Field(column.model(), column.column())), m);
      return;
    }
    if (!values.isEmpty()
        && models.isEmpty()
        && verbOfTimeDimension(
            m,
            Stream.concat(values.stream().map(ValueRef::model), r.contextModels.stream())
                .distinct()
                .toList())) {
      // "orders were placed last month": the verb of the order date, not a status; "which
      // stores have opened since 2024": the opening date of the stores named before it, not
      // the status 'open' of another table.
      return;
    }
    Optional<Field> flag = r.flagOf(targets);
    if (!values.isEmpty() && models.isEmpty() && flag.isPresent() && !r.groupWord(m)) {
      String flagModel = flag.get().model();
      // "open tickets" where is_open is true for the statuses open and reopened: the true/false
      // column named by the word is the project's definition of the state, the status value only
      // one of its cases. "Escalations opened in 2026": a ticket's flag, whose rows the verb
      // dates, not the team of that name of another table.
      boolean definesTheState = values.stream().allMatch(v -> v.model().equals(flagModel));
      boolean datedRows =
          r.dated
              && values.stream().noneMatch(v -> v.model().equals(flagModel))
              && namesAnEventOf(flagModel);
      if (definesTheState || datedRows) {
        r.addFlag(flag.get(), m);
        return;
      }
    }
    if (!values.isEmpty() && models.isEmpty()) {
      r.valueMentions.add(m);
      return;
    }
    if (models.isEmpty()
        && flag.isPresent()
        && verbOfTimeDimension(
            m,
            Stream.concat(Stream.of(flag.get().model()), r.contextModels.stream())
                .distinct()
                .toList())) {
      // "tickets resolved last month": the resolution date, not the flag is_resolved.
      return;
    }
    if (models.isEmpty() && flag.isPresent() && !r.groupWord(m)) {
      // "active accounts", "no longer active": a true/false column named is a condition.
      r.addFlag(flag.get(), m);
      return;
    }
    if (models.isEmpty() && counting && r.distinctCountable(targets).isPresent()) {
      // "how many countries do we have customers in": the number of distinct values.
      r.addMetric(
          new Aggregate(SemanticQuery.Function.COUNT_DISTINCT, r.distinctCountable(targets).get()),
          m);
      return;
    }
    boolean namesAColumn = !only(targets, DimensionRef.class).isEmpty() || !columns.isEmpty();
    if (models.isEmpty()
        && namesAColumn
        && !r.groupWord(m)
        && verbOfTimeDimension(m, r.contextModels.stream().distinct().toList())) {
      // "invoices issued in 2026": the issue date of the invoices named before, not the issue
      // type of another table.
      return;
    }
    if (models.isEmpty() && namesAColumn) {
      r.dimensionMentions.add(m);
      columns.stream()
          .filter(r::numeric)
          .forEach(c -> r.columnPositions.put(c.model() + "." + c.column(), m.start()));
      return;
    }
    models.forEach(model -> r.contextModels.add(model.model()));
    if (!models.isEmpty()) {
      r.modelMentions.add(m);
    }
  }

  /**
   * The model a phrase counts when it opens with a word of counting ("number of", "count of") and
   * the rest of it names one model; empty when an aggregate word comes before it ("the average
   * number of trips": a column of counts, averaged).
   */
  private Optional<String> countedModel(Mention m) {
    List<String> words = r.tokens.subList(m.start(), m.end());
    String before = r.before(m, 1);
    if (words.size() < 3
        || !QuestionReading.COUNT_WORDS.contains(words.get(0) + " " + words.get(1))
        || QuestionReading.AVERAGE_WORDS.contains(before)
        || TOTAL_WORDS.contains(before)) {
      return Optional.empty();
    }
    List<ModelRef> models =
        only(
            r.layer.lexicon().lookup(String.join(" ", words.subList(2, words.size()))),
            ModelRef.class);
    return models.size() == 1 ? Optional.of(models.get(0).model()) : Optional.empty();
  }

  /** "how many distinct / different / unique" just before the mention. */
  private boolean countsDistinct(Mention m) {
    int at = m.start() - 1;
    if (at < 1 || !DISTINCT_WORDS.contains(r.tokens.get(at))) {
      return false;
    }
    String one = r.tokens.get(at - 1);
    String two = at >= 2 ? r.tokens.get(at - 2) + " " + one : one;
    return QuestionReading.COUNT_WORDS.contains(one) || QuestionReading.COUNT_WORDS.contains(two);
  }

  /**
   * The aggregation the words around a numeric column ask for: an aggregate word among the three
   * before it (not across "by" / "per", which group), "how much" before it, or "in total" soon
   * after it; null when none does.
   */
  private SemanticQuery.Function aggregateNear(Mention m) {
    for (int i = m.start() - 1; i >= Math.max(0, m.start() - 3); i--) {
      String word = r.tokens.get(i);
      if (GROUPING_WORDS.contains(word)) {
        break;
      }
      if (QuestionReading.AVERAGE_WORDS.contains(word)) {
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
    if (r.before(m, 2).equals(HOW_MUCH)) {
      return SemanticQuery.Function.SUM;
    }
    if (r.before(m, 2).equals(HOW_MANY)) {
      // "how many minutes were spent on hold": a quantity the rows hold adds up, "how many
      // minutes does a call last on average" is its mean.
      return r.says(QuestionReading.AVERAGE_WORDS)
          ? SemanticQuery.Function.AVG
          : SemanticQuery.Function.SUM;
    }
    for (int i = m.end(); i + 1 < Math.min(r.tokens.size(), m.end() + 6); i++) {
      if (r.tokens.get(i).equals(IN) && r.tokens.get(i + 1).equals(TOTAL)) {
        return SemanticQuery.Function.SUM;
      }
    }
    return null;
  }

  /**
   * Whether a mention is the verb of a date rather than a status or a filter: the question names a
   * period or a grain, the word is a verb ("were placed", "did we ship", "orders shipped") and it
   * names what one time dimension of the models records, by the dimension's name, label or
   * description ("Day the order was placed", "shipped_date"). That dimension then dates the
   * question. A word as it is after an auxiliary ("are open") is a state, and without a period
   * ("how many orders were returned") the word is the condition.
   */
  boolean verbOfTimeDimension(Mention m, List<String> models) {
    if (!r.dated || r.timeDimension != null) {
      return false; // one date dates a question: a second verb is a condition ("have failed")
    }
    int last = m.end() - 1;
    boolean inflected = !r.written.get(last).equals(r.tokens.get(last));
    String previous = m.start() == 0 ? "" : r.tokens.get(m.start() - 1);
    if (DETERMINERS.contains(previous)) {
      return false; // "had a failed payment": a participle qualifying the noun, not a verb
    }
    boolean verb =
        QuestionReading.AUXILIARIES.contains(previous)
            ? inflected
            : inflected
                || SUBJECTS.contains(previous)
                || doAuxiliaryBefore(m.start()) && !Words.isOnlyANoun(r.tokens.get(last));
    if (!verb) {
      return false;
    }
    List<String> found = r.events.recordingPhrase(models, r.tokens.subList(m.start(), m.end()));
    if (found.isEmpty()) {
      return false;
    }
    String recording = r.events.one(found);
    if (recording != null && r.timeDimension == null) {
      r.timeDimension = recording;
    }
    return true;
  }

  /** Whether a word of the question names what one of the model's dates records. */
  private boolean namesAnEventOf(String model) {
    return r.tokens.stream().anyMatch(t -> r.events.recording(model, t) != null);
  }

  /**
   * Whether "do", "does" or "did" comes earlier in the question: then a word in its base form may
   * be the verb it governs ("how many tickets did the team resolve").
   */
  private boolean doAuxiliaryBefore(int index) {
    for (int i = 0; i < index; i++) {
      if (DO_AUXILIARIES.contains(r.written.get(i))) {
        return true;
      }
    }
    return false;
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
        r.layer.filter(term.getFilter()).ifPresent(f -> models.add(f.model()));
      }
    }
    return models;
  }
}
