package io.insightengine.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.insightengine.operator.apiserver.ApiServerTest;
import io.insightengine.operator.apiserver.KubeApiServer;
import io.insightengine.operator.apiserver.Kubectl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRDs on a real API server: what the foundation's loader promises about the examples and the
 * malformed manifests holds where it matters, in kube-apiserver's own schema and CEL validation.
 */
class CrdApiServerTest extends ApiServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Duration KUBECTL_TIMEOUT = Duration.ofSeconds(60);

  /** One document of an example file. */
  record Example(Path file, int document, GenericKubernetesResource resource) {
    @Override
    public String toString() {
      return KubeApiServer.repoRoot().relativize(file) + "#" + document + " " + resource.getKind();
    }
  }

  static Stream<Example> examples() throws IOException {
    List<Example> all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(KubeApiServer.repoRoot().resolve("examples"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        int document = 0;
        for (JsonNode node :
            YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class).readAll()) {
          if (node != null && !node.isEmpty()) {
            all.add(
                new Example(
                    file, ++document, JSON.treeToValue(node, GenericKubernetesResource.class)));
          }
        }
      }
    }
    return all.stream();
  }

  @Test
  void everyExampleDirectoryHasManifests() throws IOException {
    assertThat(examples().map(e -> e.resource().getKind()).distinct())
        .contains(
            "InsightEngine", "Project", "SemanticModel", "DataPolicy", "TrainingPair", "DbtRun");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void theApiServerAcceptsEveryExampleAsWritten(Example example) {
    GenericKubernetesResource applied =
        client
            .resource(example.resource())
            .inNamespace(namespace)
            .fieldValidation(Validation.STRICT)
            .fieldManager("insight-engine-tests")
            .serverSideApply();

    assertThat(applied.getMetadata().getUid()).isNotBlank();
    if (!example.resource().getApiVersion().startsWith("insight-engine.io/")) {
      return; // a Secret: stringData is write-only
    }
    // Stored as written: nothing pruned (the schema knows every field the example uses); the
    // server may only add what the schema defaults.
    JsonNode sent = JSON.valueToTree(example.resource().getAdditionalProperties());
    JsonNode stored = JSON.valueToTree(applied.getAdditionalProperties());
    assertContains(stored, sent, "");
  }

  static Stream<InvalidManifest> invalidManifests() throws IOException {
    return InvalidManifest.all().stream();
  }

  @ParameterizedTest
  @MethodSource("invalidManifests")
  void theApiServerRefusesEveryMalformedManifestWithTheExpectedMessage(InvalidManifest invalid) {
    KubernetesClientException refused =
        catchThrowableOfType(
            KubernetesClientException.class,
            () ->
                client
                    .resource(invalid.resource())
                    .inNamespace(namespace)
                    .fieldValidation(Validation.STRICT)
                    .create());

    assertThat(refused).as("%s was accepted", invalid).isNotNull();
    assertThat(refused.getCode()).as(refused.getMessage()).isIn(400, 422);
    for (String expected : invalid.expected()) {
      assertThat(refused.getMessage()).as(invalid.toString()).contains(expected);
    }
  }

  @Test
  void statusIsASubresource() {
    GenericKubernetesResource engine = minimalEngine("status-check");
    engine.setAdditionalProperty("status", Map.of("observedGeneration", 7));
    GenericKubernetesResource created = client.resource(engine).inNamespace(namespace).create();
    // Status sent with the object is dropped: only the status subresource writes it.
    assertThat(created.getAdditionalProperties()).doesNotContainKey("status");

    created.setAdditionalProperty("status", Map.of("observedGeneration", 1));
    GenericKubernetesResource withStatus =
        client.resource(created).inNamespace(namespace).updateStatus();
    assertThat(
            JSON.valueToTree(withStatus.getAdditionalProperties())
                .at("/status/observedGeneration")
                .asInt())
        .isEqualTo(1);
    long generation = withStatus.getMetadata().getGeneration();
    assertThat(generation).isEqualTo(created.getMetadata().getGeneration());

    // A spec change bumps the generation; the status it carries is ignored.
    GenericKubernetesResource changed =
        client
            .resource(withStatus)
            .inNamespace(namespace)
            .edit(
                r -> {
                  ((Map<String, Object>) r.getAdditionalProperties().get("spec"))
                      .put("replicas", 2);
                  r.setAdditionalProperty("status", Map.of("observedGeneration", 99));
                  return r;
                });
    assertThat(changed.getMetadata().getGeneration()).isEqualTo(generation + 1);
    assertThat(
            JSON.valueToTree(changed.getAdditionalProperties())
                .at("/status/observedGeneration")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void serverSideApplyTracksOwnersAndRefusesConflicts() {
    GenericKubernetesResource engine = minimalEngine("applied");
    client.resource(engine).inNamespace(namespace).fieldManager("platform-team").serverSideApply();

    // Re-applying with a change is an update by the same manager.
    ((Map<String, Object>) engine.getAdditionalProperties().get("spec")).put("replicas", 2);
    GenericKubernetesResource updated =
        client
            .resource(engine)
            .inNamespace(namespace)
            .fieldManager("platform-team")
            .serverSideApply();
    assertThat(JSON.valueToTree(updated.getAdditionalProperties()).at("/spec/replicas").asInt())
        .isEqualTo(2);
    assertThat(updated.getMetadata().getManagedFields())
        .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("platform-team"));

    // Another manager changing a field the first one owns conflicts unless it forces.
    GenericKubernetesResource other = minimalEngine("applied");
    ((Map<String, Object>) other.getAdditionalProperties().get("spec")).put("replicas", 3);
    KubernetesClientException conflict =
        catchThrowableOfType(
            KubernetesClientException.class,
            () ->
                client
                    .resource(other)
                    .inNamespace(namespace)
                    .fieldManager("someone-else")
                    .serverSideApply());
    assertThat(conflict).isNotNull();
    assertThat(conflict.getCode()).isEqualTo(409);
    assertThat(conflict.getMessage()).contains("conflict").contains(".spec.replicas");
  }

  @Test
  void kubectlGetShowsThePrinterColumns() throws IOException {
    for (Example example : examples().toList()) {
      if (example.resource().getApiVersion().startsWith("insight-engine.io/")) {
        client
            .resource(example.resource())
            .inNamespace(namespace)
            .fieldManager("t")
            .serverSideApply();
      }
    }
    List<CustomResourceDefinition> crds =
        client.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
            .filter(c -> c.getSpec().getGroup().equals("insight-engine.io"))
            .toList();
    assertThat(crds).hasSize(6);
    for (CustomResourceDefinition crd : crds) {
      String plural = crd.getSpec().getNames().getPlural();
      Kubectl.Result get = apiServer.kubectl(KUBECTL_TIMEOUT, "get", plural, "-n", namespace);
      assertThat(get.exitCode()).as(get.output()).isZero();
      String header = get.output().lines().findFirst().orElse("");
      List<String> expected = new ArrayList<>(List.of("NAME"));
      for (CustomResourceColumnDefinition column :
          crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns()) {
        if (column.getPriority() == null || column.getPriority() == 0) {
          expected.add(column.getName().toUpperCase(Locale.ROOT));
        }
      }
      assertThat(expected).as("%s has printer columns", plural).hasSizeGreaterThan(2);
      assertThat(header.split("\\s{2,}")).as(plural).containsExactlyInAnyOrderElementsOf(expected);
      // Every applied example of this kind is listed, one line each.
      assertThat(get.output().lines().count()).isGreaterThan(1);
    }
  }

  @Test
  void kubectlServerSideDryRunOfTheQuickstartPasses() {
    Kubectl.Result dryRun =
        apiServer.kubectl(
            KUBECTL_TIMEOUT,
            "apply",
            "--dry-run=server",
            "--server-side",
            "-n",
            namespace,
            "-f",
            "examples/quickstart");
    assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
    assertThat(dryRun.output()).contains("serverside-applied (server dry run)");
    // Dry run: nothing was stored.
    assertThat(
            client
                .genericKubernetesResources("insight-engine.io/v1alpha1", "Project")
                .inNamespace(namespace)
                .list()
                .getItems())
        .isEmpty();
  }

  private static GenericKubernetesResource minimalEngine(String name) {
    try {
      return YAML.readValue(
          "apiVersion: insight-engine.io/v1alpha1\n"
              + "kind: InsightEngine\n"
              + "metadata:\n  name: "
              + name
              + "\nspec:\n  replicas: 1\n",
          GenericKubernetesResource.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every field of {@code expected} is in {@code actual} with the same value. */
  private static void assertContains(JsonNode actual, JsonNode expected, String path) {
    if (expected.isObject()) {
      assertThat(actual.isObject()).as("%s is an object", path).isTrue();
      expected
          .fields()
          .forEachRemaining(
              f -> {
                assertThat(actual.has(f.getKey())).as("%s/%s was kept", path, f.getKey()).isTrue();
                assertContains(actual.get(f.getKey()), f.getValue(), path + "/" + f.getKey());
              });
    } else if (expected.isArray()) {
      assertThat(actual.size()).as("%s has all its items", path).isEqualTo(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertContains(actual.get(i), expected.get(i), path + "/" + i);
      }
    } else if (expected.isNumber() && actual.isNumber()) {
      assertThat(actual.decimalValue()).as(path).isEqualByComparingTo(expected.decimalValue());
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }

  /** A malformed manifest of the foundation issue and the errors its header promises. */
  record InvalidManifest(Path file, String layer, List<String> expected) {
    static List<InvalidManifest> all() throws IOException {
      Path dir = KubeApiServer.repoRoot().resolve("crds/src/test/resources/invalid");
      List<InvalidManifest> all = new ArrayList<>();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
          List<String> header =
              Files.readAllLines(file).stream().takeWhile(l -> l.startsWith("#")).toList();
          all.add(
              new InvalidManifest(
                  file, value(header, "# layer:").get(0), value(header, "# expect:")));
        }
      }
      return all;
    }

    private static List<String> value(List<String> header, String prefix) {
      return header.stream()
          .filter(l -> l.startsWith(prefix))
          .map(l -> l.substring(prefix.length()).trim())
          .toList();
    }

    GenericKubernetesResource resource() {
      try {
        return YAML.readValue(file.toFile(), GenericKubernetesResource.class);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return file.getFileName() + " (" + layer + ")";
    }
  }
}
