package io.insightengine.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import io.insightengine.engine.interpret.TimeGrain;
import io.insightengine.engine.interpret.TimeRange;
import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.query.SemanticQuery;
import io.insightengine.engine.semantic.SemanticLayer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A measure with a non-additive dimension (a daily balance per account) is taken at the period's
 * end, per window grouping, never summed over days: generated SQL run on a real PostgreSQL against
 * the same figures computed here from the rows.
 */
class NonAdditiveMeasureTest {
  private record Row(LocalDate day, int account, String region, BigDecimal balance) {}

  private static final List<Row> ROWS = new ArrayList<>();
  private static EmbeddedPostgres postgres;
  private static SemanticLayer layer;

  @BeforeAll
  static void warehouse() throws Exception {
    Random random = new Random(7);
    for (LocalDate day = LocalDate.of(2026, 1, 1);
        day.isBefore(LocalDate.of(2026, 3, 1));
        day = day.plusDays(1)) {
      for (int account = 1; account <= 4; account++) {
        // Account 4 stops reporting before the end of January: its last row is its balance.
        if (account == 4 && day.isAfter(LocalDate.of(2026, 1, 20))) {
          continue;
        }
        ROWS.add(
            new Row(
                day,
                account,
                account % 2 == 0 ? "north" : "south",
                BigDecimal.valueOf(random.nextInt(100_000), 2)));
      }
    }
    postgres = EmbeddedPostgres.builder().start();
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      try (Statement st = c.createStatement()) {
        st.execute(
            "create schema s; create table s.snapshots (snapshot_date date, account_id int,"
                + " region text, balance numeric(12,2))");
      }
      try (PreparedStatement insert =
          c.prepareStatement("insert into s.snapshots values (?, ?, ?, ?)")) {
        for (Row r : ROWS) {
          insert.setObject(1, r.day());
          insert.setInt(2, r.account());
          insert.setString(3, r.region());
          insert.setBigDecimal(4, r.balance());
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    layer =
        new SemanticLayer(
            new YAMLMapper()
                .readValue(
                    """
                    models:
                      - name: snapshots
                        table: s.snapshots
                        defaultTimeDimension: snapshot_date
                        columns:
                          - {name: snapshot_date, type: date}
                          - {name: account_id, type: integer}
                          - {name: region, type: text}
                          - {name: balance, type: numeric}
                        dimensions:
                          - {name: snapshot_date, type: time}
                          - {name: region, type: categorical}
                        measures:
                          - name: closing_balance
                            agg: sum
                            expr: balance
                            nonAdditiveDimension:
                              name: snapshot_date
                              windowChoice: max
                              windowGroupings: [account_id]
                          - name: opening_balance
                            agg: sum
                            expr: balance
                            nonAdditiveDimension: {name: snapshot_date, windowChoice: min}
                          - name: balance_days
                            agg: sum
                            expr: balance
                          - name: broken_balance
                            agg: sum
                            expr: balance
                            nonAdditiveDimension: {name: no_such_date, windowChoice: max}
                    metrics:
                      - {name: closing, type: simple, measure: closing_balance}
                      - {name: opening, type: simple, measure: opening_balance}
                      - {name: summed, type: simple, measure: balance_days}
                      - {name: broken, type: simple, measure: broken_balance}
                    """,
                    SemanticModelSpec.class));
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  private static Interpretation intent(
      List<String> metrics, List<String> groupBy, TimeRange range, TimeGrain grain) {
    SemanticQuery.Field date = SemanticQuery.Field.of("snapshots.snapshot_date");
    List<SemanticQuery.GroupBy> grouping = new ArrayList<>();
    if (grain != null) {
      grouping.add(new SemanticQuery.GroupBy(date, grain));
    }
    groupBy.forEach(g -> grouping.add(new SemanticQuery.GroupBy(SemanticQuery.Field.of(g), null)));
    SemanticQuery query =
        new SemanticQuery(
            metrics.stream()
                .map(m -> (SemanticQuery.Selection) new SemanticQuery.Metric(m))
                .toList(),
            grouping,
            range == null
                ? List.of()
                : List.of(new SemanticQuery.TimeWindow(date, range.start(), range.end())),
            List.of(),
            List.of(),
            null,
            false);
    return new Interpretation("q", query, range, List.of(), List.of(), List.of(), List.of(), 0.9);
  }

  private static TimeRange range(LocalDate start, LocalDate end) {
    return new TimeRange(start, end, "", start + " to " + end);
  }

  private static GenerationResult generate(Interpretation intent) {
    return new OfflineSemanticGenerator()
        .generate(new GenerationRequest("q", intent, layer, LocalDate.of(2026, 3, 1)));
  }

  /** Runs the generated SQL: each row's key columns joined by '|' to its last column. */
  private static Map<String, BigDecimal> query(Interpretation intent) throws Exception {
    GenerationResult result = generate(intent);
    assertThat(result).isInstanceOf(GenerationResult.Generated.class);
    String sql = ((GenerationResult.Generated) result).sql();
    Map<String, BigDecimal> rows = new TreeMap<>();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> key = new ArrayList<>();
        for (int i = 1; i < n; i++) {
          key.add(rs.getString(i));
        }
        rows.put(String.join("|", key), rs.getBigDecimal(n).setScale(2));
      }
    }
    return rows;
  }

  /** Per account, the balance of its latest (or earliest) row among {@code rows}, summed. */
  private static BigDecimal atEnd(List<Row> rows, boolean latest, boolean perAccount) {
    if (!perAccount) {
      LocalDate end =
          rows.stream()
              .map(Row::day)
              .reduce((a, b) -> latest == a.isAfter(b) ? a : b)
              .orElseThrow();
      return rows.stream()
          .filter(r -> r.day().equals(end))
          .map(Row::balance)
          .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
    return rows.stream().collect(Collectors.groupingBy(Row::account)).values().stream()
        .map(of -> atEnd(of, latest, false))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static List<Row> rows(Predicate<Row> where) {
    return ROWS.stream().filter(where).toList();
  }

  @Test
  void aClosingBalanceIsEachAccountsLatestRowInThePeriodNotASumOverDays() throws Exception {
    LocalDate from = LocalDate.of(2026, 1, 1);
    LocalDate to = LocalDate.of(2026, 2, 1);
    List<Row> january = rows(r -> r.day().isBefore(to));
    // summed first, closing last: the row's key is the additive sum, its value the balance.
    Map<String, BigDecimal> both =
        query(intent(List.of("summed", "closing"), List.of(), range(from, to), null));
    BigDecimal expected = atEnd(january, true, true);
    BigDecimal everyDay =
        january.stream().map(Row::balance).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(both).containsExactly(Map.entry(everyDay.toPlainString(), expected));
    assertThat(atEnd(january, true, false))
        .as("account 4's last row is before the month's last day, so groupings matter")
        .isNotEqualTo(expected);
  }

  @Test
  void perMonthEachMonthHasItsOwnPeriodEnd() throws Exception {
    Map<String, BigDecimal> byMonth =
        query(
            intent(
                List.of("closing"),
                List.of(),
                range(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 1)),
                TimeGrain.MONTH));
    assertThat(byMonth)
        .containsExactly(
            Map.entry("2026-01-01", atEnd(rows(r -> r.day().getMonthValue() == 1), true, true)),
            Map.entry("2026-02-01", atEnd(rows(r -> r.day().getMonthValue() == 2), true, true)));
  }

  @Test
  void anOpeningBalanceTakesTheEarliestRowsAndGroupsByOtherDimensions() throws Exception {
    LocalDate from = LocalDate.of(2026, 2, 10);
    LocalDate to = LocalDate.of(2026, 2, 20);
    Map<String, BigDecimal> byRegion =
        query(intent(List.of("opening"), List.of("snapshots.region"), range(from, to), null));
    List<Row> period = rows(r -> !r.day().isBefore(from) && r.day().isBefore(to));
    assertThat(byRegion)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "north",
                    atEnd(
                        rows(r -> period.contains(r) && r.region().equals("north")), false, false),
                "south",
                    atEnd(
                        rows(r -> period.contains(r) && r.region().equals("south")),
                        false,
                        false)));
  }

  @Test
  void aNonAdditiveDimensionThatIsNotAModelDimensionIsAClarification() {
    GenerationResult result =
        generate(
            intent(
                List.of("broken"),
                List.of(),
                range(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1)),
                null));
    assertThat(result).isInstanceOf(GenerationResult.NeedsClarification.class);
    assertThat(((GenerationResult.NeedsClarification) result).message()).contains("no such date");
  }
}
