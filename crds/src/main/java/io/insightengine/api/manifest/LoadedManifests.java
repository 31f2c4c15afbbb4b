package io.insightengine.api.manifest;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * The custom resources read from a set of manifest files, in file and document order, and the
 * documents of other API groups that were skipped (such as Secrets kept beside them).
 */
public record LoadedManifests(List<Manifest> manifests, List<Skipped> skipped) {

  /** One custom resource and where it was read from. */
  public record Manifest(String source, int document, HasMetadata resource) {}

  /** A document of another API group. */
  public record Skipped(String source, int document, String apiVersion, String kind) {}

  public LoadedManifests {
    manifests = List.copyOf(manifests);
    skipped = List.copyOf(skipped);
  }

  /** The resources of one kind, e.g. {@code ofType(SemanticModel.class)}. */
  public <T extends HasMetadata> List<T> ofType(Class<T> type) {
    return manifests.stream()
        .map(Manifest::resource)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  public List<HasMetadata> resources() {
    return manifests.stream().map(Manifest::resource).toList();
  }
}
