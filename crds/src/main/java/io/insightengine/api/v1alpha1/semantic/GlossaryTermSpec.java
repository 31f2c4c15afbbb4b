package io.insightengine.api.v1alpha1.semantic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** A business term, what it means, and what it maps to in SQL. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "has(self.expr) == has(self.model)",
    message = "expr and model go together: the expression is written over that model's columns")
@ValidationRule(
    value = "[has(self.expr), has(self.metric), has(self.filter)].filter(x, x).size() <= 1",
    message = "a term maps to at most one of expr, metric or filter")
public class GlossaryTermSpec {
  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("The term as users say it, e.g. churned customer.")
  private String term;

  @Required
  @Size(min = 1, max = 4096)
  @JsonPropertyDescription("What the term means in this business.")
  private String definition;

  @Size(max = 50)
  @JsonPropertyDescription("Other ways users say the term.")
  private List<String> synonyms = new ArrayList<>();

  @Size(max = 63)
  @JsonPropertyDescription("The model expr is written over.")
  private String model;

  @Size(max = 4096)
  @JsonPropertyDescription("SQL the term stands for, over model's columns.")
  private String expr;

  @JsonPropertyDescription("How expr is used: as a filter predicate, a dimension or a measure.")
  private Usage usage;

  @Size(max = 63)
  @JsonPropertyDescription("A metric the term stands for, instead of expr.")
  private String metric;

  @Size(max = 63)
  @JsonPropertyDescription("A named filter the term stands for, instead of expr.")
  private String filter;

  /** How a term's expression is used in a query. */
  public enum Usage {
    @JsonProperty("filter")
    FILTER,
    @JsonProperty("dimension")
    DIMENSION,
    @JsonProperty("measure")
    MEASURE
  }

  public String getTerm() {
    return term;
  }

  public void setTerm(String term) {
    this.term = term;
  }

  public String getDefinition() {
    return definition;
  }

  public void setDefinition(String definition) {
    this.definition = definition;
  }

  public List<String> getSynonyms() {
    return synonyms;
  }

  public void setSynonyms(List<String> synonyms) {
    this.synonyms = synonyms;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public String getExpr() {
    return expr;
  }

  public void setExpr(String expr) {
    this.expr = expr;
  }

  public Usage getUsage() {
    return usage;
  }

  public void setUsage(Usage usage) {
    this.usage = usage;
  }

  public String getMetric() {
    return metric;
  }

  public void setMetric(String metric) {
    this.metric = metric;
  }

  public String getFilter() {
    return filter;
  }

  public void setFilter(String filter) {
    this.filter = filter;
  }
}
