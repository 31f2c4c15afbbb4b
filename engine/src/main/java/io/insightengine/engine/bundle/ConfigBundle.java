package io.insightengine.engine.bundle;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The compiled configuration the engine serves, swapped whole when the bundle directory changes.
 *
 * @param revision content hash of the bundle's files (what the operator shows in status)
 */
public record ConfigBundle(
    String revision, Instant loadedAt, Map<String, ProjectRuntime> projects) {
  public Optional<ProjectRuntime> project(String name) {
    return Optional.ofNullable(projects.get(name));
  }

  /** The project a request means when it names none: the only one, if there is only one. */
  public Optional<ProjectRuntime> defaultProject() {
    return projects.size() == 1 ? projects.values().stream().findFirst() : Optional.empty();
  }
}
