package io.insightengine.operator.apiserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Helm binary that scripts/helm-binaries.sh built from its Go module, run against the test API
 * server (its kubeconfig) with the chart of this repository.
 */
public record Helm(Path binary) {
  public static final Path CHART = KubeApiServer.repoRoot().resolve("helm/insight-engine");

  /** The built Helm of major version {@code major} (3 or 4). */
  public static Helm major(int major) {
    Path root =
        Path.of(
            System.getProperty(
                "insight.helm.dir",
                System.getProperty("user.home") + "/.cache/insight-engine/helm"));
    try (Stream<Path> versions = Files.list(root)) {
      Path dir =
          versions
              .filter(v -> v.getFileName().toString().startsWith("v" + major + "."))
              .filter(v -> Files.isExecutable(v.resolve("helm")))
              .findFirst()
              .orElseThrow();
      return new Helm(dir.resolve("helm"));
    } catch (IOException | java.util.NoSuchElementException e) {
      throw new IllegalStateException(
          "no Helm " + major + " in " + root + "; build it first: bash scripts/helm-binaries.sh",
          e);
    }
  }

  public Kubectl.Result run(String... args) {
    return runOn(KubeApiServer.get().kubeconfig(), args);
  }

  /** {@code run} against the cluster of {@code kubeconfig}. */
  public Kubectl.Result runOn(Path kubeconfig, String... args) {
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(List.of(args));
    command.add("--kubeconfig=" + kubeconfig);
    return Kubectl.exec(command, Duration.ofMinutes(5));
  }

  /** {@code run}, failing with Helm's output unless it succeeds. */
  public String ok(String... args) {
    Kubectl.Result result = run(args);
    if (result.exitCode() != 0) {
      throw new AssertionError(
          "helm "
              + String.join(" ", args)
              + " exited "
              + result.exitCode()
              + ":\n"
              + result.output());
    }
    return result.output();
  }

  /** A values file with {@code yaml}. */
  public static Path values(String yaml) {
    try {
      Path file = Files.createTempFile("values-", ".yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
