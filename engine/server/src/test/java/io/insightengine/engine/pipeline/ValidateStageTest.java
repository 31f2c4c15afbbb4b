package io.insightengine.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insightengine.api.sql.FirewallPolicy;
import io.insightengine.engine.bundle.ConfigBundleCompiler;
import io.insightengine.engine.bundle.ProjectRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine's own SQL gets a second parse when the first ran out of budget; caller SQL not. */
class ValidateStageTest {
  private static final String SQL = "SELECT region, count(*) FROM marts.fct_orders GROUP BY region";
  private static ProjectRuntime noBudget;

  @BeforeAll
  static void aProjectWhoseParsesAlwaysRunOutOfTime() throws Exception {
    ProjectRuntime shop =
        new ConfigBundleCompiler()
            .compile(Path.of("../../examples/quickstart"))
            .defaultProject()
            .get();
    FirewallPolicy p = shop.firewallPolicy();
    FirewallPolicy tiny =
        new FirewallPolicy(
            p.allowedTables(),
            p.searchSchemas(),
            p.allowSystemCatalogs(),
            p.extraDeniedFunctions(),
            p.maxLength(),
            p.maxNestingDepth(),
            Duration.ofNanos(1));
    noBudget =
        new ProjectRuntime(
            shop.project(),
            shop.semantics(),
            shop.policies(),
            shop.trainingPairs(),
            tiny,
            shop.warehouse());
  }

  @Test
  void generatedSqlIsParsedOnceMoreBeforeItIsRefusedCallerSqlIsNot() {
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    ValidateStage stage = new ValidateStage(metrics);

    assertThatThrownBy(() -> stage.validate(SQL, noBudget, true))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.type()).isEqualTo("sql-refused/parse-timeout"));
    assertThat(metrics.counter("insight.firewall.parse.retries").count()).isEqualTo(1.0);

    assertThatThrownBy(() -> stage.validate(SQL, noBudget, false))
        .isInstanceOf(PipelineException.class);
    assertThat(metrics.counter("insight.firewall.parse.retries").count()).isEqualTo(1.0);
  }
}
