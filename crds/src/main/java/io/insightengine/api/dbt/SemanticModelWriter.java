package io.insightengine.api.dbt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import java.util.Map;

/**
 * Writes a compiled semantic model as a {@code SemanticModel} manifest ({@code *.semantic.yaml}):
 * the spec's "dbt → YAML → Vanna" path, so platform teams can review what dbt produced and commit
 * it. The output is deterministic for the same input.
 */
public final class SemanticModelWriter {
  private final ObjectMapper yaml =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

  /**
   * The manifest of a SemanticModel named {@code name} for project {@code project}, headed by a
   * comment that says where it came from.
   */
  public String write(String name, String project, SemanticModelSpec spec, String source) {
    SemanticModelSpec copy = yaml.convertValue(spec, SemanticModelSpec.class);
    copy.setProjectRef(new io.insightengine.api.v1alpha1.common.LocalObjectReference(project));
    copy.setDbt(null); // the written model is self-contained
    SemanticModel resource = new SemanticModel();
    resource.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withLabels(Map.of("insight-engine.io/generated-from", "dbt"))
            .build());
    resource.setSpec(copy);
    try {
      return "# Generated from "
          + source
          + " by the insight-engine semantic compiler.\n"
          + "# Regenerate it rather than editing it; put additions in a hand-written SemanticModel.\n"
          + yaml.writeValueAsString(resource);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the semantic model", e);
    }
  }
}
