package io.insightengine.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed manifests under {@code src/test/resources/invalid} are refused with exactly the
 * errors their headers expect. The API-server tests read the same files.
 */
class InvalidManifestsTest {
  private final ManifestLoader loader = new ManifestLoader();
  private final JsonSchemaCheck jsonSchema = new JsonSchemaCheck();

  static Stream<InvalidManifest> cases() throws IOException {
    return InvalidManifest.all().stream();
  }

  @Test
  void thereAreEnoughCasesOfEveryLayer() throws IOException {
    List<InvalidManifest> all = InvalidManifest.all();
    assertThat(all).hasSizeGreaterThanOrEqualTo(15);
    assertThat(all).extracting(InvalidManifest::layer).contains("schema", "cel", "metadata");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void loaderRefusesWithTheExpectedErrors(InvalidManifest invalid) {
    ManifestException refused =
        catchThrowableOfType(ManifestException.class, () -> loader.load(List.of(invalid.file())));

    assertThat(refused).as("%s was accepted", invalid.file()).isNotNull();
    List<String> errors = refused.errors().stream().map(ManifestError::toString).toList();
    assertThat(errors).hasSameSizeAs(invalid.expected());
    for (String expected : invalid.expected()) {
      assertThat(errors).anySatisfy(e -> assertThat(e).contains(expected));
    }
    // Every error names the file and the document it is about.
    assertThat(errors).allSatisfy(e -> assertThat(e).startsWith(invalid.file() + ", document 1 ("));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void schemaCasesAreRefusedByAPlainJsonSchemaValidatorToo(InvalidManifest invalid)
      throws IOException {
    if (invalid.layer().equals("schema")) {
      assertThat(jsonSchema.violations(invalid.file())).isNotEmpty();
    } else {
      // CEL and metadata rules are beyond JSON schema: the structure itself must be valid.
      assertThat(jsonSchema.violations(invalid.file())).isEmpty();
    }
  }

  /** One malformed manifest and the errors its header promises. */
  record InvalidManifest(Path file, String layer, List<String> expected) {
    static List<InvalidManifest> all() throws IOException {
      Path dir = Path.of("src/test/resources/invalid");
      try (Stream<Path> files = Files.list(dir)) {
        return files
            .filter(f -> f.toString().endsWith(".yaml"))
            .sorted()
            .map(InvalidManifest::read)
            .toList();
      }
    }

    static InvalidManifest read(Path file) {
      try {
        List<String> header =
            Files.readAllLines(file).stream().takeWhile(l -> l.startsWith("#")).toList();
        List<String> expected =
            header.stream()
                .filter(l -> l.startsWith("# expect: "))
                .map(l -> l.substring("# expect: ".length()))
                .toList();
        String layer =
            header.stream()
                .filter(l -> l.startsWith("# layer: "))
                .map(l -> l.substring("# layer: ".length()).trim())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(file + " has no '# layer:' line"));
        if (expected.isEmpty()) {
          throw new IllegalStateException(file + " has no '# expect:' line");
        }
        return new InvalidManifest(file, layer, expected);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return file.getFileName().toString();
    }
  }
}
