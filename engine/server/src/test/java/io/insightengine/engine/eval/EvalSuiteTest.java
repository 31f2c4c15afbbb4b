package io.insightengine.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The accuracy goals of the offline pipeline: at least 85% correct, at most 3% wrong. */
class EvalSuiteTest {
  @Test
  void meetsTheAccuracyGoals() throws Exception {
    Path root = Path.of("../..");
    EvalSuite.Report report =
        EvalSuite.run(
            root.resolve("engine/server/src/test/resources/eval/questions.yaml"),
            root.resolve("examples/quickstart"),
            Path.of(System.getProperty("eval.warehouse", "../../dbt/artifacts/warehouse.sql")));
    EvalSuite.print(report, true);

    assertThat(report.outcomes()).hasSizeGreaterThanOrEqualTo(80);
    assertThat(report.share("correct")).as(report.summary()).isGreaterThanOrEqualTo(85.0);
    assertThat(report.share("wrong")).as(report.summary()).isLessThanOrEqualTo(3.0);
  }
}
