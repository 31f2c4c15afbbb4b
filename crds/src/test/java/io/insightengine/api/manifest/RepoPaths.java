package io.insightengine.api.manifest;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository, for tests that read the committed examples and CRDs. */
public final class RepoPaths {
  private RepoPaths() {}

  public static Path root() {
    String fromMaven = System.getProperty("insight.repo.root");
    Path root = fromMaven != null ? Path.of(fromMaven) : fromWorkingDirectory();
    if (!Files.isDirectory(root.resolve("examples"))) {
      throw new IllegalStateException("cannot find the repository root from " + root);
    }
    return root;
  }

  /**
   * Without the property, the first directory up from the working directory (a module: crds/ or
   * engine/core/ or engine/server/) that holds examples/. The engine server's tests cannot set the
   * property: its configuration refuses unknown insight.* properties.
   */
  private static Path fromWorkingDirectory() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples"))) {
        return dir;
      }
    }
    return start;
  }

  public static Path examples() {
    return root().resolve("examples");
  }
}
