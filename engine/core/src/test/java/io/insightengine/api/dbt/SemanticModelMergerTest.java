package io.insightengine.api.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.ModelSpec;
import io.insightengine.api.v1alpha1.semantic.PiiClass;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import org.junit.jupiter.api.Test;

class SemanticModelMergerTest {
  private static final ObjectMapper YAML = new YAMLMapper();
  private final SemanticModelMerger merger = new SemanticModelMerger();

  private static SemanticModelSpec spec(String yaml) throws Exception {
    return YAML.readValue(yaml, SemanticModelSpec.class);
  }

  private static final String COMPILED =
      """
      models:
        - name: orders
          dbtModel: fct_orders
          table: marts.fct_orders
          description: compiled description
          synonyms: [purchases]
          primaryKey: [order_id]
          columns:
            - name: order_id
              type: bigint
              description: key
            - name: status
              type: text
              values: [placed, shipped]
            - name: email
              type: text
      metrics:
        - name: revenue
          type: simple
          measure: net_sales
          description: from dbt
          synonyms: [sales]
      relationships:
        - from: orders
          fromColumns: [customer_id]
          to: customers
          toColumns: [customer_id]
          cardinality: manyToOne
          joinType: left
      glossary:
        - term: AOV
          definition: compiled
      """;

  @Test
  void handWrittenFieldsWinAndOmittedFieldsKeepTheCompiledValue() throws Exception {
    SemanticModelSpec merged =
        merger.merge(
            spec(COMPILED),
            spec(
                """
                models:
                  - name: orders
                    description: hand-written description
                    columns:
                      - name: email
                        pii: email
                """));

    ModelSpec orders = merged.getModels().get(0);
    assertThat(orders.getDescription()).isEqualTo("hand-written description");
    assertThat(orders.getTable()).isEqualTo("marts.fct_orders");
    assertThat(orders.getPrimaryKey()).containsExactly("order_id");
    ColumnSpec email = orders.getColumns().get(2);
    assertThat(email.getPii()).isEqualTo(PiiClass.EMAIL);
    assertThat(email.getType()).isEqualTo("text");
  }

  @Test
  void synonymsAreUnitedOtherListsReplaced() throws Exception {
    SemanticModelSpec merged =
        merger.merge(
            spec(COMPILED),
            spec(
                """
                models:
                  - name: orders
                    synonyms: [Purchases, baskets]
                    columns:
                      - name: status
                        values: [placed, shipped, completed]
                metrics:
                  - name: revenue
                    synonyms: [turnover]
                """));

    ModelSpec orders = merged.getModels().get(0);
    assertThat(orders.getSynonyms()).containsExactly("purchases", "baskets");
    assertThat(orders.getColumns().get(1).getValues())
        .containsExactly("placed", "shipped", "completed");
    assertThat(merged.getMetrics().get(0).getSynonyms()).containsExactly("sales", "turnover");
    assertThat(merged.getMetrics().get(0).getDescription()).isEqualTo("from dbt");
  }

  @Test
  void aModelIsMatchedByItsDbtModelUnderAnotherName() throws Exception {
    SemanticModelSpec merged =
        merger.merge(
            spec(COMPILED),
            spec(
                """
                models:
                  - name: sales_orders
                    dbtModel: fct_orders
                    grain: one row per order
                """));

    assertThat(merged.getModels())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getName()).isEqualTo("sales_orders");
              assertThat(m.getGrain()).isEqualTo("one row per order");
              assertThat(m.getColumns()).hasSize(3);
            });
  }

  @Test
  void unmatchedEntriesAreAddedAfterTheCompiledOnes() throws Exception {
    SemanticModelSpec merged =
        merger.merge(
            spec(COMPILED),
            spec(
                """
                models:
                  - name: targets
                    table: finance.targets
                metrics:
                  - name: orders
                    type: simple
                    measure: order_count
                relationships:
                  - from: orders
                    fromColumns: [customer_id]
                    to: customers
                    toColumns: [customer_id]
                    joinType: inner
                glossary:
                  - term: aov
                    definition: hand-written
                  - term: GMV
                    definition: gross merchandise value
                """));

    assertThat(merged.getModels())
        .extracting(ModelSpec::getName)
        .containsExactly("orders", "targets");
    assertThat(merged.getMetrics())
        .extracting(m -> m.getName())
        .containsExactly("revenue", "orders");
    assertThat(merged.getRelationships())
        .singleElement()
        .satisfies(r -> assertThat(r.getJoinType().name()).isEqualTo("INNER"));
    assertThat(merged.getGlossary())
        .extracting(g -> g.getDefinition())
        .containsExactly("hand-written", "gross merchandise value");
  }

  @Test
  void neitherInputIsChanged() throws Exception {
    SemanticModelSpec compiled = spec(COMPILED);
    SemanticModelSpec handWritten = spec("models: [{name: orders, description: new}]");

    merger.merge(compiled, handWritten);

    assertThat(compiled.getModels().get(0).getDescription()).isEqualTo("compiled description");
    assertThat(handWritten.getModels().get(0).getTable()).isNull();
  }

  @Test
  void valueSynonymsAreUnitedPerValueAndMeasureFieldsAreLaidOver() throws Exception {
    SemanticModelSpec merged =
        merger.merge(
            spec(
                """
                models:
                  - name: accounts
                    columns:
                      - name: tier
                        valueSynonyms: {gold: [premium], basic: [entry]}
                    measures:
                      - name: balance
                        agg: sum
                        aggTimeDimension: snapshot_date
                        nonAdditiveDimension:
                          name: snapshot_date
                          windowChoice: min
                          windowGroupings: [account_id]
                """),
            spec(
                """
                models:
                  - name: accounts
                    columns:
                      - name: tier
                        valueSynonyms: {gold: [Premium, top], silver: [middle]}
                    measures:
                      - name: balance
                        nonAdditiveDimension:
                          windowChoice: max
                """));
    ModelSpec accounts = merged.getModels().get(0);
    assertThat(accounts.getColumns().get(0).getValueSynonyms())
        .containsEntry("gold", java.util.List.of("premium", "top"))
        .containsEntry("basic", java.util.List.of("entry"))
        .containsEntry("silver", java.util.List.of("middle"));
    var balance = accounts.getMeasures().get(0);
    assertThat(balance.getAggTimeDimension()).isEqualTo("snapshot_date");
    assertThat(balance.getNonAdditiveDimension().getName()).isEqualTo("snapshot_date");
    assertThat(balance.getNonAdditiveDimension().getWindowChoice())
        .isEqualTo(
            io.insightengine.api.v1alpha1.semantic.NonAdditiveDimensionSpec.WindowChoice.MAX);
    assertThat(balance.getNonAdditiveDimension().getWindowGroupings())
        .containsExactly("account_id");
  }
}
