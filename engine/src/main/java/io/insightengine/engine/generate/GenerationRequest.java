package io.insightengine.engine.generate;

import io.insightengine.engine.interpret.Intent;
import io.insightengine.engine.semantic.SemanticLayer;

/** What a generator gets: the question, the interpreter's reading, and the semantic model. */
public record GenerationRequest(String question, Intent intent, SemanticLayer semantics) {}
