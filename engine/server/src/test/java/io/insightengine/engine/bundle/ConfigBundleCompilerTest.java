package io.insightengine.engine.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insightengine.api.dbt.DbtArtifactException;
import io.insightengine.api.dbt.DbtManifestReader;
import io.insightengine.api.dbt.SemanticCompiler;
import io.insightengine.engine.semantic.Lexicon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigBundleCompilerTest {
  private static final Path QUICKSTART = Path.of("../../examples/quickstart");
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
  void anInvalidProjectIsRefusedWithTheLoadersMessage() throws Exception {
    copyQuickstart();
    Files.writeString(
        dir.resolve("10-project.yaml"),
        Files.readString(dir.resolve("10-project.yaml")).replace("type: postgres", "type: oracle"));

    ConfigBundle bundle = compiler.compile(dir);

    assertThat(bundle.projects()).isEmpty();
    assertThat(bundle.refusal("shop").orElseThrow().message())
        .contains(
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

    ProjectRefusal refusal = compiler.compile(dir).refusal("shop").orElseThrow();
    assertThat(refusal.reason()).isEqualTo("NoSemanticModel");
  }

  @Test
  void oneBrokenProjectDoesNotStopTheOthers() throws Exception {
    copyQuickstart();
    // A second project, whose only SemanticModel names a column type the schema refuses.
    Files.writeString(
        dir.resolve("60-second-project.yaml"),
        Files.readString(dir.resolve("10-project.yaml")).replace("name: shop", "name: second"));
    Files.writeString(
        dir.resolve("61-second-model.yaml"),
        """
        apiVersion: insight-engine.io/v1alpha1
        kind: SemanticModel
        metadata:
          name: second-model
        spec:
          projectRef:
            name: second
          models:
            - name: things
              table: marts.fct_orders
              primaryKey: 42
        """);

    ConfigBundle bundle = compiler.compile(dir);

    assertThat(bundle.projects()).containsOnlyKeys("shop");
    assertThat(bundle.refusal("second").orElseThrow().reason()).isEqualTo("InvalidResource");
    assertThat(bundle.refusal("second").orElseThrow().message())
        .contains("61-second-model.yaml")
        .contains("SemanticModel second-model");
    assertThat(bundle.projectNames()).containsExactly("second", "shop");
  }

  @Test
  void aFileThatBelongsToNoProjectRefusesTheDirectory() throws Exception {
    copyQuickstart();
    Files.writeString(dir.resolve("99-broken.yaml"), "kind: [");

    assertThatThrownBy(() -> compiler.compile(dir))
        .isInstanceOf(ConfigBundleCompiler.InvalidBundle.class)
        .hasMessageContaining("99-broken.yaml")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void aSemanticModelWithADbtSourceIsCompiledFromItAndItsOwnEntriesWin() throws Exception {
    copyQuickstart();
    // The committed compiled model is replaced by one that names the dbt artifacts.
    Files.delete(dir.resolve("15-shop-dbt.semantic.yaml"));
    Files.writeString(
        dir.resolve("15-shop-from-dbt.yaml"),
        """
        apiVersion: insight-engine.io/v1alpha1
        kind: SemanticModel
        metadata:
          name: shop-from-dbt
        spec:
          projectRef:
            name: shop
          dbt:
            configMapRef:
              name: shop-dbt-artifacts
            select: [path:models/marts]
          models:
            - name: daily_sales
              synonyms: [takings per day]
        """);
    List<String> compiledFor = new ArrayList<>();
    ConfigBundleCompiler withDbt =
        new ConfigBundleCompiler(
            (project, spec) -> {
              compiledFor.add(project + ":" + spec.getConfigMapRef().getName() + spec.getSelect());
              try {
                return new SemanticCompiler()
                    .compile(
                        new DbtManifestReader()
                            .read(
                                Path.of("../../dbt/artifacts/manifest.json"),
                                Path.of("../../dbt/artifacts/catalog.json")),
                        spec.getSelect());
              } catch (DbtArtifactException e) {
                throw new AssertionError(e);
              }
            });

    ProjectRuntime shop = withDbt.compile(dir).project("shop").orElseThrow();

    assertThat(compiledFor).containsExactly("shop:shop-dbt-artifacts[path:models/marts]");
    assertThat(shop.semantics().lexicon().lookup("takings per day"))
        .as("the SemanticModel's own entries are laid over what its dbt source compiles to")
        .contains(new Lexicon.ModelRef("daily_sales"));
    assertThat(shop.semantics().tables()).contains("marts.fct_orders");
    assertThat(compiler.compile(dir).refusal("shop").orElseThrow().reason())
        .as("without the artifacts the project is not served")
        .isEqualTo("DbtArtifactsMissing");
  }

  private void copyQuickstart() throws Exception {
    try (Stream<Path> files = Files.list(QUICKSTART)) {
      for (Path file : files.toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
  }
}
