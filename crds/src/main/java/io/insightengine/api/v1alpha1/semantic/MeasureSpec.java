package io.insightengine.api.v1alpha1.semantic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.insightengine.api.v1alpha1.common.ApiConstants;
import java.util.ArrayList;
import java.util.List;

/** An aggregation over a model's rows. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class MeasureSpec {
  @Required
  @Size(min = 1, max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @JsonPropertyDescription("Name of the measure, unique in the project (metrics refer to it).")
  private String name;

  @Required
  @JsonPropertyDescription("Aggregation: sum, count, countDistinct, avg, min, max or median.")
  private Aggregation agg;

  @Size(max = 4096)
  @JsonPropertyDescription(
      "SQL expression aggregated, over the model's columns; defaults to the column named name"
          + " (for count, to the primary key).")
  private String expr;

  @Size(max = 4096)
  @JsonPropertyDescription("What the measure means.")
  private String description;

  @Size(max = 50)
  @JsonPropertyDescription("Other words users say for this measure.")
  private List<String> synonyms = new ArrayList<>();

  @Size(max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @JsonPropertyDescription(
      "The time dimension of the model this measure is dated by (dbt's agg_time_dimension), when"
          + " it is not the model's defaultTimeDimension: the offline interpreter applies a"
          + " question's period and time grain to it.")
  private String aggTimeDimension;

  @JsonPropertyDescription(
      "A time dimension this measure must not be summed across (dbt's non_additive_dimension),"
          + " such as the date of a daily balance: the offline generator aggregates only the rows"
          + " at the period's end.")
  private NonAdditiveDimensionSpec nonAdditiveDimension;

  /** Aggregation functions. */
  public enum Aggregation {
    @JsonProperty("sum")
    SUM,
    @JsonProperty("count")
    COUNT,
    @JsonProperty("countDistinct")
    COUNT_DISTINCT,
    @JsonProperty("avg")
    AVG,
    @JsonProperty("min")
    MIN,
    @JsonProperty("max")
    MAX,
    @JsonProperty("median")
    MEDIAN
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Aggregation getAgg() {
    return agg;
  }

  public void setAgg(Aggregation agg) {
    this.agg = agg;
  }

  public String getExpr() {
    return expr;
  }

  public void setExpr(String expr) {
    this.expr = expr;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public List<String> getSynonyms() {
    return synonyms;
  }

  public void setSynonyms(List<String> synonyms) {
    this.synonyms = synonyms;
  }

  public String getAggTimeDimension() {
    return aggTimeDimension;
  }

  public void setAggTimeDimension(String aggTimeDimension) {
    this.aggTimeDimension = aggTimeDimension;
  }

  public NonAdditiveDimensionSpec getNonAdditiveDimension() {
    return nonAdditiveDimension;
  }

  public void setNonAdditiveDimension(NonAdditiveDimensionSpec nonAdditiveDimension) {
    this.nonAdditiveDimension = nonAdditiveDimension;
  }
}
