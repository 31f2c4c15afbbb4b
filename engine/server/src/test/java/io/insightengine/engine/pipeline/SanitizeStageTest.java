package io.insightengine.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insightengine.engine.bundle.ConfigBundleCompiler;
import io.insightengine.engine.bundle.ProjectRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Masking a result: text cells cut to the cell length first; stopped by the request's deadline. */
class SanitizeStageTest {
  private static final int CAP = 65_536;
  private static final List<QueryResult.Column> COLUMNS =
      List.of(new QueryResult.Column("notes", "text"), new QueryResult.Column("id", "int4"));
  private static ProjectRuntime shop;
  private final SanitizeStage stage = new SanitizeStage(CAP);

  @BeforeAll
  static void compileTheQuickstart() throws Exception {
    shop =
        new ConfigBundleCompiler()
            .compile(Path.of("../../examples/quickstart"))
            .defaultProject()
            .get();
  }

  @AfterEach
  void clearTheInterrupt() {
    Thread.interrupted();
  }

  private static long inAMinute() {
    return System.nanoTime() + 60_000_000_000L;
  }

  private static QueryResult result(Object... notes) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < notes.length; i++) {
      rows.add(List.of(notes[i], i));
    }
    return new QueryResult(COLUMNS, rows, false);
  }

  @Test
  void aTextCellLongerThanTheCapIsCutBeforeMaskingAndTheAnswerSaysSo() {
    String huge = "contact jane.doe@example.com " + "x".repeat(200_000);

    long start = System.nanoTime();
    QueryResult masked = stage.maskResult(result(huge, "ok jane@example.com"), shop, inAMinute());
    System.out.printf(
        "[figures] masking a %,d-char cell cut to %,d: %.1f ms%n",
        huge.length(), CAP, (System.nanoTime() - start) / 1e6);

    String cell = (String) masked.rows().get(0).get(0);
    // Cut to the cap, then masked ("jane.doe" became "j***").
    assertThat(cell).hasSize(CAP - 4).startsWith("contact j***@example.com xxx");
    assertThat(masked.rows().get(1)).containsExactly("ok j***@example.com", 1);
    assertThat(masked.truncated()).isTrue();
    assertThat(masked.truncation())
        .isEqualTo("1 text value longer than 65536 characters cut to 65536");
  }

  @Test
  void aCutThroughPersonalDataLeavesAllOfItOut() {
    String email = "x".repeat(CAP - 10) + " jane.doe@example.com and more";
    String card = "x".repeat(CAP - 10) + " 4111 1111 1111 1111 and more";
    String words = "word ".repeat(CAP / 5) + "and more";

    QueryResult masked = stage.maskResult(result(email, card, words), shop, inAMinute());

    // Cut at the cap, "jane.doe@" and "4111 1111" would be shown: neither is masked on its own.
    assertThat(masked.rows().get(0).get(0)).isEqualTo("x".repeat(CAP - 10) + " ");
    assertThat(masked.rows().get(1).get(0)).isEqualTo("x".repeat(CAP - 10) + " ");
    assertThat((String) masked.rows().get(2).get(0)).hasSize(CAP).endsWith("word a");
    assertThat(masked.truncation()).startsWith("3 text values longer than");
  }

  @Test
  void truncatedRowsAndCutCellsAreBothSaid() {
    List<List<Object>> rows = List.of(List.of("y".repeat(CAP + 1), 0));

    QueryResult masked = stage.maskResult(new QueryResult(COLUMNS, rows, true), shop, inAMinute());

    assertThat(masked.truncated()).isTrue();
    assertThat(masked.truncation())
        .isEqualTo(
            "more than 1 rows: the first 1 are shown;"
                + " 1 text value longer than 65536 characters cut to 65536");
  }

  @Test
  void cellsWithinTheCapAreMaskedWhole() {
    String cell = "y".repeat(CAP - 30) + " jane.doe@example.com";

    QueryResult masked = stage.maskResult(result(cell), shop, inAMinute());

    assertThat(masked.rows().get(0).get(0)).isEqualTo("y".repeat(CAP - 30) + " j***@example.com");
    assertThat(masked.truncated()).isFalse();
    assertThat(masked.truncation()).isNull();
  }

  @Test
  void maskingStopsOnceTheDeadlineHasPassed() {
    long passed = System.nanoTime() - 1;

    assertThatThrownBy(() -> stage.maskResult(result("jane@example.com"), shop, passed))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> {
              assertThat(e.status()).isEqualTo(504);
              assertThat(e.type()).isEqualTo("query-timeout");
              assertThat(e.getMessage()).contains("30 s");
            });
  }

  @Test
  void maskingStopsWhenTheRequestIsCancelled() {
    Thread.currentThread().interrupt();

    assertThatThrownBy(() -> stage.maskResult(result("jane@example.com"), shop, inAMinute()))
        .isInstanceOfSatisfying(
            PipelineException.class, e -> assertThat(e.type()).isEqualTo("request-cancelled"));
    assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
  }
}
