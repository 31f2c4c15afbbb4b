package io.insightengine.api.dbt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
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
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
              .stringQuotingChecker(new ReadsBackAsText())
              .build());

  /**
   * Quotes every string a YAML reader would not read back as that same string. Jackson's own check
   * knows true/false/null and plain decimals but lets through what YAML 1.1 resolves otherwise
   * ({@code 1e3}, {@code 0x1F}, {@code 1_000}, {@code 1:20}, {@code .inf}), which the manifest
   * loader then refuses as "must be of type string". So short strings are read back with the
   * loader's own YAML reader, and quoted when they come back as anything else.
   */
  static final class ReadsBackAsText extends StringQuotingChecker.Default {
    private static final int LONGEST_NON_TEXT_SCALAR = 48;
    private final ObjectMapper reader = new YAMLMapper();

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value)
          || value.length() <= LONGEST_NON_TEXT_SCALAR && !readsBackAs(value);
    }

    private boolean readsBackAs(String value) {
      try {
        JsonNode node = reader.readTree(value);
        return node != null && node.isTextual() && node.textValue().equals(value);
      } catch (JsonProcessingException | RuntimeException e) {
        return false;
      }
    }
  }

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
