package io.insightengine.api.v1alpha1.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.insightengine.api.v1alpha1.common.ResourceStatus;
import java.util.ArrayList;
import java.util.List;

/** The observed state of an engine deployment. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class InsightEngineStatus extends ResourceStatus {
  @JsonPropertyDescription("Engine pods that pass their readiness probe.")
  private Integer readyReplicas;

  @JsonPropertyDescription(
      "Content hash of the config bundle the engine pods are expected to load.")
  private String bundleRevision;

  @JsonPropertyDescription(
      "The bundle revision the engine reports it serves (GET /internal/v1/status); equal to"
          + " bundleRevision once the engine has loaded what the operator wrote.")
  private String servedRevision;

  @JsonPropertyDescription("Number of valid Projects in the bundle.")
  private Integer projects;

  @JsonPropertyDescription(
      "What the engine reports for each project it was given, by name: Serving, Refused or"
          + " Unavailable, with its reason and message.")
  private List<EngineProjectStatus> engineProjects = new ArrayList<>();

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

  public String getServedRevision() {
    return servedRevision;
  }

  public void setServedRevision(String servedRevision) {
    this.servedRevision = servedRevision;
  }

  public List<EngineProjectStatus> getEngineProjects() {
    return engineProjects;
  }

  public void setEngineProjects(List<EngineProjectStatus> engineProjects) {
    this.engineProjects = engineProjects;
  }

  public Integer getProjects() {
    return projects;
  }

  public void setProjects(Integer projects) {
    this.projects = projects;
  }
}
