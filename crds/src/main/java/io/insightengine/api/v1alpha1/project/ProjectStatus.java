package io.insightengine.api.v1alpha1.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.insightengine.api.v1alpha1.common.BundledStatus;
import io.insightengine.api.v1alpha1.common.ResourceStatus;

/** The observed state of a project. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ProjectStatus extends ResourceStatus implements BundledStatus {
  @JsonPropertyDescription("Content hash of the engine's config bundle that contains this project.")
  private String bundleRevision;

  @Override
  public String getBundleRevision() {
    return bundleRevision;
  }

  @Override
  public void setBundleRevision(String bundleRevision) {
    this.bundleRevision = bundleRevision;
  }
}
