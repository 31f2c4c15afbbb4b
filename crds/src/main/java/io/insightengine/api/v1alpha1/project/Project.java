package io.insightengine.api.v1alpha1.project;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.insightengine.api.v1alpha1.common.ApiConstants;

/** A warehouse, its members and limits, served by one engine. */
@Group(ApiConstants.GROUP)
@Version(ApiConstants.VERSION)
@ShortNames("iproj")
@Categories(ApiConstants.CATEGORY)
@AdditionalPrinterColumn(
    name = "Engine",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.engineRef.name")
@AdditionalPrinterColumn(
    name = "Warehouse",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.datasource.type")
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
public class Project extends CustomResource<ProjectSpec, ProjectStatus> implements Namespaced {
  @Override
  @JsonPropertyDescription("The desired project.")
  public ProjectSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("The observed state of the project, written by the operator.")
  public ProjectStatus getStatus() {
    return super.getStatus();
  }
}
