package io.insightengine.engine.generate;

import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.query.SemanticQueryCompiler;
import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic generator: compiles the interpreter's {@link
 * io.insightengine.engine.query.SemanticQuery} to SQL with the {@link SemanticQueryCompiler}, using
 * only the semantic model. A question the interpreter could not place, or a reading the model
 * cannot compute, is asked back.
 */
public final class OfflineSemanticGenerator implements SqlGenerator {
  public static final String NAME = "offline";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GenerationResult generate(GenerationRequest request) {
    Interpretation interpretation = request.interpretation();
    if (!interpretation.understood()) {
      List<String> asked = new ArrayList<>(interpretation.clarifications());
      if (asked.isEmpty()) {
        asked.add("I am not sure enough of this reading: please rephrase the question");
      }
      return new GenerationResult.NeedsClarification(String.join("; ", asked), asked);
    }
    try {
      String sql =
          new SemanticQueryCompiler(request.semantics())
              .compile(interpretation.query(), request.today());
      return new GenerationResult.Generated(sql, NAME, interpretation.confidence());
    } catch (SemanticQueryCompiler.CannotCompile e) {
      return new GenerationResult.NeedsClarification(e.getMessage(), List.of(e.getMessage()));
    }
  }
}
