package io.insightengine.api.v1alpha1.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The desired state of an engine deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.autoscaling) || !has(self.replicas) || self.replicas <= self.autoscaling.maxReplicas",
    message = "replicas must not exceed autoscaling.maxReplicas")
public class InsightEngineSpec {
  @Size(max = 512)
  @JsonPropertyDescription(
      "Container image of the engine. Defaults to the engine image released with the operator.")
  private String image;

  @JsonPropertyDescription("When the kubelet pulls the image: Always, IfNotPresent or Never.")
  private PullPolicy imagePullPolicy;

  @Min(0)
  @Max(100)
  @Default("1")
  @JsonPropertyDescription(
      "Number of engine pods when autoscaling is not set; a PodDisruptionBudget is created above 1. Range: 0 to 100. Default: 1.")
  private Integer replicas;

  @JsonPropertyDescription("CPU and memory requests and limits of the engine container.")
  private ResourceRequirements resources;

  @JsonPropertyDescription(
      "Where the engine keeps its own data (query history, audit, feedback, training data).")
  private AppDatabaseSpec appDatabase;

  @JsonPropertyDescription("How API callers authenticate: JWT signing key, token lifetimes, OIDC.")
  private AuthSpec auth;

  @JsonPropertyDescription(
      "The SQL generators to try in order. The offline semantic generator needs no LLM and always"
          + " runs last.")
  private LlmSpec llm;

  @JsonPropertyDescription("Request rate limits applied per authenticated principal.")
  private RateLimitSpec rateLimits;

  @JsonPropertyDescription("Horizontal autoscaling of the engine pods on CPU; replaces replicas.")
  private AutoscalingSpec autoscaling;

  /** Image pull policy, as in a Pod spec. */
  public enum PullPolicy {
    Always,
    IfNotPresent,
    Never
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public PullPolicy getImagePullPolicy() {
    return imagePullPolicy;
  }

  public void setImagePullPolicy(PullPolicy imagePullPolicy) {
    this.imagePullPolicy = imagePullPolicy;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public AppDatabaseSpec getAppDatabase() {
    return appDatabase;
  }

  public void setAppDatabase(AppDatabaseSpec appDatabase) {
    this.appDatabase = appDatabase;
  }

  public AuthSpec getAuth() {
    return auth;
  }

  public void setAuth(AuthSpec auth) {
    this.auth = auth;
  }

  public LlmSpec getLlm() {
    return llm;
  }

  public void setLlm(LlmSpec llm) {
    this.llm = llm;
  }

  public RateLimitSpec getRateLimits() {
    return rateLimits;
  }

  public void setRateLimits(RateLimitSpec rateLimits) {
    this.rateLimits = rateLimits;
  }

  public AutoscalingSpec getAutoscaling() {
    return autoscaling;
  }

  public void setAutoscaling(AutoscalingSpec autoscaling) {
    this.autoscaling = autoscaling;
  }
}
