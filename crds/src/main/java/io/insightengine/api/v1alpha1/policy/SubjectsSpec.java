package io.insightengine.api.v1alpha1.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.insightengine.api.v1alpha1.project.MemberSpec.ProjectRole;
import java.util.ArrayList;
import java.util.List;

/** The principals a policy applies to. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value =
        "(has(self.roles) && size(self.roles) > 0) || (has(self.groups) && size(self.groups) > 0)"
            + " || (has(self.users) && size(self.users) > 0)",
    message = "subjects needs at least one role, group or user")
public class SubjectsSpec {
  @Size(max = 3)
  @JsonPropertyDescription("Project roles the policy applies to: admin, analyst, viewer.")
  private List<ProjectRole> roles = new ArrayList<>();

  @Size(max = 100)
  @JsonPropertyDescription("Groups (from the token's groups claim) the policy applies to.")
  private List<String> groups = new ArrayList<>();

  @Size(max = 500)
  @JsonPropertyDescription("Users the policy applies to.")
  private List<String> users = new ArrayList<>();

  public List<ProjectRole> getRoles() {
    return roles;
  }

  public void setRoles(List<ProjectRole> roles) {
    this.roles = roles;
  }

  public List<String> getGroups() {
    return groups;
  }

  public void setGroups(List<String> groups) {
    this.groups = groups;
  }

  public List<String> getUsers() {
    return users;
  }

  public void setUsers(List<String> users) {
    this.users = users;
  }
}
