package io.insightengine.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRD YAML committed under crds/yaml and in the Helm chart is exactly what this build generates
 * from the Java types. Refresh it with {@code ./mvnw -pl crds -Pupdate-crds process-classes}.
 */
class CommittedCrdsAreFreshTest {
  private static final Path GENERATED = Path.of("target/classes/META-INF/fabric8");

  @ParameterizedTest
  @ValueSource(strings = {"crds.committed.dir", "crds.helm.dir"})
  void committedCopyMatchesTheGeneratedCrds(String property) throws IOException {
    Path committed = Path.of(System.getProperty(property));
    List<String> generated = crdFiles(GENERATED);
    assertThat(generated).hasSize(CrdSchemas.KINDS.size());
    assertThat(crdFiles(committed))
        .as(
            "CRD files in %s; refresh with ./mvnw -pl crds -Pupdate-crds process-classes",
            committed)
        .containsExactlyElementsOf(generated);
    for (String file : generated) {
      assertThat(Files.readString(committed.resolve(file)))
          .as(
              "%s is stale; refresh with ./mvnw -pl crds -Pupdate-crds process-classes",
              committed.resolve(file))
          .isEqualTo(Files.readString(GENERATED.resolve(file)));
    }
  }

  private static List<String> crdFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith("-v1.yml"))
          .sorted()
          .toList();
    }
  }
}
