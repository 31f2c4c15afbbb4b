package io.insightengine.api.v1alpha1.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.insightengine.api.v1alpha1.common.LocalObjectReference;
import java.util.ArrayList;
import java.util.List;

/** The desired data policy. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value =
        "(has(self.rowFilters) && size(self.rowFilters) > 0) || "
            + "(has(self.columnRules) && size(self.columnRules) > 0)",
    message = "a DataPolicy needs at least one rowFilter or columnRule")
public class DataPolicySpec {
  @Required
  @JsonPropertyDescription("The Project in this namespace the policy applies to.")
  private LocalObjectReference projectRef;

  @Size(max = 4096)
  @JsonPropertyDescription("Why the policy exists (shown in audit records).")
  private String description;

  @Required
  @JsonPropertyDescription("Who the policy applies to: any matching role, group or user.")
  private SubjectsSpec subjects;

  @Size(max = 200)
  @JsonPropertyDescription(
      "Predicates ANDed into every query that reads the model: the subject sees only matching rows.")
  private List<RowFilterSpec> rowFilters = new ArrayList<>();

  @Size(max = 500)
  @JsonPropertyDescription("What happens to sensitive columns: deny, mask, hash or nullify.")
  private List<ColumnRuleSpec> columnRules = new ArrayList<>();

  @Default("Enforce")
  @JsonPropertyDescription(
      "Enforce applies the policy; DryRun only records in the audit log what it would have done. Default: Enforce.")
  private Mode mode;

  @Min(0)
  @Max(1000)
  @Default("100")
  @JsonPropertyDescription(
      "Order of evaluation when several policies rule on the same column: higher wins. Row filters"
          + " of all matching policies are combined with AND. Range: 0 to 1000. Default: 100.")
  private Integer priority;

  /** Enforcement modes. */
  public enum Mode {
    Enforce,
    DryRun
  }

  public LocalObjectReference getProjectRef() {
    return projectRef;
  }

  public void setProjectRef(LocalObjectReference projectRef) {
    this.projectRef = projectRef;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public SubjectsSpec getSubjects() {
    return subjects;
  }

  public void setSubjects(SubjectsSpec subjects) {
    this.subjects = subjects;
  }

  public List<RowFilterSpec> getRowFilters() {
    return rowFilters;
  }

  public void setRowFilters(List<RowFilterSpec> rowFilters) {
    this.rowFilters = rowFilters;
  }

  public List<ColumnRuleSpec> getColumnRules() {
    return columnRules;
  }

  public void setColumnRules(List<ColumnRuleSpec> columnRules) {
    this.columnRules = columnRules;
  }

  public Mode getMode() {
    return mode;
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  public Integer getPriority() {
    return priority;
  }

  public void setPriority(Integer priority) {
    this.priority = priority;
  }
}
