package io.insightengine.engine.generate;

import io.insightengine.engine.interpret.Intent;
import io.insightengine.engine.semantic.SemanticLayer;
import java.time.LocalDate;

/**
 * What a generator gets: the question, the interpreter's reading, the semantic model, and the day
 * the question was read against (so SQL and time expressions agree on "today").
 */
public record GenerationRequest(
    String question, Intent intent, SemanticLayer semantics, LocalDate today) {}
