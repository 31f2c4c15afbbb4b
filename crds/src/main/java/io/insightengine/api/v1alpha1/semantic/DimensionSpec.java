package io.insightengine.api.v1alpha1.semantic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.insightengine.api.v1alpha1.common.ApiConstants;
import java.util.ArrayList;
import java.util.List;

/** An attribute to group or filter by. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "(has(self.type) && self.type == 'time') || !has(self.timeGrains)",
    message = "timeGrains apply only to time dimensions")
public class DimensionSpec {
  @Required
  @Size(min = 1, max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @JsonPropertyDescription("Name of the dimension, unique within its model.")
  private String name;

  @Default("categorical")
  @JsonPropertyDescription("categorical, or time for dates and timestamps. Default: categorical.")
  private Type type;

  @Size(max = 4096)
  @JsonPropertyDescription(
      "SQL expression over the model's columns; defaults to the column named name.")
  private String expr;

  @Size(max = 253)
  @JsonPropertyDescription("Label shown to users.")
  private String label;

  @Size(max = 4096)
  @JsonPropertyDescription("What the dimension means.")
  private String description;

  @Size(max = 50)
  @JsonPropertyDescription("Other words users say for this dimension.")
  private List<String> synonyms = new ArrayList<>();

  @Size(max = 7)
  @JsonPropertyDescription(
      "Grains a time dimension can be truncated to; all of day to year when empty.")
  private List<TimeGrain> timeGrains = new ArrayList<>();

  /** Kinds of dimension. */
  public enum Type {
    @JsonProperty("categorical")
    CATEGORICAL,
    @JsonProperty("time")
    TIME
  }

  /** Grains of a time dimension. */
  public enum TimeGrain {
    @JsonProperty("hour")
    HOUR,
    @JsonProperty("day")
    DAY,
    @JsonProperty("week")
    WEEK,
    @JsonProperty("month")
    MONTH,
    @JsonProperty("quarter")
    QUARTER,
    @JsonProperty("year")
    YEAR
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Type getType() {
    return type;
  }

  public void setType(Type type) {
    this.type = type;
  }

  public String getExpr() {
    return expr;
  }

  public void setExpr(String expr) {
    this.expr = expr;
  }

  public String getLabel() {
    return label;
  }

  public void setLabel(String label) {
    this.label = label;
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

  public List<TimeGrain> getTimeGrains() {
    return timeGrains;
  }

  public void setTimeGrains(List<TimeGrain> timeGrains) {
    this.timeGrains = timeGrains;
  }
}
