package io.insightengine.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insightengine.engine.bundle.ConfigBundleCompiler;
import io.insightengine.engine.bundle.ProjectRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Masking a result: bounded by the request's deadline, stopped when the request is cancelled. */
class SanitizeStageTest {
  private static final List<QueryResult.Column> COLUMNS =
      List.of(new QueryResult.Column("notes", "text"), new QueryResult.Column("id", "int4"));
  private static ProjectRuntime shop;
  private final SanitizeStage stage = new SanitizeStage();

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

  private static Deadline inAMinute() {
    return Deadline.after(Duration.ofMinutes(1), () -> false);
  }

  private static QueryResult result(Object... notes) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < notes.length; i++) {
      rows.add(List.of(notes[i], i));
    }
    return new QueryResult(COLUMNS, rows, false);
  }

  @Test
  void maskingStopsOnceTheDeadlineHasPassed() {
    Deadline passed = new Deadline(System.nanoTime() - 1, Duration.ofSeconds(30), () -> false);

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
  void maskingStopsWhenTheClientHasGoneAway() {
    Deadline abandoned = Deadline.after(Duration.ofMinutes(1), () -> true);

    assertThatThrownBy(() -> stage.maskResult(result("jane@example.com"), shop, abandoned))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> {
              assertThat(e.type()).isEqualTo("request-cancelled");
              assertThat(e.getMessage()).contains("the client went away");
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
