package io.insightengine.api.v1alpha1.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.insightengine.api.v1alpha1.common.ApiConstants;

/** Query and usage limits of a project. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LimitsSpec {
  @Min(1)
  @Max(1000000)
  @Default("1000")
  @JsonPropertyDescription(
      "Most rows a query returns; a LIMIT is added or lowered to this. Range: 1 to 1000000. Default: 1000.")
  private Integer maxRows;

  @Pattern(ApiConstants.DURATION)
  @Default("30s")
  @JsonPropertyDescription("Statement timeout of one query in the warehouse. Default: 30s.")
  private String queryTimeout;

  @Min(0)
  @Max(1000000)
  @JsonPropertyDescription(
      "Questions one user may ask per day; unset means unlimited. Range: 0 to 1000000.")
  private Integer dailyQuestionsPerUser;

  @Min(1)
  @JsonPropertyDescription(
      "Highest planner cost a query may have before it runs (PostgreSQL's EXPLAIN total cost, in"
          + " the planner's units, where reading one page in sequence costs 1); costlier queries"
          + " are refused (422 too-expensive) with their estimate. Unset (the default): no"
          + " ceiling, and queryTimeout bounds every query. Estimates depend on the warehouse's"
          + " statistics and are often far off for joins; set it from the project's own heavy"
          + " queries, e.g. ten times the costliest legitimate one. At least 1.")
  private Long maxPlanCost;

  @Pattern(ApiConstants.BYTE_SIZE)
  @Default("10Mi")
  @JsonPropertyDescription(
      "Most bytes of values one answer carries (as JSON, about): rows are read until this, and"
          + " the answer says truncated and why. Bounds the engine's memory per request along"
          + " with maxRows. Default: 10Mi.")
  private String maxResultSize;

  public Integer getMaxRows() {
    return maxRows;
  }

  public void setMaxRows(Integer maxRows) {
    this.maxRows = maxRows;
  }

  public String getQueryTimeout() {
    return queryTimeout;
  }

  public void setQueryTimeout(String queryTimeout) {
    this.queryTimeout = queryTimeout;
  }

  public Integer getDailyQuestionsPerUser() {
    return dailyQuestionsPerUser;
  }

  public void setDailyQuestionsPerUser(Integer dailyQuestionsPerUser) {
    this.dailyQuestionsPerUser = dailyQuestionsPerUser;
  }

  public Long getMaxPlanCost() {
    return maxPlanCost;
  }

  public void setMaxPlanCost(Long maxPlanCost) {
    this.maxPlanCost = maxPlanCost;
  }

  public String getMaxResultSize() {
    return maxResultSize;
  }

  public void setMaxResultSize(String maxResultSize) {
    this.maxResultSize = maxResultSize;
  }
}
