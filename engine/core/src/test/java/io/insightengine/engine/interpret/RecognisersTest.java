package io.insightengine.engine.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The recognisers that read a question before its words meet the model. */
class RecognisersTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 10, 20);
  private final TimeExpressions time =
      new TimeExpressions(
          Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));

  @Test
  void rankingsReadHowManyAndWhichWay() {
    Rankings.Ranking top = Rankings.read(" top 5 customers by revenue ");
    assertThat(top.limit()).isEqualTo(5);
    assertThat(top.descending()).isTrue();
    assertThat(top.text())
        .as("the number is blanked, the word kept")
        .contains("top")
        .doesNotContain("5");
    Rankings.Ranking fewest = Rankings.read(" the three lowest depots by on-time rate ");
    assertThat(fewest.limit()).isEqualTo(3);
    assertThat(fewest.descending()).isFalse();
    Rankings.Ranking which = Rankings.read(" which 4 regions had revenue ");
    assertThat(which.limit()).isEqualTo(4);
    assertThat(which.descending()).as("'which' says no order").isNull();
    Rankings.Ranking none = Rankings.read(" revenue by region ");
    assertThat(none.limit()).isNull();
    assertThat(none.descending()).isNull();
  }

  @Test
  void thresholdsReadAnOperatorAndANumber() {
    Thresholds.Read read =
        Thresholds.read(" customers with more than 1,500 orders and at most $2k ");
    assertThat(read.thresholds())
        .extracting(Thresholds.Threshold::operator, Thresholds.Threshold::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(">", new BigDecimal("1500")),
            org.assertj.core.groups.Tuple.tuple("<=", new BigDecimal("2000")));
    assertThat(read.thresholds().get(0).tokenIndex()).isEqualTo(2);
    assertThat(read.text()).doesNotContain("more than").doesNotContain("1,500");
    assertThat(Thresholds.read(" orders over time ").thresholds()).as("no number").isEmpty();
  }

  @Test
  void aSecondPeriodAndAWordOfComparingAreAComparison() {
    String text = " parcels in Q3 2026 compared with Q3 2025 ";
    TimeRange q3 = time.range(text).orElseThrow();
    var compared =
        PeriodComparisons.read(QuestionInterpreter.blank(text, q3.phrase()), q3, time)
            .orElseThrow();
    assertThat(compared.period().start()).isEqualTo(LocalDate.of(2026, 7, 1));
    assertThat(compared.earlier().start()).isEqualTo(LocalDate.of(2025, 7, 1));
    assertThat(compared.text()).doesNotContain("compared").doesNotContain("2025");

    String ytd = " revenue year to date against the same period last year ";
    TimeRange range = time.range(ytd).orElseThrow();
    var sameLastYear =
        PeriodComparisons.read(QuestionInterpreter.blank(ytd, range.phrase()), range, time)
            .orElseThrow();
    assertThat(sameLastYear.earlier().start()).isEqualTo(LocalDate.of(2025, 1, 1));
    assertThat(sameLastYear.earlier().end()).isEqualTo(LocalDate.of(2025, 10, 21));

    String plain = " parcels in 2025 and in 2024 ";
    TimeRange first = time.range(plain).orElseThrow();
    assertThat(
            PeriodComparisons.read(QuestionInterpreter.blank(plain, first.phrase()), first, time))
        .as("no word of comparing")
        .isEmpty();
  }
}
