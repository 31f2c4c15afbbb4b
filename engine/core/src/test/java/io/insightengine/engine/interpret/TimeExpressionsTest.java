package io.insightengine.engine.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "Today" is pinned to Monday 2026-11-23. */
class TimeExpressionsTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
  private final TimeExpressions time =
      new TimeExpressions(
          Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "How many orders were placed today?        | 2026-11-23 | 2026-11-24",
        "revenue yesterday                         | 2026-11-22 | 2026-11-23",
        "How many orders were placed last month?   | 2026-10-01 | 2026-11-01",
        "revenue this month                        | 2026-11-01 | 2026-12-01",
        "orders last week                          | 2026-11-16 | 2026-11-23",
        "orders this week                          | 2026-11-23 | 2026-11-30",
        "revenue last quarter                      | 2026-07-01 | 2026-10-01",
        "revenue this quarter                      | 2026-10-01 | 2027-01-01",
        "revenue last year by region               | 2025-01-01 | 2026-01-01",
        "revenue in the previous year              | 2025-01-01 | 2026-01-01",
        "what is our revenue this year             | 2026-01-01 | 2027-01-01",
        "orders in the last 30 days                | 2026-10-25 | 2026-11-24",
        "tickets over the past 7 days              | 2026-11-17 | 2026-11-24",
        "revenue for the last three months         | 2026-08-24 | 2026-11-24",
        "orders over the last four full weeks      | 2026-10-26 | 2026-11-23",
        "revenue in the last 2 complete months     | 2026-09-01 | 2026-11-01",
        "revenue in the first half of 2025         | 2025-01-01 | 2025-07-01",
        "revenue in H2 2025                        | 2025-07-01 | 2026-01-01",
        "customers since the start of 2024         | 2024-01-01 | 2026-11-24",
        "orders since March                        | 2026-03-01 | 2026-11-24",
        "orders since December                     | 2025-12-01 | 2026-11-24",
        "orders in 2024                            | 2024-01-01 | 2025-01-01",
        "orders so far in 2026                     | 2026-01-01 | 2026-11-24",
        "revenue this quarter to date              | 2026-10-01 | 2026-11-24",
        "orders in 2025 so far                     | 2025-01-01 | 2026-01-01",
        "revenue in March 2025                     | 2025-03-01 | 2025-04-01",
        "revenue in sept 2024 by channel           | 2024-09-01 | 2024-10-01",
        "revenue in Q2 2025                        | 2025-04-01 | 2025-07-01",
        "orders since 2026-06-01                   | 2026-06-01 | 2026-11-24",
        "orders since March 2026                   | 2026-03-01 | 2026-11-24",
        "orders between 2025-01-01 and 2025-03-31  | 2025-01-01 | 2025-04-01",
        "revenue year to date                      | 2026-01-01 | 2026-11-24",
        "revenue MTD                               | 2026-11-01 | 2026-11-24",
        "orders on 2025-12-24                      | 2025-12-24 | 2025-12-25",
      })
  void resolvesAgainstThePinnedToday(String question, LocalDate start, LocalDate end) {
    assertThat(time.range(question))
        .hasValueSatisfying(
            r -> {
              assertThat(r.start()).isEqualTo(start);
              assertThat(r.end()).isEqualTo(end);
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "orders in jan 2025        | 2025-01-01 | January 2025",
        "orders in February 2025   | 2025-02-01 | February 2025",
        "orders in MAR 2025        | 2025-03-01 | March 2025",
        "orders in may 2025        | 2025-05-01 | May 2025",
        "orders in june, 2025      | 2025-06-01 | June 2025",
        "orders in Sep 2025        | 2025-09-01 | September 2025",
        "orders in sept 2025       | 2025-09-01 | September 2025",
        "orders in dec 2025        | 2025-12-01 | December 2025",
        "orders since nov 2025     | 2025-11-01 | since November 2025",
      })
  void monthsByTheirNamesAndAbbreviations(String question, LocalDate start, String label) {
    assertThat(time.range(question))
        .hasValueSatisfying(
            r -> {
              assertThat(r.start()).isEqualTo(start);
              assertThat(r.describe()).startsWith(label);
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "customers with more than 2025 dollars of lifetime value",
    "top 10 products by units sold",
    "how many customers do we have",
    "orders above 2030",
  })
  void numbersThatAreNotTimesAreLeftAlone(String question) {
    assertThat(time.range(question)).isEmpty();
  }

  @Test
  void theRangeKeepsTheWordsItWasReadFrom() {
    TimeRange range = time.range("How many orders were placed last month?").orElseThrow();
    assertThat(range.phrase()).isEqualTo("last month");
    assertThat(range.describe()).isEqualTo("last month (2026-10-01 to 2026-10-31)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "monthly revenue in 2025, MONTH",
    "revenue by week, WEEK",
    "orders per day last month, DAY",
    "quarterly revenue, QUARTER",
    "revenue by year, YEAR",
  })
  void readsTheGrain(String question, TimeGrain grain) {
    assertThat(time.grain(question))
        .hasValueSatisfying(g -> assertThat(g.grain()).isEqualTo(grain));
  }

  @Test
  void aSeriesByTheUnitOfARollingRangeShowsWholePeriods() {
    TimeRange rolling = time.range(" per month over the last 12 months ").orElseThrow();
    assertThat(rolling.start()).isEqualTo(LocalDate.of(2025, 11, 24));
    TimeRange whole = time.wholePeriods(rolling, TimeGrain.MONTH);
    assertThat(whole.start()).isEqualTo(LocalDate.of(2025, 11, 1));
    assertThat(whole.end()).isEqualTo(LocalDate.of(2026, 11, 1));
    // Another grain, or no series, leaves the range as it is.
    assertThat(time.wholePeriods(rolling, TimeGrain.DAY)).isEqualTo(rolling);
    assertThat(time.wholePeriods(rolling, null)).isEqualTo(rolling);
    TimeRange lastMonth = time.range(" last month ").orElseThrow();
    assertThat(time.wholePeriods(lastMonth, TimeGrain.MONTH)).isEqualTo(lastMonth);
  }
}
