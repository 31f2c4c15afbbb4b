package io.insightengine.engine.dbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insightengine.api.dbt.SemanticCompiler;
import io.insightengine.api.manifest.BundleDirectory;
import io.insightengine.api.v1alpha1.common.LocalObjectReference;
import io.insightengine.api.v1alpha1.semantic.DbtArtifactsSpec;
import io.insightengine.engine.resources.CoreManifests;
import io.insightengine.engine.resources.SecretStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code spec.dbt.configMapRef} artifacts come from: a mounted ConfigMap directory (a
 * cluster), plain or gzipped, else a {@code kind: ConfigMap} manifest of the config directory
 * (standalone); a missing one says where it was looked for.
 */
class DbtSourcesTest {
  private static final Path MANIFEST = Path.of("../../dbt/artifacts/manifest.json");

  @TempDir Path dir;

  private static DbtArtifactsSpec configMap(String name, String... select) {
    DbtArtifactsSpec spec = new DbtArtifactsSpec();
    spec.setConfigMapRef(new LocalObjectReference(name));
    spec.setSelect(List.of(select));
    return spec;
  }

  @Test
  void aMountedConfigMapIsReadPlainOrGzipped() throws Exception {
    Path mounted = dir.resolve("mounted");
    Files.createDirectories(mounted.resolve("plain"));
    Files.copy(MANIFEST, mounted.resolve("plain/manifest.json"));
    Files.createDirectories(mounted.resolve("zipped"));
    Files.write(
        mounted.resolve("zipped/manifest.json.gz"),
        BundleDirectory.gzip(Files.readString(MANIFEST)));
    DbtSources sources = new DbtSources(Optional.of(mounted), store(), null);

    SemanticCompiler.Result plain =
        sources.compile("shop", configMap("plain", "path:models/marts"));
    SemanticCompiler.Result zipped =
        sources.compile("shop", configMap("zipped", "path:models/marts"));

    assertThat(plain.spec().getModels()).hasSizeGreaterThan(5);
    assertThat(zipped.revision()).isEqualTo(plain.revision());
    assertThat(sources.fingerprint(List.of(configMap("plain"))))
        .as("a new manifest in the mounted ConfigMap is noticed")
        .contains("manifest.json");
  }

  @Test
  void aConfigMapManifestOfTheConfigDirectoryIsReadStandalone() throws Exception {
    Files.writeString(
        dir.resolve("artifacts.yaml"),
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: shop-dbt
        binaryData:
          manifest.json.gz: %s
        """
            .formatted(
                Base64.getEncoder()
                    .encodeToString(BundleDirectory.gzip(Files.readString(MANIFEST)))));
    SecretStore store = store();
    store.use(CoreManifests.read(dir));

    SemanticCompiler.Result result =
        new DbtSources(Optional.empty(), store, null)
            .compile("shop", configMap("shop-dbt", "path:models/marts"));

    assertThat(result.spec().getModels()).hasSizeGreaterThan(5);
  }

  @Test
  void aMissingConfigMapSaysWhereItWasLookedFor() {
    DbtSources sources = new DbtSources(Optional.of(dir.resolve("mounted")), store(), null);

    assertThatThrownBy(() -> sources.compile("shop", configMap("nope")))
        .isInstanceOf(DbtSources.Unavailable.class)
        .hasMessageContaining("ConfigMap nope not found")
        .hasMessageContaining(dir.resolve("mounted").toString())
        .extracting(e -> ((DbtSources.Unavailable) e).reason())
        .isEqualTo("DbtArtifactsMissing");
  }

  private static SecretStore store() {
    return new SecretStore(Optional.empty());
  }
}
