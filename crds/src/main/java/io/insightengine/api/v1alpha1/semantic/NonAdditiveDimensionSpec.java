package io.insightengine.api.v1alpha1.semantic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.insightengine.api.v1alpha1.common.ApiConstants;
import java.util.ArrayList;
import java.util.List;

/**
 * A time dimension a measure must not be aggregated across (dbt's {@code non_additive_dimension}):
 * a balance or a stock level counted once a day is taken at one end of the period, not summed over
 * its days.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class NonAdditiveDimensionSpec {
  @Required
  @Size(min = 1, max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @JsonPropertyDescription(
      "The time dimension of the measure's model the measure is not additive over (e.g. a"
          + " snapshot date). The offline generator aggregates only the rows at the end of the"
          + " period asked about, per window grouping.")
  private String name;

  @Default("min")
  @JsonPropertyDescription(
      "Which end of the period the offline generator keeps: max (the latest rows, e.g. a closing"
          + " balance) or min (the earliest, e.g. an opening balance); min as in dbt. Default: min.")
  private WindowChoice windowChoice;

  @Size(max = 8)
  @JsonPropertyDescription(
      "Columns of the measure's model the period end is taken per (e.g. account_id: each"
          + " account's latest row); none means one period end for all rows.")
  private List<String> windowGroupings = new ArrayList<>();

  /** Which end of the period. */
  public enum WindowChoice {
    @JsonProperty("min")
    MIN,
    @JsonProperty("max")
    MAX
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public WindowChoice getWindowChoice() {
    return windowChoice;
  }

  public void setWindowChoice(WindowChoice windowChoice) {
    this.windowChoice = windowChoice;
  }

  public List<String> getWindowGroupings() {
    return windowGroupings;
  }

  public void setWindowGroupings(List<String> windowGroupings) {
    this.windowGroupings = windowGroupings;
  }
}
