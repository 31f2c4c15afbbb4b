package io.insightengine.api.v1alpha1.semantic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.insightengine.api.v1alpha1.common.ApiConstants;
import java.util.ArrayList;
import java.util.List;

/** A reusable condition with a name, e.g. completed_orders. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class NamedFilterSpec {
  @Required
  @Size(min = 1, max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @JsonPropertyDescription("Name of the filter, unique in the project.")
  private String name;

  @Required
  @Size(min = 1, max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @JsonPropertyDescription("The model whose columns expr uses.")
  private String model;

  @Required
  @Size(min = 1, max = 4096)
  @JsonPropertyDescription("SQL predicate over the model's columns, e.g. status = 'completed'.")
  private String expr;

  @Size(max = 4096)
  @JsonPropertyDescription("What the filter selects.")
  private String description;

  @Size(max = 50)
  @JsonPropertyDescription(
      "Words in questions that select this filter (e.g. completed, fulfilled).")
  private List<String> synonyms = new ArrayList<>();

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
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
}
