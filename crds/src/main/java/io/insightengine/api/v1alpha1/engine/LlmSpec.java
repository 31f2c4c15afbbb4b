package io.insightengine.api.v1alpha1.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** The chain of SQL generators. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value =
        "!has(self.providers) || self.providers.all(p, p.type != 'offline') || "
            + "self.providers[size(self.providers) - 1].type == 'offline'",
    message = "the offline provider, when listed, must be the last in the chain")
@ValidationRule(
    value =
        "!has(self.providers) || self.providers.all(p, self.providers.exists_one(q, q.name == p.name))",
    message = "provider names must be unique")
public class LlmSpec {
  @Size(max = 8)
  @JsonPropertyDescription(
      "Providers tried in order until one answers with confidence; the offline semantic generator"
          + " is appended when not listed.")
  private List<LlmProviderSpec> providers = new ArrayList<>();

  public List<LlmProviderSpec> getProviders() {
    return providers;
  }

  public void setProviders(List<LlmProviderSpec> providers) {
    this.providers = providers;
  }
}
