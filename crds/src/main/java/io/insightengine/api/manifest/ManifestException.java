package io.insightengine.api.manifest;

import java.util.List;
import java.util.stream.Collectors;

/** Manifests that cannot be loaded, with every error found (not only the first). */
public class ManifestException extends Exception {
  private final List<ManifestError> errors;

  public ManifestException(List<ManifestError> errors) {
    super(
        errors.size()
            + (errors.size() == 1
                ? " invalid manifest entry:\n  "
                : " invalid manifest entries:\n  ")
            + errors.stream().map(ManifestError::toString).collect(Collectors.joining("\n  ")));
    this.errors = List.copyOf(errors);
  }

  public List<ManifestError> errors() {
    return errors;
  }
}
