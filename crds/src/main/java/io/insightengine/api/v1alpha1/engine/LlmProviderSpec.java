package io.insightengine.api.v1alpha1.engine;

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
import io.insightengine.api.v1alpha1.common.SecretKeyReference;

/** One SQL generator of the chain. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.type == 'offline' || has(self.model)",
    message = "model is required for every provider except offline")
@ValidationRule(
    value = "self.type in ['offline', 'ollama', 'openaiCompatible'] || has(self.apiKeySecret)",
    message = "apiKeySecret is required for openai, anthropic and gemini")
@ValidationRule(
    value = "!(self.type in ['openaiCompatible', 'ollama']) || has(self.baseUrl)",
    message = "baseUrl is required for ollama and openaiCompatible providers")
public class LlmProviderSpec {
  @Required
  @Size(min = 1, max = 63)
  @Pattern(ApiConstants.DNS_LABEL)
  @JsonPropertyDescription("Name of this entry, shown in metrics and in each answer's provenance.")
  private String name;

  @Required
  @JsonPropertyDescription(
      "Provider: offline (deterministic semantic generator, no LLM), openai, anthropic, gemini,"
          + " ollama, or openaiCompatible (any server speaking the OpenAI chat API).")
  private Type type;

  @Size(max = 253)
  @JsonPropertyDescription("Model name at the provider, such as gpt-4o-mini or claude-sonnet-4-5.")
  private String model;

  @Size(max = 2048)
  @Pattern("^https?://.+")
  @JsonPropertyDescription("Base URL of the provider's API; defaults to the vendor's public API.")
  private String baseUrl;

  @JsonPropertyDescription("Secret key holding the provider's API key.")
  private SecretKeyReference apiKeySecret;

  @Pattern(ApiConstants.DURATION)
  @Default("30s")
  @JsonPropertyDescription(
      "Time allowed for one call before falling back to the next provider. Default: 30s.")
  private String timeout;

  @Min(0)
  @Max(5)
  @Default("1")
  @JsonPropertyDescription(
      "Retries of a failed call (with backoff) before falling back. Range: 0 to 5. Default: 1.")
  private Integer maxRetries;

  @Min(0)
  @Max(2)
  @JsonPropertyDescription(
      "Sampling temperature; leave unset for the provider's default. Range: 0 to 2.")
  private Double temperature;

  /** Provider kinds. */
  public enum Type {
    @JsonProperty("offline")
    OFFLINE,
    @JsonProperty("openai")
    OPENAI,
    @JsonProperty("anthropic")
    ANTHROPIC,
    @JsonProperty("gemini")
    GEMINI,
    @JsonProperty("ollama")
    OLLAMA,
    @JsonProperty("openaiCompatible")
    OPENAI_COMPATIBLE
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Type getType() {
    return type;
  }

  public void setType(Type type) {
    this.type = type;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public SecretKeyReference getApiKeySecret() {
    return apiKeySecret;
  }

  public void setApiKeySecret(SecretKeyReference apiKeySecret) {
    this.apiKeySecret = apiKeySecret;
  }

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }

  public Integer getMaxRetries() {
    return maxRetries;
  }

  public void setMaxRetries(Integer maxRetries) {
    this.maxRetries = maxRetries;
  }

  public Double getTemperature() {
    return temperature;
  }

  public void setTemperature(Double temperature) {
    this.temperature = temperature;
  }
}
