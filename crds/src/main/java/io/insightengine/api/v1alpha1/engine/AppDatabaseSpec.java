package io.insightengine.api.v1alpha1.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import io.insightengine.api.v1alpha1.common.SecretReference;

/** The engine's own database. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.type == 'embedded' || has(self.credentialsSecret)",
    message = "credentialsSecret is required when type is postgres")
@ValidationRule(
    value = "self.type == 'postgres' || !has(self.credentialsSecret)",
    message = "credentialsSecret applies only when type is postgres")
public class AppDatabaseSpec {
  @Default("embedded")
  @JsonPropertyDescription(
      "embedded: a PostgreSQL started inside the engine pod, for development only (data is lost"
          + " with the pod); postgres: an external PostgreSQL given by credentialsSecret. Default: embedded.")
  private Type type;

  @JsonPropertyDescription(
      "Secret with the keys jdbcUrl, username and password of the external PostgreSQL.")
  private SecretReference credentialsSecret;

  @Min(1)
  @Max(200)
  @Default("10")
  @JsonPropertyDescription(
      "Maximum number of connections each engine pod opens to it. Range: 1 to 200. Default: 10.")
  private Integer maxPoolSize;

  /** Kind of app database. */
  public enum Type {
    @JsonProperty("embedded")
    EMBEDDED,
    @JsonProperty("postgres")
    POSTGRES
  }

  public Type getType() {
    return type;
  }

  public void setType(Type type) {
    this.type = type;
  }

  public SecretReference getCredentialsSecret() {
    return credentialsSecret;
  }

  public void setCredentialsSecret(SecretReference credentialsSecret) {
    this.credentialsSecret = credentialsSecret;
  }

  public Integer getMaxPoolSize() {
    return maxPoolSize;
  }

  public void setMaxPoolSize(Integer maxPoolSize) {
    this.maxPoolSize = maxPoolSize;
  }
}
