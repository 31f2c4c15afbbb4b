package io.insightengine.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.engine.bundle.ConfigBundleCompiler;
import io.insightengine.engine.interpret.QuestionInterpreter;
import io.insightengine.engine.interpret.TimeExpressions;
import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.query.SemanticQuery;
import io.insightengine.engine.semantic.SemanticLayer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A ratio asked "in percent" is shown on a 0-100 scale; asked plainly, as the fraction it is. */
class PercentRatioTest {
  private static SemanticLayer layer;
  private final QuestionInterpreter interpreter =
      new QuestionInterpreter(
          new TimeExpressions(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC)));

  @BeforeAll
  static void loadQuickstart() throws Exception {
    layer =
        new ConfigBundleCompiler()
            .compile(Path.of("../../examples/quickstart"))
            .defaultProject()
            .orElseThrow()
            .semantics();
  }

  private String sql(String question) {
    Interpretation intent = interpreter.interpret(question, layer);
    assertThat(intent.query().select())
        .containsExactly(new SemanticQuery.Metric("payment_failure_rate"));
    GenerationResult result =
        new OfflineSemanticGenerator()
            .generate(new GenerationRequest(question, intent, layer, LocalDate.of(2026, 11, 23)));
    assertThat(result).isInstanceOf(GenerationResult.Generated.class);
    return ((GenerationResult.Generated) result).sql();
  }

  @Test
  void aRatioInPercentIsScaledTo100() {
    for (String question :
        new String[] {
          "payment failure rate last month in percent",
          "What was the payment failure rate last month, as a percentage?",
          "payment failure rate in % last month"
        }) {
      assertThat(sql(question)).as(question).contains("100 * (");
    }
    assertThat(sql("payment failure rate last month")).doesNotContain("100 *");
  }
}
