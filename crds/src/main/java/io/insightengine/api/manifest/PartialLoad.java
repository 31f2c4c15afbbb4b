package io.insightengine.api.manifest;

import java.util.List;

/**
 * What {@link ManifestLoader#loadDirectoryPartially} read: the valid manifests, and every refused
 * document with the project it names ({@code metadata.name} of a Project, {@code
 * spec.projectRef.name} of the other kinds), or null when it names none (not YAML, no kind ...).
 */
public record PartialLoad(LoadedManifests valid, List<Refused> refused) {
  public PartialLoad {
    refused = List.copyOf(refused);
  }

  /** A refused document. */
  public record Refused(ManifestError error, String project) {}

  /** Errors that no project can be blamed for: the whole directory is in doubt. */
  public List<ManifestError> unattributed() {
    return refused.stream().filter(r -> r.project() == null).map(Refused::error).toList();
  }

  /** The errors of one project's manifests. */
  public List<ManifestError> of(String project) {
    return refused.stream().filter(r -> project.equals(r.project())).map(Refused::error).toList();
  }
}
