package io.insightengine.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.insightengine.api.sql.FirewallPolicy;
import io.insightengine.api.sql.QueryFirewall;
import io.insightengine.engine.bundle.ConfigBundleCompiler;
import io.insightengine.engine.interpret.TimeGrain;
import io.insightengine.engine.query.SemanticQuery.Aggregate;
import io.insightengine.engine.query.SemanticQuery.Exists;
import io.insightengine.engine.query.SemanticQuery.Field;
import io.insightengine.engine.query.SemanticQuery.Function;
import io.insightengine.engine.query.SemanticQuery.GroupBy;
import io.insightengine.engine.query.SemanticQuery.Having;
import io.insightengine.engine.query.SemanticQuery.Listed;
import io.insightengine.engine.query.SemanticQuery.Metric;
import io.insightengine.engine.query.SemanticQuery.NamedFilter;
import io.insightengine.engine.query.SemanticQuery.Operator;
import io.insightengine.engine.query.SemanticQuery.OrderBy;
import io.insightengine.engine.query.SemanticQuery.RowCount;
import io.insightengine.engine.query.SemanticQuery.Selection;
import io.insightengine.engine.query.SemanticQuery.Share;
import io.insightengine.engine.query.SemanticQuery.TimeWindow;
import io.insightengine.engine.query.SemanticQuery.ValueFilter;
import io.insightengine.engine.semantic.SemanticLayer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Semantic queries over the quickstart's model compiled to SQL the firewall accepts. */
class SemanticQueryCompilerTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
  private static SemanticLayer layer;
  private static FirewallPolicy policy;
  private static final QueryFirewall FIREWALL = new QueryFirewall();

  @BeforeAll
  static void loadQuickstart() throws Exception {
    var project =
        new ConfigBundleCompiler().compile(Path.of("../../examples/quickstart")).defaultProject();
    layer = project.orElseThrow().semantics();
    policy = FirewallPolicy.forTables(layer.tables(), List.of("marts"));
    FIREWALL.warmUp(); // the first parse is slow: not what these tests measure
  }

  private static SemanticQuery query(List<Selection> select, List<SemanticQuery.Filter> filters) {
    return new SemanticQuery(select, List.of(), filters, List.of(), List.of(), null, false);
  }

  private static String compile(SemanticQuery query) {
    String sql = new SemanticQueryCompiler(layer).compile(query, TODAY);
    var verdict = FIREWALL.check(sql, policy);
    assertThat(verdict.allowed()).as(sql + ": " + verdict).isTrue();
    return sql;
  }

  @Test
  void aMetricWithItsFilterBecomesAFilteredAggregate() {
    String sql = compile(query(List.of(new Metric("revenue")), List.of()));
    assertThat(sql).contains("sum(orders.net_amount) FILTER (WHERE (orders.status IN");
    assertThat(sql).contains("FROM marts.fct_orders AS orders");
  }

  @Test
  void rowCountsAndColumnAggregates() {
    assertThat(compile(query(List.of(new RowCount("orders")), List.of()))).contains("count(*)");
    assertThat(
            compile(
                query(
                    List.of(new Aggregate(Function.COUNT_DISTINCT, Field.of("orders.customer_id"))),
                    List.of())))
        .contains("count(DISTINCT orders.customer_id)");
  }

  @Test
  void groupsByTimeGrainAndDimensionsOfJoinedModelsAlongToOneJoins() {
    String sql =
        compile(
            new SemanticQuery(
                List.of(new Metric("revenue")),
                List.of(
                    new GroupBy(Field.of("orders.order_date"), TimeGrain.MONTH),
                    new GroupBy(Field.of("customers.segment"), null)),
                List.of(
                    new TimeWindow(
                        Field.of("orders.order_date"),
                        LocalDate.of(2025, 1, 1),
                        LocalDate.of(2026, 1, 1))),
                List.of(new Having(0, Operator.GT, new BigDecimal("1000"))),
                List.of(new OrderBy(0, null, true)),
                10,
                false));
    assertThat(sql)
        .contains("date_trunc('month', orders.order_date)::date AS order_date_month")
        .contains("JOIN marts.dim_customers AS customers ON orders.customer_id")
        .contains("orders.order_date >= DATE '2025-01-01'")
        .contains("GROUP BY 1, 2")
        .contains("HAVING sum(orders.net_amount) FILTER")
        .contains("ORDER BY revenue DESC NULLS LAST")
        .endsWith("LIMIT 10");
  }

  @Test
  void valueFiltersAreLiteralsNeverSql() {
    String sql =
        compile(
            query(
                List.of(new RowCount("orders")),
                List.of(
                    new ValueFilter(Field.of("orders.country"), List.of("O'Brien; DROP"), false))));
    assertThat(sql).contains("orders.country = 'O''Brien; DROP'");
    assertThat(
            compile(
                query(
                    List.of(new RowCount("orders")),
                    List.of(
                        new ValueFilter(
                            Field.of("orders.country"), List.of("Germany", "Japan"), true)))))
        .contains("NOT (orders.country IN ('Germany', 'Japan'))");
  }

  @Test
  void namedFiltersAndSharesComeFromTheModel() {
    assertThat(
            compile(
                query(List.of(new RowCount("orders")), List.of(new NamedFilter("large_orders")))))
        .contains("(orders.net_amount >= 500)");
    String share =
        compile(
            new SemanticQuery(
                List.of(
                    new Share(new RowCount("orders"), List.of(new NamedFilter("large_orders")))),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null,
                true));
    assertThat(share)
        .contains("100 * ((count(*) FILTER (WHERE (orders.net_amount >= 500)))::numeric")
        .contains("NULLIF(count(*), 0)");
  }

  @Test
  void relatedRowsAreASemiJoinSoNothingIsCountedTwice() {
    String sql =
        compile(
            query(
                List.of(new RowCount("customers")),
                List.of(
                    new Exists(
                        "orders",
                        List.of(
                            new TimeWindow(
                                Field.of("orders.order_date"),
                                LocalDate.of(2026, 10, 1),
                                LocalDate.of(2026, 11, 1)))))));
    assertThat(sql)
        .contains("FROM marts.dim_customers AS customers WHERE EXISTS (SELECT 1")
        .contains("orders_related.customer_id = customers.customer_id")
        .contains("orders_related.order_date >= DATE '2026-10-01'")
        .doesNotContain("JOIN");
  }

  @Test
  void listedColumnsAreRowsNotGroups() {
    String sql =
        compile(
            new SemanticQuery(
                List.of(
                    new Listed(Field.of("customers.full_name")),
                    new Listed(Field.of("customers.segment"))),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                20,
                false));
    assertThat(sql).doesNotContain("GROUP BY").contains("LIMIT 20");
  }

  @Test
  void referencesOutsideTheModelAreRefusedWithTheirName() {
    var compiler = new SemanticQueryCompiler(layer);
    assertThatThrownBy(
            () -> compiler.compile(query(List.of(new Metric("profit")), List.of()), TODAY))
        .isInstanceOf(SemanticQueryCompiler.CannotCompile.class)
        .hasMessageContaining("profit");
    assertThatThrownBy(
            () ->
                compiler.compile(
                    query(
                        List.of(new RowCount("orders")),
                        List.of(new ValueFilter(Field.of("orders.no_such"), List.of("x"), false))),
                    TODAY))
        .hasMessageContaining("no such");
    assertThatThrownBy(
            () ->
                compiler.compile(
                    query(List.of(new RowCount("orders")), List.of(new NamedFilter("nope"))),
                    TODAY))
        .hasMessageContaining("nope");
  }

  @Test
  void anIncompleteQueryIsRefusedWithWhereItIsIncomplete() {
    var compiler = new SemanticQueryCompiler(layer);
    assertThatThrownBy(
            () ->
                compiler.compile(
                    new SemanticQuery(
                        List.of(new RowCount("orders")),
                        List.of(new GroupBy(null, null)),
                        List.of(),
                        List.of(),
                        List.of(),
                        null,
                        false),
                    TODAY))
        .isInstanceOf(SemanticQueryCompiler.CannotCompile.class)
        .hasMessageContaining("groupBy[0].field");
    assertThatThrownBy(
            () ->
                compiler.compile(
                    query(
                        List.of(new RowCount("orders")),
                        List.of(new ValueFilter(Field.of("orders.country"), null, false))),
                    TODAY))
        .hasMessageContaining("filters[0].values");
  }

  @Test
  void roundTripsAsJson() throws Exception {
    ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    SemanticQuery query =
        new SemanticQuery(
            List.of(
                new Metric("revenue"),
                new Aggregate(Function.AVG, Field.of("orders.net_amount")),
                new Share(new RowCount("orders"), List.of(new NamedFilter("large_orders")))),
            List.of(new GroupBy(Field.of("orders.order_date"), TimeGrain.QUARTER)),
            List.of(
                new TimeWindow(
                    Field.of("orders.order_date"),
                    LocalDate.of(2025, 1, 1),
                    LocalDate.of(2026, 1, 1)),
                new Exists(
                    "orders",
                    List.of(new ValueFilter(Field.of("orders.country"), List.of("Japan"), false)))),
            List.of(new Having(0, Operator.GE, new BigDecimal("10.5"))),
            List.of(new OrderBy(null, Field.of("orders.order_date"), false)),
            5,
            true,
            new SemanticQuery.Period(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1)));
    String text = json.writeValueAsString(query);
    assertThat(text).contains("\"kind\":\"metric\"").contains("\"kind\":\"period\"");
    assertThat(json.readValue(text, SemanticQuery.class)).isEqualTo(query);
  }

  private static SemanticQuery revenueIn2026ComparedWith(
      List<GroupBy> groupBy, SemanticQuery.Period earlier) {
    return new SemanticQuery(
        List.of(new Metric("revenue"), new RowCount("orders")),
        groupBy,
        List.of(
            new TimeWindow(
                Field.of("orders.order_date"), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 1))),
        List.of(),
        List.of(),
        null,
        false,
        earlier);
  }

  @Test
  void aPeriodComparedWithAnEarlierOneSideBySideWithTheChangeInPercent() {
    String sql =
        compile(
            revenueIn2026ComparedWith(
                List.of(),
                new SemanticQuery.Period(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 4, 1))));
    assertThat(sql)
        .contains("AS this_period CROSS JOIN (SELECT")
        .contains("AS earlier_period")
        .contains("orders.order_date >= DATE '2026-01-01'")
        .contains(
            "orders.order_date >= DATE '2025-01-01' AND orders.order_date < DATE '2025-04-01'")
        .contains("earlier_period.revenue AS revenue_earlier, this_period.revenue AS revenue")
        .contains("AS revenue_change_pct")
        .contains("AS orders_count_change_pct");
  }

  @Test
  void periodsAreComparedOnTotalsWithAPeriodOfTheirOwn() {
    SemanticQueryCompiler compiler = new SemanticQueryCompiler(layer);
    SemanticQuery.Period earlier =
        new SemanticQuery.Period(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 4, 1));
    assertThatThrownBy(
            () ->
                compiler.compile(
                    revenueIn2026ComparedWith(
                        List.of(new GroupBy(Field.of("orders.country"), null)), earlier),
                    TODAY))
        .isInstanceOf(SemanticQueryCompiler.CannotCompile.class)
        .hasMessageContaining("totals");
    SemanticQuery noPeriod =
        new SemanticQuery(
            List.of(new Metric("revenue")),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            null,
            false,
            earlier);
    assertThatThrownBy(() -> compiler.compile(noPeriod, TODAY))
        .isInstanceOf(SemanticQueryCompiler.CannotCompile.class)
        .hasMessageContaining("own period");
    SemanticQuery backwards =
        revenueIn2026ComparedWith(
            List.of(),
            new SemanticQuery.Period(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 1, 1)));
    assertThatThrownBy(() -> compiler.compile(backwards, TODAY))
        .isInstanceOf(SemanticQueryCompiler.CannotCompile.class)
        .hasMessageContaining("compareWith.until");
  }
}
