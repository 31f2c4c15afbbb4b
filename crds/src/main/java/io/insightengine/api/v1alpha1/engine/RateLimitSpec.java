package io.insightengine.api.v1alpha1.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Token-bucket rate limits per principal (user or API key). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RateLimitSpec {
  @Min(1)
  @Max(100000)
  @Default("60")
  @JsonPropertyDescription(
      "Sustained requests per minute allowed to one principal. Range: 1 to 100000. Default: 60.")
  private Integer requestsPerMinute;

  @Min(1)
  @Max(10000)
  @Default("20")
  @JsonPropertyDescription(
      "Requests one principal may send at once above the sustained rate. Range: 1 to 10000. Default: 20.")
  private Integer burst;

  public Integer getRequestsPerMinute() {
    return requestsPerMinute;
  }

  public void setRequestsPerMinute(Integer requestsPerMinute) {
    this.requestsPerMinute = requestsPerMinute;
  }

  public Integer getBurst() {
    return burst;
  }

  public void setBurst(Integer burst) {
    this.burst = burst;
  }
}
