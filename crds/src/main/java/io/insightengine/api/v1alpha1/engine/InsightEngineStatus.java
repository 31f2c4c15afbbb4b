package io.insightengine.api.v1alpha1.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.insightengine.api.v1alpha1.common.ResourceStatus;

/** The observed state of an engine deployment. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class InsightEngineStatus extends ResourceStatus {
  @JsonPropertyDescription("Engine pods that pass their readiness probe.")
  private Integer readyReplicas;

  @JsonPropertyDescription(
      "Content hash of the config bundle the engine pods are expected to load.")
  private String bundleRevision;

  @JsonPropertyDescription("Number of valid Projects in the bundle.")
  private Integer projects;

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public String getBundleRevision() {
    return bundleRevision;
  }

  public void setBundleRevision(String bundleRevision) {
    this.bundleRevision = bundleRevision;
  }

  public Integer getProjects() {
    return projects;
  }

  public void setProjects(Integer projects) {
    this.projects = projects;
  }
}
