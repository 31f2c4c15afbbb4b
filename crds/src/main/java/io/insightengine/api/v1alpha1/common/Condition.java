package io.insightengine.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One observation about a resource, in the shape of {@code metav1.Condition}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
  @Required
  @Size(max = 316)
  @JsonPropertyDescription("Type of the condition in CamelCase, such as Ready or ConfigApplied.")
  private String type;

  @Required
  @JsonPropertyDescription("Status of the condition: True, False or Unknown.")
  private ConditionStatus status;

  @Size(max = 1024)
  @Pattern("^([A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?)?$")
  @JsonPropertyDescription(
      "One-word CamelCase reason for the last transition, for machines (e.g. InvalidSql).")
  private String reason;

  @Size(max = 32768)
  @JsonPropertyDescription(
      "Human-readable explanation of the condition: what is wrong and what to fix.")
  private String message;

  @JsonPropertyDescription(
      "When the status last changed (RFC 3339); kept while the status stays the same.")
  private String lastTransitionTime;

  @JsonPropertyDescription("The metadata.generation the condition was computed for.")
  private Long observedGeneration;

  public Condition() {}

  public Condition(String type, ConditionStatus status, String reason, String message) {
    this.type = type;
    this.status = status;
    this.reason = reason;
    this.message = message;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public ConditionStatus getStatus() {
    return status;
  }

  public void setStatus(ConditionStatus status) {
    this.status = status;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getLastTransitionTime() {
    return lastTransitionTime;
  }

  public void setLastTransitionTime(String lastTransitionTime) {
    this.lastTransitionTime = lastTransitionTime;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }
}
