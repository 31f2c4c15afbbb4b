package io.insightengine.api.v1alpha1.semantic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.insightengine.api.v1alpha1.common.LocalObjectReference;
import java.util.ArrayList;
import java.util.List;

/** Where compiled dbt artifacts come from. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "has(self.configMapRef) != has(self.dbtRunRef)",
    message = "set exactly one of configMapRef or dbtRunRef")
public class DbtArtifactsSpec {
  @JsonPropertyDescription(
      "A ConfigMap holding manifest.json and, optionally, catalog.json (binaryData may be gzipped).")
  private LocalObjectReference configMapRef;

  @JsonPropertyDescription(
      "A DbtRun whose latest successful run's artifacts are compiled (updated on every run).")
  private LocalObjectReference dbtRunRef;

  @Size(max = 100)
  @JsonPropertyDescription(
      "dbt node selectors (tag:..., path:..., model names) of the models to expose; all models"
          + " when empty. Staging models are usually left out.")
  private List<String> select = new ArrayList<>();

  public LocalObjectReference getConfigMapRef() {
    return configMapRef;
  }

  public void setConfigMapRef(LocalObjectReference configMapRef) {
    this.configMapRef = configMapRef;
  }

  public LocalObjectReference getDbtRunRef() {
    return dbtRunRef;
  }

  public void setDbtRunRef(LocalObjectReference dbtRunRef) {
    this.dbtRunRef = dbtRunRef;
  }

  public List<String> getSelect() {
    return select;
  }

  public void setSelect(List<String> select) {
    this.select = select;
  }
}
