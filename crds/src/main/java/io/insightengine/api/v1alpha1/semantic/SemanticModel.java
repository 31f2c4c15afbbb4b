package io.insightengine.api.v1alpha1.semantic;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.insightengine.api.v1alpha1.common.ApiConstants;

/** What the warehouse means: models, metrics, joins and business vocabulary. */
@Group(ApiConstants.GROUP)
@Version(ApiConstants.VERSION)
@ShortNames("sm")
@Categories(ApiConstants.CATEGORY)
@AdditionalPrinterColumn(
    name = "Project",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.projectRef.name")
@AdditionalPrinterColumn(
    name = "Models",
    type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".status.models")
@AdditionalPrinterColumn(
    name = "Metrics",
    type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".status.metrics")
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
public class SemanticModel extends CustomResource<SemanticModelSpec, SemanticModelStatus>
    implements Namespaced {
  @Override
  @JsonPropertyDescription(
      "The desired semantic model. Entries written here override or extend those compiled from the dbt source.")
  public SemanticModelSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("The observed state of the semantic model, written by the operator.")
  public SemanticModelStatus getStatus() {
    return super.getStatus();
  }
}
