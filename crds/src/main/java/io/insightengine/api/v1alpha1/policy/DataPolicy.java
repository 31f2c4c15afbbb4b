package io.insightengine.api.v1alpha1.policy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.insightengine.api.v1alpha1.common.ApiConstants;

/** Row filters and column rules that apply to some users of a project. */
@Group(ApiConstants.GROUP)
@Version(ApiConstants.VERSION)
@ShortNames("dp")
@Categories(ApiConstants.CATEGORY)
@AdditionalPrinterColumn(
    name = "Project",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.projectRef.name")
@AdditionalPrinterColumn(
    name = "Mode",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.mode")
@AdditionalPrinterColumn(
    name = "Priority",
    type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".spec.priority")
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
public class DataPolicy extends CustomResource<DataPolicySpec, DataPolicyStatus>
    implements Namespaced {
  @Override
  @JsonPropertyDescription("The desired data policy.")
  public DataPolicySpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("The observed state of the data policy, written by the operator.")
  public DataPolicyStatus getStatus() {
    return super.getStatus();
  }
}
