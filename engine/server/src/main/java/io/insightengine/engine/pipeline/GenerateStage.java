package io.insightengine.engine.pipeline;

import io.insightengine.engine.generate.GenerationRequest;
import io.insightengine.engine.generate.GenerationResult;
import io.insightengine.engine.generate.OfflineSemanticGenerator;
import io.insightengine.engine.generate.SqlGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 2: intent → SQL through the generator chain. Each generator either answers, asks for a
 * clarification (which ends the chain: the question itself is unclear), or declines (the next one
 * is tried). The offline semantic generator is always last.
 */
@ApplicationScoped
public class GenerateStage {
  private final List<SqlGenerator> chain;

  public GenerateStage() {
    this(List.of());
  }

  GenerateStage(List<SqlGenerator> before) {
    List<SqlGenerator> generators = new ArrayList<>(before);
    generators.add(new OfflineSemanticGenerator());
    this.chain = List.copyOf(generators);
  }

  public GenerationResult generate(GenerationRequest request) {
    List<String> declined = new ArrayList<>();
    for (SqlGenerator generator : chain) {
      GenerationResult result = generator.generate(request);
      if (!(result instanceof GenerationResult.Declined d)) {
        return result;
      }
      declined.add(d.generator() + ": " + d.reason());
    }
    return new GenerationResult.NeedsClarification(
        "No generator could answer: " + String.join("; ", declined), declined);
  }
}
