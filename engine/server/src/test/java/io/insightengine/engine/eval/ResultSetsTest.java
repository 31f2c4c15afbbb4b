package io.insightengine.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultSetsTest {
  private static List<List<Object>> rows(Object[]... rows) {
    return java.util.Arrays.stream(rows).map(r -> java.util.Arrays.asList(r)).toList();
  }

  @Test
  void rowOrderAndColumnOrderDoNotMatter() {
    assertThat(
            ResultSets.sameAnswer(
                rows(new Object[] {"EMEA", "10"}, new Object[] {"NA", "20"}),
                rows(new Object[] {"20", "NA"}, new Object[] {"10", "EMEA"})))
        .isTrue();
  }

  @Test
  void extraColumnsAreAllowedMissingOnesAreNot() {
    assertThat(
            ResultSets.sameAnswer(
                rows(new Object[] {"Jane", "5"}), rows(new Object[] {"17", "Jane", "5"})))
        .isTrue();
    assertThat(
            ResultSets.sameAnswer(
                rows(new Object[] {"17", "Jane", "5"}), rows(new Object[] {"Jane", "5"})))
        .isFalse();
  }

  @Test
  void valuesMustPairUpRowByRow() {
    // Same column values, paired differently: a wrong answer.
    assertThat(
            ResultSets.sameAnswer(
                rows(new Object[] {"EMEA", "10"}, new Object[] {"NA", "20"}),
                rows(new Object[] {"EMEA", "20"}, new Object[] {"NA", "10"})))
        .isFalse();
  }

  @Test
  void numbersCompareToTwoDecimals() {
    assertThat(ResultSets.normalize(new java.math.BigDecimal("12.340000"))).isEqualTo("12.34");
    assertThat(ResultSets.normalize(12.34000001d)).isEqualTo("12.34");
    assertThat(ResultSets.normalize(12.3449d)).isEqualTo("12.34");
    assertThat(ResultSets.normalize(12.346d)).isNotEqualTo(ResultSets.normalize(12.34d));
    assertThat(
            ResultSets.sameAnswer(
                rows(new Object[] {"1"}), rows(new Object[] {"1"}, new Object[] {"1"})))
        .isFalse();
  }

  @Test
  void textIsCaseInsensitiveAndAMidnightTimestampIsItsDate() {
    assertThat(ResultSets.normalize("EMEA")).isEqualTo(ResultSets.normalize("emea"));
    java.sql.Timestamp midnight = java.sql.Timestamp.valueOf("2026-10-01 00:00:00");
    assertThat(ResultSets.normalize(midnight))
        .isEqualTo(ResultSets.normalize(java.sql.Date.valueOf("2026-10-01")))
        .isEqualTo(ResultSets.normalize(midnight.toInstant().toString()));
    java.sql.Timestamp noon = java.sql.Timestamp.valueOf("2026-10-01 12:00:00");
    assertThat(ResultSets.normalize(noon))
        .isEqualTo(ResultSets.normalize(noon.toInstant().toString()))
        .isNotEqualTo(ResultSets.normalize(midnight));
  }

  @Test
  void rowOrderCountsWhereTheQuestionAsksForIt() {
    List<List<Object>> gold = rows(new Object[] {"EMEA", "10"}, new Object[] {"NA", "20"});
    List<List<Object>> reversed = rows(new Object[] {"20", "NA"}, new Object[] {"10", "EMEA"});
    assertThat(ResultSets.sameAnswer(gold, reversed, false)).isTrue();
    assertThat(ResultSets.sameAnswer(gold, reversed, true)).isFalse();
    assertThat(
            ResultSets.sameAnswer(
                gold, rows(new Object[] {"10", "EMEA"}, new Object[] {"20", "NA"}), true))
        .isTrue();
  }
}
