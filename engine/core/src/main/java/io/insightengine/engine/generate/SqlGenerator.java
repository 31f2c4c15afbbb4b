package io.insightengine.engine.generate;

/**
 * Stage 2: turns an interpreted question into SQL. Implementations are chained (LLM providers
 * first, the offline semantic generator last); a generator that cannot answer with confidence says
 * so instead of guessing, and the next one is tried.
 */
public interface SqlGenerator {
  /** Name shown in each answer's provenance and in metrics. */
  String name();

  GenerationResult generate(GenerationRequest request);
}
