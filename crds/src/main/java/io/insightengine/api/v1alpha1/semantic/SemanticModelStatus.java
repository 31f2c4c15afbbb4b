package io.insightengine.api.v1alpha1.semantic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.insightengine.api.v1alpha1.common.BundledStatus;
import io.insightengine.api.v1alpha1.common.ResourceStatus;

/** The observed state of a semantic model. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class SemanticModelStatus extends ResourceStatus implements BundledStatus {
  @JsonPropertyDescription(
      "Models declared in spec.models. Unset with a dbt source: the engine compiles its models from"
          + " the manifest, which the operator does not read.")
  private Integer models;

  @JsonPropertyDescription("Metrics declared in spec.metrics. Unset with a dbt source, as models.")
  private Integer metrics;

  @JsonPropertyDescription(
      "With a DbtRun source: the artifacts that run last delivered (its status.artifactsRevision)."
          + " Unset for inline models and a ConfigMap source.")
  private String dbtArtifactsRevision;

  @JsonPropertyDescription("Content hash of the engine's config bundle that contains this model.")
  private String bundleRevision;

  public Integer getModels() {
    return models;
  }

  public void setModels(Integer models) {
    this.models = models;
  }

  public Integer getMetrics() {
    return metrics;
  }

  public void setMetrics(Integer metrics) {
    this.metrics = metrics;
  }

  public String getDbtArtifactsRevision() {
    return dbtArtifactsRevision;
  }

  public void setDbtArtifactsRevision(String dbtArtifactsRevision) {
    this.dbtArtifactsRevision = dbtArtifactsRevision;
  }

  @Override
  public String getBundleRevision() {
    return bundleRevision;
  }

  @Override
  public void setBundleRevision(String bundleRevision) {
    this.bundleRevision = bundleRevision;
  }
}
