package io.insightengine.api.v1alpha1.semantic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.insightengine.api.v1alpha1.common.LocalObjectReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The desired semantic model of a project. Entries written here override or extend what is compiled
 * from the dbt source.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "has(self.dbt) || (has(self.models) && size(self.models) > 0)",
    message = "a SemanticModel needs models, a dbt source, or both")
public class SemanticModelSpec {
  @Required
  @JsonPropertyDescription("The Project in this namespace this model describes.")
  private LocalObjectReference projectRef;

  @Size(max = 4096)
  @JsonPropertyDescription("What this part of the warehouse covers.")
  private String description;

  @JsonPropertyDescription(
      "dbt artifacts to compile models, columns, keys, joins and metrics from. Entries under"
          + " models, metrics etc. override compiled entries of the same name.")
  private DbtArtifactsSpec dbt;

  @Size(max = 500)
  @JsonPropertyDescription(
      "Tables (typically dbt marts) that questions may use, with their columns.")
  private List<ModelSpec> models = new ArrayList<>();

  @Size(max = 1000)
  @JsonPropertyDescription("Business metrics built from the models' measures.")
  private List<MetricSpec> metrics = new ArrayList<>();

  @Size(max = 1000)
  @JsonPropertyDescription("How models join: the only joins generated SQL may use.")
  private List<RelationshipSpec> relationships = new ArrayList<>();

  @Size(max = 200)
  @JsonPropertyDescription("Drill paths through dimensions, from coarse to fine.")
  private List<HierarchySpec> hierarchies = new ArrayList<>();

  @Size(max = 2000)
  @JsonPropertyDescription("Business vocabulary: what terms mean, and the SQL they map to.")
  private List<GlossaryTermSpec> glossary = new ArrayList<>();

  @Size(max = 1000)
  @JsonPropertyDescription("Reusable, named conditions such as active_customers.")
  private List<NamedFilterSpec> filters = new ArrayList<>();

  public LocalObjectReference getProjectRef() {
    return projectRef;
  }

  public void setProjectRef(LocalObjectReference projectRef) {
    this.projectRef = projectRef;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public DbtArtifactsSpec getDbt() {
    return dbt;
  }

  public void setDbt(DbtArtifactsSpec dbt) {
    this.dbt = dbt;
  }

  public List<ModelSpec> getModels() {
    return models;
  }

  public void setModels(List<ModelSpec> models) {
    this.models = models;
  }

  public List<MetricSpec> getMetrics() {
    return metrics;
  }

  public void setMetrics(List<MetricSpec> metrics) {
    this.metrics = metrics;
  }

  public List<RelationshipSpec> getRelationships() {
    return relationships;
  }

  public void setRelationships(List<RelationshipSpec> relationships) {
    this.relationships = relationships;
  }

  public List<HierarchySpec> getHierarchies() {
    return hierarchies;
  }

  public void setHierarchies(List<HierarchySpec> hierarchies) {
    this.hierarchies = hierarchies;
  }

  public List<GlossaryTermSpec> getGlossary() {
    return glossary;
  }

  public void setGlossary(List<GlossaryTermSpec> glossary) {
    this.glossary = glossary;
  }

  public List<NamedFilterSpec> getFilters() {
    return filters;
  }

  public void setFilters(List<NamedFilterSpec> filters) {
    this.filters = filters;
  }
}
