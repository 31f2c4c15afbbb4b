package io.insightengine.api.v1alpha1.semantic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.insightengine.api.v1alpha1.common.ApiConstants;
import java.util.ArrayList;
import java.util.List;

/** A drill path through dimensions, such as region, country, city. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class HierarchySpec {
  @Required
  @Size(min = 1, max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @JsonPropertyDescription("Name of the hierarchy.")
  private String name;

  @Size(max = 4096)
  @JsonPropertyDescription("What the hierarchy is for.")
  private String description;

  @Required
  @Size(min = 2, max = 10)
  @JsonPropertyDescription(
      "Levels from coarse to fine, each model.dimension (e.g. customers.region).")
  private List<String> levels = new ArrayList<>();

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public List<String> getLevels() {
    return levels;
  }

  public void setLevels(List<String> levels) {
    this.levels = levels;
  }
}
