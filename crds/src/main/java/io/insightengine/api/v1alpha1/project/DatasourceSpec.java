package io.insightengine.api.v1alpha1.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.insightengine.api.v1alpha1.common.ApiConstants;
import io.insightengine.api.v1alpha1.common.SecretReference;
import java.util.ArrayList;
import java.util.List;

/** A warehouse connection. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "(has(self.embedded) && self.embedded) != has(self.host)",
    message = "set exactly one of host (an external warehouse) or embedded: true")
@ValidationRule(
    value = "(has(self.embedded) && self.embedded) || has(self.credentialsSecret)",
    message = "credentialsSecret is required for an external warehouse")
@ValidationRule(
    value = "!(has(self.embedded) && self.embedded) || self.type == 'postgres'",
    message = "the embedded warehouse is PostgreSQL")
public class DatasourceSpec {
  @Required
  @JsonPropertyDescription("Warehouse engine: postgres, or clickhouse (phase 2).")
  private Type type;

  @JsonPropertyDescription(
      "Use the engine's embedded demo PostgreSQL warehouse (development only) instead of host.")
  private Boolean embedded;

  @Size(max = 253)
  @Pattern("^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?$")
  @JsonPropertyDescription("Host name of the warehouse.")
  private String host;

  @Min(1)
  @Max(65535)
  @JsonPropertyDescription(
      "Port; defaults to 5432 for postgres and 8123 for clickhouse. Range: 1 to 65535.")
  private Integer port;

  @Size(max = 63)
  @Pattern("^[A-Za-z_][A-Za-z0-9_$-]*$")
  @JsonPropertyDescription("Database name.")
  private String database;

  @Size(max = 16)
  @JsonPropertyDescription(
      "Schemas the semantic model's tables live in, searched in order: the engine's connections"
          + " use them as PostgreSQL search_path, so unqualified table names resolve there.")
  private List<String> schemas = new ArrayList<>();

  @JsonPropertyDescription(
      "Secret with the keys username and password of a role that may only SELECT the modelled"
          + " tables: the database is the security boundary.")
  private SecretReference credentialsSecret;

  @Default("prefer")
  @JsonPropertyDescription(
      "TLS mode: disable, prefer, require, verify-ca or verify-full. Default: prefer.")
  private SslMode sslMode;

  @Min(1)
  @Max(100)
  @Default("5")
  @JsonPropertyDescription(
      "Most connections each engine pod opens to this warehouse (the project's own pool); a"
          + " request waits up to connectTimeout for a free one. Range: 1 to 100. Default: 5.")
  private Integer maxConnections;

  @Pattern(ApiConstants.DURATION)
  @Default("10s")
  @JsonPropertyDescription(
      "How long opening a connection, or waiting for a free one in the pool, may take before the"
          + " project answers 503 (warehouse unavailable). Default: 10s.")
  private String connectTimeout;

  /** Warehouse engines. */
  public enum Type {
    @JsonProperty("postgres")
    POSTGRES,
    @JsonProperty("clickhouse")
    CLICKHOUSE
  }

  /** libpq TLS modes. */
  public enum SslMode {
    @JsonProperty("disable")
    DISABLE,
    @JsonProperty("prefer")
    PREFER,
    @JsonProperty("require")
    REQUIRE,
    @JsonProperty("verify-ca")
    VERIFY_CA,
    @JsonProperty("verify-full")
    VERIFY_FULL
  }

  public Integer getMaxConnections() {
    return maxConnections;
  }

  public void setMaxConnections(Integer maxConnections) {
    this.maxConnections = maxConnections;
  }

  public String getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(String connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Type getType() {
    return type;
  }

  public void setType(Type type) {
    this.type = type;
  }

  public Boolean getEmbedded() {
    return embedded;
  }

  public void setEmbedded(Boolean embedded) {
    this.embedded = embedded;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public String getDatabase() {
    return database;
  }

  public void setDatabase(String database) {
    this.database = database;
  }

  public List<String> getSchemas() {
    return schemas;
  }

  public void setSchemas(List<String> schemas) {
    this.schemas = schemas;
  }

  public SecretReference getCredentialsSecret() {
    return credentialsSecret;
  }

  public void setCredentialsSecret(SecretReference credentialsSecret) {
    this.credentialsSecret = credentialsSecret;
  }

  public SslMode getSslMode() {
    return sslMode;
  }

  public void setSslMode(SslMode sslMode) {
    this.sslMode = sslMode;
  }
}
