package io.insightengine.api.v1alpha1.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.insightengine.api.v1alpha1.common.ApiConstants;

/** A predicate that limits the rows of one model. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RowFilterSpec {
  @Required
  @Size(min = 1, max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @JsonPropertyDescription("The semantic model the filter applies to.")
  private String model;

  @Required
  @Size(min = 1, max = 4096)
  @JsonPropertyDescription(
      "SQL predicate over the model's columns. ${user.<attribute>} is replaced by the caller's"
          + " attribute as a bound parameter, e.g. region = ${user.region}. A caller without the"
          + " attribute sees no rows.")
  private String predicate;

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public String getPredicate() {
    return predicate;
  }

  public void setPredicate(String predicate) {
    this.predicate = predicate;
  }
}
