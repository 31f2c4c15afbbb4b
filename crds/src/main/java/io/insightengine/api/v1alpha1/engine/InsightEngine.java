package io.insightengine.api.v1alpha1.engine;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.insightengine.api.v1alpha1.common.ApiConstants;

/** A deployment of the engine that serves the NL-to-SQL API for its projects. */
@Group(ApiConstants.GROUP)
@Version(ApiConstants.VERSION)
@ShortNames("ie")
@Categories(ApiConstants.CATEGORY)
@AdditionalPrinterColumn(
    name = "Ready",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Reason",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(
    name = "Replicas",
    type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".status.readyReplicas")
@AdditionalPrinterColumn(
    name = "Revision",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.bundleRevision")
@AdditionalPrinterColumn(
    name = "Served",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.servedRevision")
@AdditionalPrinterColumn(
    name = "Age",
    type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".metadata.creationTimestamp")
public class InsightEngine extends CustomResource<InsightEngineSpec, InsightEngineStatus>
    implements Namespaced {
  @Override
  @JsonPropertyDescription("The desired engine deployment.")
  public InsightEngineSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("The observed state of the engine deployment, written by the operator.")
  public InsightEngineStatus getStatus() {
    return super.getStatus();
  }
}
