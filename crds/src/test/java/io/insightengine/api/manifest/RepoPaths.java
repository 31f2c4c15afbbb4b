package io.insightengine.api.manifest;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository, for tests that read the committed examples and CRDs. */
final class RepoPaths {
  private RepoPaths() {}

  static Path root() {
    String fromMaven = System.getProperty("insight.repo.root");
    Path root = fromMaven != null ? Path.of(fromMaven) : Path.of("..").toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("examples"))) {
      throw new IllegalStateException("cannot find the repository root from " + root);
    }
    return root;
  }

  static Path examples() {
    return root().resolve("examples");
  }
}
