package io.insightengine.api.v1alpha1.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** What the engine reports for one project of its bundle. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EngineProjectStatus {
  @JsonPropertyDescription("The Project's name.")
  private String name;

  @JsonPropertyDescription(
      "Serving (questions are answered), Refused (the engine rejected its configuration) or"
          + " Unavailable (configured, but its warehouse cannot be reached).")
  private String state;

  @JsonPropertyDescription("One-word CamelCase reason the engine gives.")
  private String reason;

  @JsonPropertyDescription("The engine's explanation.")
  private String message;

  public EngineProjectStatus() {}

  public EngineProjectStatus(String name, String state, String reason, String message) {
    this.name = name;
    this.state = state;
    this.reason = reason;
    this.message = message;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EngineProjectStatus p
        && Objects.equals(name, p.name)
        && Objects.equals(state, p.state)
        && Objects.equals(reason, p.reason)
        && Objects.equals(message, p.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, state, reason, message);
  }
}
