package io.insightengine.api.v1alpha1.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.insightengine.api.v1alpha1.common.LocalObjectReference;
import java.util.ArrayList;
import java.util.List;

/** The desired state of a project. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ProjectSpec {
  @Required
  @JsonPropertyDescription("The InsightEngine in this namespace that serves the project.")
  private LocalObjectReference engineRef;

  @Size(max = 253)
  @JsonPropertyDescription("Name shown to users; defaults to metadata.name.")
  private String displayName;

  @Size(max = 4096)
  @JsonPropertyDescription("What the project's data is about, shown to users and given to LLMs.")
  private String description;

  @Required
  @JsonPropertyDescription("The warehouse that questions are answered from.")
  private DatasourceSpec datasource;

  @JsonPropertyDescription(
      "Where queries run when a secondary (analytical) warehouse is configured.")
  private RoutingSpec routing;

  @Size(max = 500)
  @JsonPropertyDescription(
      "Who may use the project and with which role. Admins manage policies and approve training"
          + " data; analysts ask questions and flag answers; viewers ask questions.")
  private List<MemberSpec> members = new ArrayList<>();

  @JsonPropertyDescription("Limits applied to every query and user of the project.")
  private LimitsSpec limits;

  public LocalObjectReference getEngineRef() {
    return engineRef;
  }

  public void setEngineRef(LocalObjectReference engineRef) {
    this.engineRef = engineRef;
  }

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public DatasourceSpec getDatasource() {
    return datasource;
  }

  public void setDatasource(DatasourceSpec datasource) {
    this.datasource = datasource;
  }

  public RoutingSpec getRouting() {
    return routing;
  }

  public void setRouting(RoutingSpec routing) {
    this.routing = routing;
  }

  public List<MemberSpec> getMembers() {
    return members;
  }

  public void setMembers(List<MemberSpec> members) {
    this.members = members;
  }

  public LimitsSpec getLimits() {
    return limits;
  }

  public void setLimits(LimitsSpec limits) {
    this.limits = limits;
  }
}
