package io.insightengine.engine.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigBundleCompilerTest {
  private static final Path QUICKSTART = Path.of("../examples/quickstart");
  private final ConfigBundleCompiler compiler = new ConfigBundleCompiler();

  @TempDir Path dir;

  @Test
  void compilesTheQuickstartIntoOneProject() throws Exception {
    ConfigBundle bundle = compiler.compile(QUICKSTART);

    assertThat(bundle.projects()).containsOnlyKeys("shop");
    ProjectRuntime shop = bundle.defaultProject().orElseThrow();
    assertThat(shop.semantics().model("orders")).isPresent();
    assertThat(shop.policies()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(shop.trainingPairs()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(shop.maxRows()).isEqualTo(1000);
  }

  @Test
  void theRevisionIsAContentHash() throws Exception {
    copyQuickstart();
    String before = ConfigBundleCompiler.revision(dir);
    assertThat(ConfigBundleCompiler.revision(dir)).isEqualTo(before);

    Files.writeString(
        dir.resolve("10-project.yaml"),
        Files.readString(dir.resolve("10-project.yaml")).replace("maxRows: 1000", "maxRows: 500"));

    assertThat(ConfigBundleCompiler.revision(dir)).isNotEqualTo(before);
    assertThat(compiler.compile(dir).defaultProject().orElseThrow().maxRows()).isEqualTo(500);
  }

  @Test
  void anInvalidBundleIsRefusedWithTheLoadersMessage() throws Exception {
    copyQuickstart();
    Files.writeString(
        dir.resolve("10-project.yaml"),
        Files.readString(dir.resolve("10-project.yaml")).replace("type: postgres", "type: oracle"));

    assertThatThrownBy(() -> compiler.compile(dir))
        .isInstanceOf(ConfigBundleCompiler.InvalidBundle.class)
        .hasMessageContaining(
            "10-project.yaml, document 1 (Project shop): spec.datasource.type: Unsupported value: \"oracle\"");
  }

  @Test
  void aProjectWithoutSemanticModelIsRefused() throws Exception {
    copyQuickstart();
    Files.delete(dir.resolve("20-semantic-model.yaml"));
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".semantic.yaml"))
          .forEach(f -> f.toFile().delete());
    }

    assertThatThrownBy(() -> compiler.compile(dir)).hasMessage("project shop has no SemanticModel");
  }

  private void copyQuickstart() throws Exception {
    try (Stream<Path> files = Files.list(QUICKSTART)) {
      for (Path file : files.toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
  }
}
