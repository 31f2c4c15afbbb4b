package io.insightengine.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What every status of the group carries: the generation observed and the conditions. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public abstract class ResourceStatus {
  @JsonPropertyDescription(
      "The metadata.generation of the spec this status describes; lower than the generation while"
          + " a change is not yet processed.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Current observations, one per type (Ready, plus kind-specific ones), with reason and"
          + " message.")
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}
