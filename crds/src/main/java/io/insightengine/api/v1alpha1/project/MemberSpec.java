package io.insightengine.api.v1alpha1.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A user or a group, and the role it has in the project. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.user) != has(self.group)",
    message = "a member names exactly one of user or group")
public class MemberSpec {
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("User name or e-mail, as in the token's subject or preferred_username.")
  private String user;

  @Size(min = 1, max = 253)
  @JsonPropertyDescription("Group name, as in the token's groups claim.")
  private String group;

  @Required
  @JsonPropertyDescription("Role in the project: admin, analyst or viewer.")
  private ProjectRole role;

  /** Roles of a project member, from most to least privileged. */
  public enum ProjectRole {
    @JsonProperty("admin")
    ADMIN,
    @JsonProperty("analyst")
    ANALYST,
    @JsonProperty("viewer")
    VIEWER
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getGroup() {
    return group;
  }

  public void setGroup(String group) {
    this.group = group;
  }

  public ProjectRole getRole() {
    return role;
  }

  public void setRole(ProjectRole role) {
    this.role = role;
  }
}
