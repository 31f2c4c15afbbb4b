package io.insightengine.api.v1alpha1.training;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.insightengine.api.v1alpha1.common.ApiConstants;

/** A curated question with the SQL that answers it, used to answer similar questions. */
@Group(ApiConstants.GROUP)
@Version(ApiConstants.VERSION)
@ShortNames("tp")
@Categories(ApiConstants.CATEGORY)
@AdditionalPrinterColumn(
    name = "Project",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.projectRef.name")
@AdditionalPrinterColumn(
    name = "Question",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1,
    jsonPath = ".spec.question")
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
public class TrainingPair extends CustomResource<TrainingPairSpec, TrainingPairStatus>
    implements Namespaced {
  @Override
  @JsonPropertyDescription("The desired training pair.")
  public TrainingPairSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("The observed state of the training pair, written by the operator.")
  public TrainingPairStatus getStatus() {
    return super.getStatus();
  }
}
