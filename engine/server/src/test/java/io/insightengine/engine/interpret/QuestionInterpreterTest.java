package io.insightengine.engine.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.engine.bundle.ConfigBundleCompiler;
import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.query.SemanticQuery;
import io.insightengine.engine.query.SemanticQuery.Aggregate;
import io.insightengine.engine.query.SemanticQuery.Field;
import io.insightengine.engine.query.SemanticQuery.Function;
import io.insightengine.engine.query.SemanticQuery.GroupBy;
import io.insightengine.engine.query.SemanticQuery.Metric;
import io.insightengine.engine.query.SemanticQuery.RangeFilter;
import io.insightengine.engine.query.SemanticQuery.RowCount;
import io.insightengine.engine.query.SemanticQuery.TermFilter;
import io.insightengine.engine.query.SemanticQuery.TimeWindow;
import io.insightengine.engine.query.SemanticQuery.ValueFilter;
import io.insightengine.engine.semantic.SemanticLayer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Readings of questions over the quickstart's semantic model, "today" pinned to 2026-11-23. */
class QuestionInterpreterTest {
  private static SemanticLayer layer;
  private final QuestionInterpreter interpreter =
      new QuestionInterpreter(
          new TimeExpressions(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC)));

  @BeforeAll
  static void loadQuickstart() throws Exception {
    // The engine's view: the dbt-compiled model with the hand-written one laid over it.
    layer =
        new ConfigBundleCompiler()
            .compile(Path.of("../../examples/quickstart"))
            .defaultProject()
            .orElseThrow()
            .semantics();
    layer.lexicon().addValues("orders", "country", List.of("Germany", "Japan"));
  }

  private Interpretation read(String question) {
    return interpreter.interpret(question, layer);
  }

  private SemanticQuery query(String question) {
    Interpretation reading = read(question);
    assertThat(reading.query()).as(question + ": " + reading.clarifications()).isNotNull();
    return reading.query();
  }

  /** The row conditions other than the period. */
  private static List<SemanticQuery.Filter> conditions(SemanticQuery query) {
    return query.filters().stream().filter(f -> !(f instanceof TimeWindow)).toList();
  }

  private static List<Field> grouped(SemanticQuery query) {
    return query.groupBy().stream().filter(g -> g.grain() == null).map(GroupBy::field).toList();
  }

  @Test
  void countsTheModelNamedAfterHowMany() {
    SemanticQuery query = query("How many orders were placed last month?");
    assertThat(query.select()).containsExactly(new Metric("orders"));
    assertThat(query.filters())
        .as("'placed' is the verb of the order date, not a status")
        .containsExactly(
            new TimeWindow(
                Field.of("orders.order_date"),
                LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 11, 1)));
  }

  @Test
  void anInflectedVerbAfterAnAuxiliaryIsTheVerbOfADateNotAFilter() {
    SemanticQuery opened = query("How many tickets were opened last month?");
    assertThat(conditions(opened)).as("'opened' is the verb of the opening date").isEmpty();
    assertThat(opened.filters())
        .singleElement()
        .isInstanceOfSatisfying(
            TimeWindow.class,
            w -> assertThat(w.field()).isEqualTo(Field.of("support_tickets.opened_date")));
    assertThat(query("How many tickets are open?").filters())
        .as("'open' as it is: the state, the named filter")
        .containsExactly(new SemanticQuery.NamedFilter("open_tickets"));
  }

  @Test
  void aWordWithoutAPeriodIsTheConditionNotTheVerbOfADate() {
    assertThat(query("How many tickets were opened?").filters())
        .as("no period: 'opened' is the state")
        .isNotEmpty();
    assertThat(conditions(query("How many orders were returned?")))
        .as("the status, spelled as a verb")
        .containsExactly(new ValueFilter(Field.of("orders.status"), List.of("returned"), false));
    // Sampled statuses name 'open' too: the project's named filter defines the word.
    layer.lexicon().addValues("support_tickets", "status", List.of("open", "pending", "solved"));
    assertThat(query("How many support tickets are still open, by priority?").filters())
        .containsExactly(new SemanticQuery.NamedFilter("open_tickets"));
  }

  @Test
  void synonymsNameMetrics() {
    assertThat(query("turnover by region last year").select())
        .containsExactly(new Metric("revenue"));
    assertThat(query("GMV this year").select()).containsExactly(new Metric("gross_revenue"));
    assertThat(query("CSAT last quarter").select()).containsExactly(new Metric("csat"));
  }

  @Test
  void enumeratedAndSampledValuesBecomeFilters() {
    assertThat(conditions(query("revenue in EMEA last quarter")))
        .singleElement()
        .isInstanceOfSatisfying(
            ValueFilter.class,
            f -> {
              assertThat(f.field().name()).isEqualTo("region");
              assertThat(f.values()).containsExactly("EMEA");
            });
    assertThat(conditions(query("revenue in Germany last year")))
        .singleElement()
        .isInstanceOfSatisfying(
            ValueFilter.class, f -> assertThat(f.values()).containsExactly("Germany"));
  }

  @Test
  void byAndPerGroup() {
    assertThat(grouped(query("revenue per sales channel in Q1 2026")))
        .containsExactly(Field.of("orders.channel"));
    assertThat(grouped(query("revenue by customer segment")))
        .containsExactly(Field.of("customers.segment"));
  }

  @Test
  void topNOrdersAndLimits() {
    SemanticQuery query = query("top 5 countries by revenue");
    assertThat(query.limit()).isEqualTo(5);
    assertThat(query.orderBy()).containsExactly(new SemanticQuery.OrderBy(0, null, true));
    assertThat(grouped(query)).containsExactly(Field.of("orders.country"));
  }

  @Test
  void aMetricUnreachableFromTheGroupingIsReplacedByOneThatReachesIt() {
    SemanticQuery query = query("Which 10 products sold the most units?");
    assertThat(query.select()).containsExactly(new Metric("units_sold"));
    assertThat(grouped(query)).contains(Field.of("products.product_name"));
    assertThat(query.limit()).isEqualTo(10);
  }

  @Test
  void comparisonsFilterColumnsOrGroupsAndOtherwiseAsk() {
    assertThat(conditions(query("How many orders had a net amount over 500 in 2025?")))
        .containsExactly(
            new RangeFilter(
                Field.of("orders.net_amount"), SemanticQuery.Operator.GT, new BigDecimal("500")));
    assertThat(query("Which countries had revenue above 100000 in 2025?").having())
        .containsExactly(
            new SemanticQuery.Having(0, SemanticQuery.Operator.GT, new BigDecimal("100000")));
    assertThat(read("How many orders over 500?").clarifications()).isNotEmpty();
    List<String> asked = read("How many tickets over 500?").clarifications();
    // The question back names an amount of the model asked about, in the project's words.
    List<String> amounts =
        layer.model("support_tickets").orElseThrow().measures().keySet().stream()
            .map(m -> "such as " + m.replace('_', ' '))
            .toList();
    assertThat(amounts).anySatisfy(a -> assertThat(String.join(" ", asked)).contains(a));
  }

  @Test
  void aggregateWordsNearANumericColumnAggregateIt() {
    assertThat(query("What was the highest net amount of an order in 2025?").select())
        .containsExactly(new Aggregate(Function.MAX, Field.of("orders.net_amount")));
    assertThat(query("the lowest net amount of any order last month").select())
        .containsExactly(new Aggregate(Function.MIN, Field.of("orders.net_amount")));
    assertThat(query("How much shipping amount did we charge in total in 2025?").select())
        .containsExactly(new Aggregate(Function.SUM, Field.of("orders.shipping_amount")));
    // Across "by", the word is not about the column: grouping by a number stays grouping.
    assertThat(query("highest revenue by net amount").select())
        .doesNotContain(new Aggregate(Function.MAX, Field.of("orders.net_amount")));
  }

  @Test
  void aModelAloneIsCountedOnlyWhenTheQuestionAsksForANumberOrABreakdown() {
    for (String vague :
        new String[] {"How are our products doing?", "Who are our best products?"}) {
      Interpretation reading = read(vague);
      assertThat(reading.query()).as(vague + " " + reading).isNull();
      assertThat(reading.understood()).as(vague).isFalse();
    }
    assertThat(query("How many products do we have?").select())
        .containsExactly(new RowCount("products"));
    assertThat(query("products by category").select()).containsExactly(new RowCount("products"));
  }

  @Test
  void glossaryTermsMapToMetricsAndFilters() {
    assertThat(query("AOV in 2025").select()).containsExactly(new Metric("average_order_value"));
    assertThat(query("How many churned customers do we have?").filters())
        .singleElement()
        .isInstanceOf(TermFilter.class);
  }

  @Test
  void aQuestionWithoutAMeasureAsksInsteadOfGuessing() {
    Interpretation reading = read("How are we doing?");
    assertThat(reading.understood()).isFalse();
    assertThat(reading.clarifications()).last().asString().startsWith("Which measure do you mean?");
  }

  @Test
  void aWordThatMatchesNothingIsAskedBackNamingIt() {
    // Each would have been answered without the unknown word: a confident wrong answer.
    for (String question :
        new String[] {
          "revenue of our healthiest regions",
          "revenue by supplier margin",
          "revenue from our flagship partners"
        }) {
      Interpretation reading = read(question);
      assertThat(reading.understood()).as(question).isFalse();
      assertThat(reading.unplaced()).as(question).isNotEmpty();
      assertThat(String.join(" ", reading.clarifications()))
          .as(question)
          .contains("\"" + reading.unplaced().get(0) + "\"");
    }
    assertThat(read("revenue of our healthiest regions").unplaced()).containsExactly("healthiest");
  }

  @Test
  void aWordOfTheAskedMetricsOwnLabelIsPlaced() {
    Interpretation reading = read("How many units were sold in 2025?");
    assertThat(reading.unplaced()).isEmpty();
    assertThat(reading.query().select()).containsExactly(new Metric("units_sold"));
  }

  @Test
  void countingRowsPerRowIsAskedBack() {
    Interpretation reading = read("top 5 products by number of products");
    assertThat(reading.understood()).isFalse();
    assertThat(String.join(" ", reading.clarifications())).contains("counts once");
  }

  @Test
  void functionWordsAndTheEventOfATimeDimensionArePlaced() {
    Interpretation reading = read("Show me how many orders we got in 2025, please");
    assertThat(reading.unplaced()).isEmpty();
    assertThat(reading.understood()).isTrue();
  }

  @Test
  void aCodeSpelledLikeAFunctionWordIsNotAValue() {
    layer.lexicon().addValues("orders", "country", List.of("AT", "BE"));
    Interpretation reading = read("How many orders did we get at all in 2025?");
    assertThat(reading.understood()).as(reading.clarifications().toString()).isTrue();
    assertThat(conditions(reading.query())).noneMatch(ValueFilter.class::isInstance);
  }
}
