package io.insightengine.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A result bounded while it is read: rows, bytes, and each text value's length. */
class ResultBoundsTest {
  private static final int CAP = 65_536;
  private static final List<QueryResult.Column> COLUMNS =
      List.of(new QueryResult.Column("notes", "text"), new QueryResult.Column("id", "int4"));

  private static QueryResult read(ResultBounds bounds, Object... notes) {
    for (int i = 0; i < notes.length && bounds.open(); i++) {
      bounds.add(List.of(bounds.cell(notes[i]), i));
    }
    return bounds.result(COLUMNS);
  }

  @Test
  void aTextValueLongerThanTheCellLengthIsCutAndTheResultSaysSo() {
    QueryResult result =
        read(
            new ResultBounds(1000, 10_000_000, CAP),
            "contact jane.doe@example.com " + "x".repeat(200_000),
            "short");

    assertThat((String) result.rows().get(0).get(0))
        .hasSize(CAP)
        .startsWith("contact jane.doe@example.com xxx");
    assertThat(result.rows().get(1)).containsExactly("short", 1);
    assertThat(result.truncated()).isTrue();
    assertThat(result.truncation())
        .isEqualTo("1 text value longer than 65536 characters cut to 65536");
  }

  @Test
  void aCutThroughPersonalDataLeavesAllOfItOut() {
    String email = "x".repeat(CAP - 10) + " jane.doe@example.com and more";
    String card = "x".repeat(CAP - 10) + " 4111 1111 1111 1111 and more";
    String words = "word ".repeat(CAP / 5) + "and more";

    QueryResult result = read(new ResultBounds(1000, 10_000_000, CAP), email, card, words);

    // Cut at the cap, "jane.doe@" and "4111 1111" would be shown: neither is masked on its own.
    assertThat(result.rows().get(0).get(0)).isEqualTo("x".repeat(CAP - 10) + " ");
    assertThat(result.rows().get(1).get(0)).isEqualTo("x".repeat(CAP - 10) + " ");
    assertThat((String) result.rows().get(2).get(0)).hasSize(CAP).endsWith("word a");
    assertThat(result.truncation()).startsWith("3 text values longer than");
  }

  @Test
  void readingStopsAtTheByteBoundAndEveryReasonIsSaid() {
    Object[] notes = new Object[100];
    java.util.Arrays.fill(notes, "y".repeat(CAP + 1));

    QueryResult result = read(new ResultBounds(1000, 200_000, CAP), notes);

    // Three cut values of 65,536 characters fit in 200,000 bytes, a fourth does not.
    assertThat(result.rows()).hasSize(3);
    assertThat(result.truncation())
        .isEqualTo(
            "more than 200000 bytes: the first 3 rows are shown;"
                + " 3 text values longer than 65536 characters cut to 65536");
  }

  @Test
  void readingStopsOneRowBeyondMaxRows() {
    QueryResult result = read(new ResultBounds(2, 10_000_000, CAP), "a", "b", "c", "d");

    assertThat(result.rows()).hasSize(2);
    assertThat(result.truncated()).isTrue();
    assertThat(result.truncation()).isEqualTo("more than 2 rows: the first 2 are shown");
  }

  @Test
  void aResultWithinEveryBoundIsWholeAndNotTruncated() {
    QueryResult result = read(new ResultBounds(2, 10_000_000, CAP), "a", "b");

    assertThat(result.rows()).hasSize(2);
    assertThat(result.truncated()).isFalse();
    assertThat(result.truncation()).isNull();
  }
}
