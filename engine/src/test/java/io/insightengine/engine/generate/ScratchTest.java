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
import java.util.ArrayList;
import java.util.List;
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
    layer.lexicon().addValues("orders", "country", List.of("Germany", "Japan", "United States"));
    QuestionInterpreter interpreter =
        new QuestionInterpreter(
            new TimeExpressions(
                Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC)));
    OfflineSemanticGenerator gen = new OfflineSemanticGenerator();
    List<String> all = new ArrayList<>();
    if (System.getProperty("qs") != null) {
      all.addAll(List.of(System.getProperty("qs").split("\\|")));
    } else {
      new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
          .readTree(new java.io.File("src/test/resources/eval/questions.yaml"))
          .path("questions")
          .forEach(n -> all.add(n.path("question").asText()));
    }
    for (String q : all) {
      Intent intent = interpreter.interpret(q, layer);
      System.out.println(
          "Q: " + q + (System.getProperty("intent") != null ? "\n  intent: " + intent : ""));
      System.out.println(
          "  -> "
              + gen.generate(
                  new GenerationRequest(q, intent, layer, java.time.LocalDate.of(2026, 11, 23))));
    }
  }
}
