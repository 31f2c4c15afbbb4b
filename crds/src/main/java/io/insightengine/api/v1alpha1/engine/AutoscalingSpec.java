package io.insightengine.api.v1alpha1.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A HorizontalPodAutoscaler for the engine deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.minReplicas) || self.minReplicas <= self.maxReplicas",
    message = "minReplicas must not exceed maxReplicas")
public class AutoscalingSpec {
  @Min(1)
  @Max(100)
  @Default("1")
  @JsonPropertyDescription("Fewest engine pods. Range: 1 to 100. Default: 1.")
  private Integer minReplicas;

  @Required
  @Min(1)
  @Max(100)
  @JsonPropertyDescription("Most engine pods. Range: 1 to 100.")
  private Integer maxReplicas;

  @Min(10)
  @Max(100)
  @Default("75")
  @JsonPropertyDescription(
      "Average CPU utilization, in percent of requests, that the HPA aims for. Range: 10 to 100. Default: 75.")
  private Integer targetCpuUtilizationPercent;

  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public Integer getTargetCpuUtilizationPercent() {
    return targetCpuUtilizationPercent;
  }

  public void setTargetCpuUtilizationPercent(Integer targetCpuUtilizationPercent) {
    this.targetCpuUtilizationPercent = targetCpuUtilizationPercent;
  }
}
