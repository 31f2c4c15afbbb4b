package io.insightengine.api.v1alpha1.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** Query routing between the primary warehouse and an analytical secondary. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.mode != 'AnalyticalToSecondary' || has(self.secondary)",
    message = "secondary is required when mode is AnalyticalToSecondary")
public class RoutingSpec {
  @Default("PrimaryOnly")
  @JsonPropertyDescription(
      "PrimaryOnly: every query runs on datasource. AnalyticalToSecondary: aggregations over"
          + " large fact tables run on secondary, point lookups on the primary. Default: PrimaryOnly.")
  private Mode mode;

  @JsonPropertyDescription(
      "The analytical warehouse (typically ClickHouse) fed by the same dbt project.")
  private DatasourceSpec secondary;

  /** Routing modes. */
  public enum Mode {
    PrimaryOnly,
    AnalyticalToSecondary
  }

  public Mode getMode() {
    return mode;
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  public DatasourceSpec getSecondary() {
    return secondary;
  }

  public void setSecondary(DatasourceSpec secondary) {
    this.secondary = secondary;
  }
}
