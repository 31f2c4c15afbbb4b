package io.insightengine.engine.generate;

import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.semantic.SemanticLayer;
import java.time.LocalDate;

/**
 * What a generator gets: the question, the interpreter's reading, the semantic model, and the day
 * the question was read against (so SQL and time expressions agree on "today").
 */
public record GenerationRequest(
    String question, Interpretation interpretation, SemanticLayer semantics, LocalDate today) {}
