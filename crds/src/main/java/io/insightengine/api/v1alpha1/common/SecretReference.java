package io.insightengine.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A whole Secret in the same namespace, whose keys are documented where it is used. */
public class SecretReference {
  @Required
  @Size(min = 1, max = 253)
  @Pattern(ApiConstants.DNS_SUBDOMAIN)
  @JsonPropertyDescription("Name of the Secret in the same namespace.")
  private String name;

  public SecretReference() {}

  public SecretReference(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
