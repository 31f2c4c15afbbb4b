package io.insightengine.api.v1alpha1.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.insightengine.api.v1alpha1.semantic.PiiClass;
import java.util.ArrayList;
import java.util.List;

/** What happens to some columns of one model. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value =
        "(has(self.columns) && size(self.columns) > 0) != (has(self.piiClasses) && size(self.piiClasses) > 0)",
    message = "a column rule names exactly one of columns or piiClasses")
public class ColumnRuleSpec {
  @Required
  @Size(min = 1, max = 63)
  @Pattern("^(\\*|[A-Za-z_][A-Za-z0-9_]*)$")
  @JsonPropertyDescription("The semantic model, or * for every model of the project.")
  private String model;

  @Size(max = 100)
  @JsonPropertyDescription("Columns the rule applies to.")
  private List<String> columns = new ArrayList<>();

  @Size(max = 11)
  @JsonPropertyDescription(
      "Instead of columns: every column tagged with one of these PII classes (e.g. email).")
  private List<PiiClass> piiClasses = new ArrayList<>();

  @Required
  @JsonPropertyDescription(
      "deny: a query that reads the column is refused; mask: values are partly hidden"
          + " (j***@example.com); hash: values are replaced by a keyed hash, so they can still be"
          + " joined and counted; nullify: values are returned as NULL.")
  private Action action;

  /** Column rule actions. */
  public enum Action {
    @JsonProperty("deny")
    DENY,
    @JsonProperty("mask")
    MASK,
    @JsonProperty("hash")
    HASH,
    @JsonProperty("nullify")
    NULLIFY
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public List<String> getColumns() {
    return columns;
  }

  public void setColumns(List<String> columns) {
    this.columns = columns;
  }

  public List<PiiClass> getPiiClasses() {
    return piiClasses;
  }

  public void setPiiClasses(List<PiiClass> piiClasses) {
    this.piiClasses = piiClasses;
  }

  public Action getAction() {
    return action;
  }

  public void setAction(Action action) {
    this.action = action;
  }
}
