package io.insightengine.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceptedFiguresTest {
  @Test
  void losingACorrectOrGainingAWrongAnswerIsARegression() {
    SuiteReport.Counts before = new SuiteReport.Counts(30, 10, 40);
    assertThat(AcceptedFigures.regressions(before, new SuiteReport.Counts(31, 9, 40))).isEmpty();
    assertThat(AcceptedFigures.regressions(before, new SuiteReport.Counts(30, 10, 40))).isEmpty();
    // A clarification in place of a correct answer is a loss even though nothing got wrong.
    assertThat(AcceptedFigures.regressions(before, new SuiteReport.Counts(29, 10, 41)))
        .containsExactly("1 correct answer(s) lost");
    assertThat(AcceptedFigures.regressions(before, new SuiteReport.Counts(30, 11, 39)))
        .containsExactly("1 wrong answer(s) gained");
  }

  @Test
  void acceptingRewritesOneSuiteAndKeepsTheOthersAndTheHeldOutMark(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("accepted.yaml");
    AcceptedFigures.read(file).accept("people", new SuiteReport.Counts(1, 2, 3), true);
    AcceptedFigures.read(file).accept("shop", new SuiteReport.Counts(4, 5, 6), false);
    AcceptedFigures.read(file).accept("shop", new SuiteReport.Counts(7, 5, 4), false);

    AcceptedFigures figures = AcceptedFigures.read(file);
    assertThat(figures.counts("people")).contains(new SuiteReport.Counts(1, 2, 3));
    assertThat(figures.counts("shop")).contains(new SuiteReport.Counts(7, 5, 4));
    assertThat(figures.counts("logistics")).isEmpty();
    assertThat(figures.heldOut("people")).isTrue();
    assertThat(figures.heldOut("shop")).isFalse();
    assertThat(Files.readString(file)).startsWith("# The evaluation figures");
  }
}
