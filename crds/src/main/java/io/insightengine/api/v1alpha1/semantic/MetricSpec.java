package io.insightengine.api.v1alpha1.semantic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.insightengine.api.v1alpha1.common.ApiConstants;
import java.util.ArrayList;
import java.util.List;

/** A business metric, defined the way dbt's semantic layer defines them. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "self.type != 'simple' || has(self.measure)",
    message = "a simple metric needs measure")
@ValidationRule(
    value = "self.type != 'ratio' || (has(self.numerator) && has(self.denominator))",
    message = "a ratio metric needs numerator and denominator")
@ValidationRule(
    value =
        "self.type != 'derived' || (has(self.expr) && has(self.metrics) && size(self.metrics) > 0)",
    message = "a derived metric needs expr and the metrics it uses")
public class MetricSpec {
  @Required
  @Size(min = 1, max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @JsonPropertyDescription("Name of the metric, unique in the project.")
  private String name;

  @Required
  @JsonPropertyDescription(
      "simple (one measure), ratio (numerator / denominator metrics) or derived (an expression"
          + " over other metrics).")
  private Type type;

  @Size(max = 253)
  @JsonPropertyDescription("Label shown to users, e.g. Gross revenue.")
  private String label;

  @Size(max = 4096)
  @JsonPropertyDescription("What the metric means, in business terms.")
  private String description;

  @Size(max = 50)
  @JsonPropertyDescription("Other words users say for this metric (e.g. sales, turnover).")
  private List<String> synonyms = new ArrayList<>();

  @Size(max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @JsonPropertyDescription("For simple metrics: the measure aggregated.")
  private String measure;

  @Size(max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @JsonPropertyDescription("For ratio metrics: the metric divided.")
  private String numerator;

  @Size(max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @JsonPropertyDescription("For ratio metrics: the metric divided by.")
  private String denominator;

  @Size(max = 4096)
  @JsonPropertyDescription("For derived metrics: an expression over the metrics listed in metrics.")
  private String expr;

  @Size(max = 20)
  @JsonPropertyDescription("For derived metrics: the metrics expr uses.")
  private List<String> metrics = new ArrayList<>();

  @Size(max = 4096)
  @JsonPropertyDescription(
      "SQL predicate over the measure's model applied before aggregating, e.g. status ="
          + " 'completed'.")
  private String filter;

  @JsonPropertyDescription("How values are shown: number, currency or percent.")
  private Format format;

  /** Kinds of metric. */
  public enum Type {
    @JsonProperty("simple")
    SIMPLE,
    @JsonProperty("ratio")
    RATIO,
    @JsonProperty("derived")
    DERIVED
  }

  /** Display formats. */
  public enum Format {
    @JsonProperty("number")
    NUMBER,
    @JsonProperty("currency")
    CURRENCY,
    @JsonProperty("percent")
    PERCENT
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

  public String getMeasure() {
    return measure;
  }

  public void setMeasure(String measure) {
    this.measure = measure;
  }

  public String getNumerator() {
    return numerator;
  }

  public void setNumerator(String numerator) {
    this.numerator = numerator;
  }

  public String getDenominator() {
    return denominator;
  }

  public void setDenominator(String denominator) {
    this.denominator = denominator;
  }

  public String getExpr() {
    return expr;
  }

  public void setExpr(String expr) {
    this.expr = expr;
  }

  public List<String> getMetrics() {
    return metrics;
  }

  public void setMetrics(List<String> metrics) {
    this.metrics = metrics;
  }

  public String getFilter() {
    return filter;
  }

  public void setFilter(String filter) {
    this.filter = filter;
  }

  public Format getFormat() {
    return format;
  }

  public void setFormat(Format format) {
    this.format = format;
  }
}
