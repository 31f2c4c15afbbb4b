package io.insightengine.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A reference to another object in the same namespace, by name. */
public class LocalObjectReference {
  @Required
  @Size(min = 1, max = 63)
  @Pattern(ApiConstants.DNS_LABEL)
  @JsonPropertyDescription("Name of the referenced object in the same namespace.")
  private String name;

  public LocalObjectReference() {}

  public LocalObjectReference(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
