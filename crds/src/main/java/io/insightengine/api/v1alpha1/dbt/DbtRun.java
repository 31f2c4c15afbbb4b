package io.insightengine.api.v1alpha1.dbt;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.insightengine.api.v1alpha1.common.ApiConstants;

/** A run (or a schedule of runs) of real dbt against a project's warehouse. */
@Group(ApiConstants.GROUP)
@Version(ApiConstants.VERSION)
@ShortNames("dbtr")
@Categories(ApiConstants.CATEGORY)
@AdditionalPrinterColumn(
    name = "Project",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.projectRef.name")
@AdditionalPrinterColumn(
    name = "Command",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.command")
@AdditionalPrinterColumn(
    name = "Schedule",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1,
    jsonPath = ".spec.schedule")
@AdditionalPrinterColumn(
    name = "Phase",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.phase")
@AdditionalPrinterColumn(
    name = "Done",
    type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".status.progress.done")
@AdditionalPrinterColumn(
    name = "Total",
    type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".status.progress.total")
@AdditionalPrinterColumn(
    name = "Ready",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Reason",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(
    name = "Age",
    type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".metadata.creationTimestamp")
public class DbtRun extends CustomResource<DbtRunSpec, DbtRunStatus> implements Namespaced {
  @Override
  @JsonPropertyDescription("The desired dbt run.")
  public DbtRunSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "The observed state of the latest run, written by the operator from the Job and run_results.json.")
  public DbtRunStatus getStatus() {
    return super.getStatus();
  }
}
