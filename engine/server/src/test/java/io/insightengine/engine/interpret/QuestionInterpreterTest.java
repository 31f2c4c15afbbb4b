package io.insightengine.engine.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.engine.bundle.ConfigBundleCompiler;
import io.insightengine.engine.semantic.SemanticLayer;
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

  private Intent read(String question) {
    return interpreter.interpret(question, layer);
  }

  @Test
  void countsTheModelNamedAfterHowMany() {
    Intent intent = read("How many orders were placed last month?");
    assertThat(intent.metrics()).containsExactly("orders");
    assertThat(intent.timeRange().start()).isEqualTo(LocalDate.of(2026, 10, 1));
    assertThat(intent.timeDimension()).isEqualTo("orders.order_date");
    assertThat(intent.filters())
        .as("'placed' is the verb of the order date, not a status")
        .isEmpty();
  }

  @Test
  void synonymsNameMetrics() {
    assertThat(read("turnover by region last year").metrics()).containsExactly("revenue");
    assertThat(read("GMV this year").metrics()).containsExactly("gross_revenue");
    assertThat(read("CSAT last quarter").metrics()).containsExactly("csat");
  }

  @Test
  void enumeratedAndSampledValuesBecomeFilters() {
    Intent intent = read("revenue in EMEA last quarter");
    assertThat(intent.filters())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.column()).isEqualTo("region");
              assertThat(f.values()).containsExactly("EMEA");
            });
    assertThat(read("revenue in Germany last year").filters())
        .singleElement()
        .satisfies(f -> assertThat(f.values()).containsExactly("Germany"));
  }

  @Test
  void byAndPerGroup() {
    assertThat(read("revenue per sales channel in Q1 2026").groupBy())
        .containsExactly("orders.channel");
    assertThat(read("revenue by customer segment").groupBy()).containsExactly("customers.segment");
  }

  @Test
  void topNOrdersAndLimits() {
    Intent intent = read("top 5 countries by revenue");
    assertThat(intent.limit()).isEqualTo(5);
    assertThat(intent.order().descending()).isTrue();
    assertThat(intent.groupBy()).containsExactly("orders.country");
  }

  @Test
  void aMetricUnreachableFromTheGroupingIsReplacedByOneThatReachesIt() {
    Intent intent = read("Which 10 products sold the most units?");
    assertThat(intent.metrics()).containsExactly("units_sold");
    assertThat(intent.groupBy()).contains("products.product_name");
    assertThat(intent.limit()).isEqualTo(10);
  }

  @Test
  void comparisonsFilterColumnsOrGroupsAndOtherwiseAsk() {
    assertThat(read("How many orders had a net amount over 500 in 2025?").filters())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.column()).isEqualTo("net_amount");
              assertThat(f.operator()).isEqualTo(">");
              assertThat(f.values()).containsExactly("500");
            });
    assertThat(read("Which countries had revenue above 100000 in 2025?").havings())
        .singleElement()
        .satisfies(h -> assertThat(h.values()).containsExactly("100000"));
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
    assertThat(read("What was the highest net amount of an order in 2025?").metrics())
        .containsExactly("max:orders.net_amount");
    assertThat(read("the lowest net amount of any order last month").metrics())
        .containsExactly("min:orders.net_amount");
    assertThat(read("How much shipping amount did we charge in total in 2025?").metrics())
        .containsExactly("sum:orders.shipping_amount");
    // Across "by", the word is not about the column: grouping by a number stays grouping.
    assertThat(read("highest revenue by net amount").metrics())
        .doesNotContain("max:orders.net_amount");
  }

  @Test
  void aModelAloneIsCountedOnlyWhenTheQuestionAsksForANumberOrABreakdown() {
    for (String vague :
        new String[] {"How are our products doing?", "Who are our best products?"}) {
      Intent intent = read(vague);
      assertThat(intent.metrics()).as(vague + " " + intent).isEmpty();
      assertThat(intent.understood()).as(vague).isFalse();
    }
    assertThat(read("How many products do we have?").metrics()).containsExactly("count:products");
    assertThat(read("products by category").metrics()).containsExactly("count:products");
  }

  @Test
  void glossaryTermsMapToMetricsAndFilters() {
    assertThat(read("AOV in 2025").metrics()).containsExactly("average_order_value");
    assertThat(read("How many churned customers do we have?").filters())
        .singleElement()
        .satisfies(f -> assertThat(f.sql()).contains("last_order_date"));
  }

  @Test
  void aQuestionWithoutAMeasureAsksInsteadOfGuessing() {
    Intent intent = read("How are we doing?");
    assertThat(intent.understood()).isFalse();
    assertThat(intent.clarifications())
        .singleElement()
        .asString()
        .startsWith("Which measure do you mean?");
  }
}
