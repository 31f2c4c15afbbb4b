package io.insightengine.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.policy.DataPolicySpec;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every committed example loads, and survives the trip through the Java types unchanged. */
class ExampleManifestsTest {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ManifestLoader loader = new ManifestLoader();

  static Stream<Path> exampleDirectories() throws IOException {
    try (Stream<Path> dirs = Files.list(RepoPaths.examples())) {
      return dirs.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  @Test
  void quickstartDeclaresACompleteProject() throws Exception {
    LoadedManifests quickstart = loader.loadDirectory(RepoPaths.examples().resolve("quickstart"));

    assertThat(quickstart.ofType(InsightEngine.class)).hasSize(1);
    assertThat(quickstart.ofType(Project.class)).hasSize(1);
    // One SemanticModel compiled from dbt (reviewed and committed), one hand-written over it.
    assertThat(quickstart.ofType(SemanticModel.class)).hasSize(2);
    assertThat(quickstart.ofType(DataPolicy.class)).hasSizeGreaterThanOrEqualTo(2);
    assertThat(quickstart.ofType(TrainingPair.class)).hasSizeGreaterThanOrEqualTo(10);
    assertThat(quickstart.ofType(DbtRun.class)).hasSize(1);

    SemanticModel model =
        quickstart.ofType(SemanticModel.class).stream()
            .filter(m -> m.getMetadata().getName().equals("shop-warehouse"))
            .findFirst()
            .orElseThrow();
    assertThat(model.getSpec().getMetrics()).isNotEmpty();
    assertThat(model.getSpec().getGlossary()).isNotEmpty();
    assertThat(model.getSpec().getModels())
        .extracting(m -> m.getTable())
        .contains(
            "marts.dim_customers",
            "marts.dim_products",
            "marts.fct_orders",
            "marts.fct_order_items",
            "marts.fct_payments",
            "marts.fct_support_tickets");
    assertThat(model.getSpec().getModels())
        .anySatisfy(m -> assertThat(m.getSynonyms()).isNotEmpty());
  }

  @Test
  void quickstartPoliciesCoverRegionalRowsAndMaskedPiiForViewers() throws Exception {
    List<DataPolicy> policies =
        loader.loadDirectory(RepoPaths.examples().resolve("quickstart")).ofType(DataPolicy.class);

    assertThat(policies)
        .anySatisfy(
            p ->
                assertThat(p.getSpec().getRowFilters())
                    .anySatisfy(f -> assertThat(f.getPredicate()).contains("${user.region}")));
    assertThat(policies)
        .anySatisfy(
            p -> {
              assertThat(p.getSpec().getSubjects().getRoles())
                  .extracting(Enum::name)
                  .contains("VIEWER");
              assertThat(p.getSpec().getColumnRules())
                  .anySatisfy(r -> assertThat(r.getAction().name()).isEqualTo("MASK"));
            });
  }

  @Test
  void multiProjectSharesOneEngineBetweenTwoProjects() throws Exception {
    LoadedManifests multi = loader.loadDirectory(RepoPaths.examples().resolve("multi-project"));

    assertThat(multi.ofType(InsightEngine.class)).hasSize(1);
    String engine = multi.ofType(InsightEngine.class).get(0).getMetadata().getName();
    assertThat(multi.ofType(Project.class))
        .hasSize(2)
        .allSatisfy(p -> assertThat(p.getSpec().getEngineRef().getName()).isEqualTo(engine));
    assertThat(multi.skipped()).extracting(LoadedManifests.Skipped::kind).containsOnly("Secret");
  }

  @Test
  void schemaDefaultsAreAppliedLikeTheApiServerDoes() throws Exception {
    LoadedManifests multi = loader.loadDirectory(RepoPaths.examples().resolve("multi-project"));
    DataPolicy policy =
        multi.ofType(DataPolicy.class).stream()
            .filter(p -> p.getMetadata().getName().equals("sales-managers-no-emails"))
            .findFirst()
            .orElseThrow();

    assertThat(policy.getSpec().getMode()).isEqualTo(DataPolicySpec.Mode.Enforce);
    assertThat(policy.getSpec().getPriority()).isEqualTo(100);
    Project sales =
        multi.ofType(Project.class).stream()
            .filter(p -> p.getMetadata().getName().equals("sales"))
            .findFirst()
            .orElseThrow();
    assertThat(sales.getSpec().getRouting()).isNull(); // no parent object, no defaults below it
    assertThat(sales.getSpec().getLimits().getMaxRows()).isEqualTo(5000);
  }

  @ParameterizedTest
  @MethodSource("exampleDirectories")
  void everyExampleMatchesTheGeneratedSchema(Path directory) throws IOException {
    JsonSchemaCheck jsonSchema = new JsonSchemaCheck();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        assertThat(jsonSchema.violations(file)).as("%s", file).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("exampleDirectories")
  void everyValueSurvivesTheJavaTypes(Path directory) throws Exception {
    LoadedManifests loaded = loader.loadDirectory(directory);
    assertThat(loaded.manifests()).isNotEmpty();

    for (LoadedManifests.Manifest manifest : loaded.manifests()) {
      JsonNode original = document(Path.of(manifest.source()), manifest.document());
      JsonNode written = JSON.valueToTree(manifest.resource());
      List<String> lost = new ArrayList<>();
      collectLost(original, written, "", lost);
      assertThat(lost)
          .as("values of %s document %d lost or changed", manifest.source(), manifest.document())
          .isEmpty();

      // Written back as YAML and read again, the object is the same.
      String yaml = YAML.writeValueAsString(manifest.resource());
      HasMetadata reread = loader.load("rewritten", yaml).resources().get(0);
      assertThat((JsonNode) JSON.valueToTree(reread)).isEqualTo(written);
    }
  }

  private static JsonNode document(Path file, int number) throws IOException {
    try (var documents = YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
      for (int i = 1; documents.hasNextValue(); i++) {
        JsonNode node = (JsonNode) documents.nextValue();
        if (i == number) {
          return node;
        }
      }
    }
    throw new IllegalStateException("no document " + number + " in " + file);
  }

  /** Lists the paths of {@code original} whose value is missing or different in {@code written}. */
  private static void collectLost(
      JsonNode original, JsonNode written, String path, List<String> lost) {
    if (original.isObject()) {
      for (Map.Entry<String, JsonNode> field : iterable(original)) {
        JsonNode value = written == null ? null : written.get(field.getKey());
        collectLost(field.getValue(), value, path + "." + field.getKey(), lost);
      }
    } else if (original.isArray()) {
      for (int i = 0; i < original.size(); i++) {
        collectLost(
            original.get(i), written == null ? null : written.get(i), path + "[" + i + "]", lost);
      }
    } else if (written == null || !sameScalar(original, written)) {
      lost.add(path + ": " + original + " became " + written);
    }
  }

  private static boolean sameScalar(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }
}
