package io.insightengine.operator.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.insightengine.api.manifest.BundleDirectory;
import io.insightengine.api.manifest.LoadedManifests;
import io.insightengine.api.manifest.ManifestLoader;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import io.insightengine.operator.validation.ResourceValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart assembled into a bundle, plain and gzipped, and read back by the engine's loader.
 */
class ConfigBundleAssemblerTest {
  private static BundleResources quickstart() throws Exception {
    LoadedManifests loaded =
        new ManifestLoader()
            .loadDirectory(
                io.insightengine.operator.apiserver.KubeApiServer.repoRoot()
                    .resolve("examples/quickstart"));
    return new BundleResources(
        loaded.ofType(InsightEngine.class),
        loaded.ofType(Project.class),
        loaded.ofType(SemanticModel.class),
        loaded.ofType(DataPolicy.class),
        loaded.ofType(TrainingPair.class),
        Set.of());
  }

  @Test
  void aSmallBundleIsPlainText() throws Exception {
    BundleResources in = quickstart();
    var bundle =
        new ConfigBundleAssembler(new ResourceValidator()).assemble(in.engines().get(0), in);
    assertThat(bundle.gzipped()).isFalse();
    assertThat(bundle.files()).hasSize(19);
    assertThat(bundle.invalid()).isZero();
  }

  @Test
  void aLargeBundleIsGzippedAndReadsBackTheSame(@TempDir Path mount) throws Exception {
    BundleResources in = quickstart();
    var plain =
        new ConfigBundleAssembler(new ResourceValidator()).assemble(in.engines().get(0), in);
    var gzipped =
        new ConfigBundleAssembler(new ResourceValidator(), 1024).assemble(in.engines().get(0), in);
    assertThat(gzipped.gzipped()).isTrue();
    assertThat(gzipped.files()).isEqualTo(plain.files());
    assertThat(gzipped.revision()).isNotEqualTo(plain.revision());

    // What the ConfigMap dependent stores, as the kubelet would write it out.
    Map<String, String> binary = new java.util.TreeMap<>();
    gzipped.stored().forEach((key, gz) -> binary.put(key, Base64.getEncoder().encodeToString(gz)));
    assertThat(binary.keySet()).allMatch(key -> key.endsWith(".yaml.gz"));
    ConfigMap map = new ConfigMapBuilder().withBinaryData(binary).build();
    long storedBytes =
        binary.values().stream().mapToLong(v -> Base64.getDecoder().decode(v).length).sum();
    long plainBytes = plain.files().values().stream().mapToLong(String::length).sum();
    assertThat(storedBytes).isLessThan(plainBytes);
    for (Map.Entry<String, String> e : binary.entrySet()) {
      Files.write(mount.resolve(e.getKey()), Base64.getDecoder().decode(e.getValue()));
    }
    LoadedManifests loaded = new ManifestLoader().loadDirectory(mount);
    assertThat(loaded.ofType(TrainingPair.class)).hasSize(in.trainingPairs().size());
    assertThat(BundleDirectory.revision(mount)).isEqualTo(gzipped.revision());
    assertThat(ConfigBundleAssembler.storedFiles(map)).isEqualTo(plain.files().keySet());
    assertThat(ConfigBundleAssembler.storedManifest(map, "project-shop.yaml"))
        .isEqualTo(plain.files().get("project-shop.yaml"));
  }

  @Test
  void manifestsKeepLabelsAndUserAnnotationsButNotWhatKubernetesWrites() throws Exception {
    BundleResources in = quickstart();
    SemanticModel generated =
        in.semanticModels().stream()
            .filter(m -> m.getMetadata().getName().equals("shop-dbt"))
            .findFirst()
            .orElseThrow();
    generated
        .getMetadata()
        .setAnnotations(
            new java.util.HashMap<>(
                Map.of(
                    "kubectl.kubernetes.io/last-applied-configuration",
                    "{\"password\":\"x\"}",
                    "deployment.kubernetes.io/revision",
                    "3",
                    "insight-engine.io/owner",
                    "data-platform")));
    var bundle =
        new ConfigBundleAssembler(new ResourceValidator()).assemble(in.engines().get(0), in);
    String manifest = bundle.files().get("semanticmodel-shop-dbt.yaml");
    assertThat(manifest)
        .contains("insight-engine.io/generated-from: dbt")
        .contains("insight-engine.io/owner: data-platform")
        .doesNotContain("last-applied-configuration")
        .doesNotContain("deployment.kubernetes.io");
    // The engine's loader reads the label back: the merge order it decides on holds.
    Path dir = Files.createTempDirectory("bundle");
    bundle.files().forEach((f, c) -> write(dir.resolve(f), c));
    SemanticModel loaded =
        new ManifestLoader()
            .loadDirectory(dir).ofType(SemanticModel.class).stream()
                .filter(m -> m.getMetadata().getName().equals("shop-dbt"))
                .findFirst()
                .orElseThrow();
    assertThat(loaded.getMetadata().getLabels())
        .containsEntry("insight-engine.io/generated-from", "dbt");
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
