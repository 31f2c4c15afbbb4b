package io.insightengine.api.manifest;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository, for tests that read the committed examples and CRDs. */
public final class RepoPaths {
  private RepoPaths() {}

  public static Path root() {
    String fromMaven = System.getProperty("insight.repo.root");
    Path root = fromMaven != null ? Path.of(fromMaven) : Path.of("..").toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("examples"))) {
      throw new IllegalStateException("cannot find the repository root from " + root);
    }
    return root;
  }

  public static Path examples() {
    return root().resolve("examples");
  }
}
