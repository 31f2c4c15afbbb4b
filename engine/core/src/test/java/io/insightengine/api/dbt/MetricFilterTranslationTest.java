package io.insightengine.api.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricFilterTranslationTest {
  private static final DbtProject.SemanticModel ORDERS =
      new DbtProject.SemanticModel(
          "orders",
          "fct_orders",
          null,
          "order_date",
          List.of(
              new DbtProject.Entity("order", "primary", "order_id"),
              new DbtProject.Entity("customer", "foreign", "customer_id")),
          List.of(
              new DbtProject.Dimension("status", "categorical", null, null, null, null),
              new DbtProject.Dimension(
                  "is_large", "categorical", "net_amount >= 500", null, null, null),
              new DbtProject.Dimension("order_date", "time", null, null, null, "day")),
          List.of());

  @Test
  void dimensionsOfTheMeasuresModelBecomeItsColumns() {
    assertThat(
            SemanticCompiler.filterSql(
                "{{ Dimension('order__status') }} in ('shipped', 'completed')", ORDERS))
        .contains("status in ('shipped', 'completed')");
    assertThat(SemanticCompiler.filterSql("{{Dimension('order__is_large')}}", ORDERS))
        .contains("net_amount >= 500");
    assertThat(
            SemanticCompiler.filterSql(
                "{{ TimeDimension('order__order_date', 'day') }} >= '2024-01-01'", ORDERS))
        .contains("order_date >= '2024-01-01'");
  }

  @Test
  void dimensionsReachedThroughAJoinCannotBeExpressed() {
    assertThat(SemanticCompiler.filterSql("{{ Dimension('customer__region') }} = 'EMEA'", ORDERS))
        .isEmpty();
    assertThat(SemanticCompiler.filterSql("{{ Entity('customer') }} = 1", ORDERS)).isEmpty();
    assertThat(SemanticCompiler.filterSql("{{ Dimension('order__unknown') }} = 1", ORDERS))
        .isEmpty();
  }
}
