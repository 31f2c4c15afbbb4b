package io.insightengine.engine.bundle;

import io.insightengine.api.v1alpha1.semantic.DbtArtifactsSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compiled configuration the engine serves, swapped whole when the bundle directory changes.
 * Each project compiles on its own: one that does not is refused (with its reason) while the others
 * are served.
 *
 * @param revision content hash of the bundle's files (what the operator shows in status)
 * @param refused the bundle's projects that are not served, and why
 * @param dbtSources per project, the {@code spec.dbt} sources its SemanticModels compile from
 */
public record ConfigBundle(
    String revision,
    Instant loadedAt,
    Map<String, ProjectRuntime> projects,
    Map<String, ProjectRefusal> refused,
    Map<String, List<DbtArtifactsSpec>> dbtSources) {
  public Optional<ProjectRuntime> project(String name) {
    return Optional.ofNullable(projects.get(name));
  }

  /** This bundle with {@code project} served in place of its project's runtime. */
  public ConfigBundle withProject(ProjectRuntime project) {
    Map<String, ProjectRuntime> replaced = new java.util.LinkedHashMap<>(projects);
    replaced.put(project.name(), project);
    return new ConfigBundle(revision, loadedAt, Map.copyOf(replaced), refused, dbtSources);
  }

  public Optional<ProjectRefusal> refusal(String name) {
    return Optional.ofNullable(refused.get(name));
  }

  /** The project a request means when it names none: the only one, if there is only one. */
  public Optional<ProjectRuntime> defaultProject() {
    return projects.size() == 1 && refused.isEmpty()
        ? projects.values().stream().findFirst()
        : Optional.empty();
  }

  /** The credentials Secrets of the served projects' datasources. */
  public List<String> credentialSecrets() {
    return projects.values().stream()
        .map(p -> p.project().getSpec().getDatasource().getCredentialsSecret())
        .filter(java.util.Objects::nonNull)
        .map(s -> s.getName())
        .toList();
  }

  /** Every project of the bundle, served or refused, in name order. */
  public List<String> projectNames() {
    return java.util.stream.Stream.concat(projects.keySet().stream(), refused.keySet().stream())
        .sorted()
        .toList();
  }
}
