package io.insightengine.engine.generate;

import io.insightengine.api.manifest.ManifestLoader;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.engine.interpret.Intent;
import io.insightengine.engine.interpret.QuestionInterpreter;
import io.insightengine.engine.interpret.TimeExpressions;
import io.insightengine.engine.semantic.SemanticLayer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void print() throws Exception {
    SemanticModel sm =
        new ManifestLoader()
            .loadDirectory(Path.of("../examples/quickstart"))
            .ofType(SemanticModel.class)
            .get(0);
    SemanticLayer layer = new SemanticLayer(sm.getSpec());
    QuestionInterpreter interpreter =
        new QuestionInterpreter(
            new TimeExpressions(
                Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC)));
    OfflineSemanticGenerator gen = new OfflineSemanticGenerator();
    for (String q :
        System.getProperty(
                "qs",
                "How many orders were placed last month?|What is our revenue by region this year?|Which 10 products sold the most units?|Average order value per sales channel|monthly revenue in 2025|How many customers do we have in each segment?|gross margin by product category|payment failure rate by payment method|open tickets by priority|revenue in EMEA last quarter|Which region had the most revenue in 2025?|revenue by country with revenue above 100000|How many orders over 500 were shipped?")
            .split("\\|")) {
      Intent intent = interpreter.interpret(q, layer);
      System.out.println("Q: " + q + "\n  intent: " + intent);
      System.out.println("  -> " + gen.generate(new GenerationRequest(q, intent, layer)));
    }
  }
}
