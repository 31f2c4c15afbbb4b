package io.insightengine.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleDirectoryTest {
  @Test
  void aMountedConfigMapIsReadOnceThroughItsSymlinks(@TempDir Path mount) throws IOException {
    // The kubelet's layout: files in a hidden timestamped directory, ..data pointing at it, and one
    // symlink per key at the top.
    Path data = Files.createDirectory(mount.resolve("..2026_11_24_00_00_00.1"));
    Files.writeString(data.resolve("project-shop.yaml"), "kind: Project\n");
    Files.writeString(data.resolve("semanticmodel-shop.yaml"), "kind: SemanticModel\n");
    Files.createSymbolicLink(mount.resolve("..data"), data.getFileName());
    for (String key : new String[] {"project-shop.yaml", "semanticmodel-shop.yaml"}) {
      Files.createSymbolicLink(mount.resolve(key), Path.of("..data", key));
    }

    assertThat(BundleDirectory.manifestFiles(mount))
        .extracting(p -> mount.relativize(p).toString())
        .containsExactly("project-shop.yaml", "semanticmodel-shop.yaml");
    // The engine reading the mount and the operator hashing what it wrote agree.
    assertThat(BundleDirectory.revision(mount))
        .isEqualTo(
            BundleDirectory.revision(
                Map.of(
                    "semanticmodel-shop.yaml", bytes("kind: SemanticModel\n"),
                    "project-shop.yaml", bytes("kind: Project\n"))));
  }

  @Test
  void theRevisionChangesWithANameOrAContent() {
    String base = BundleDirectory.revision(Map.of("a.yaml", bytes("x")));
    assertThat(BundleDirectory.revision(Map.of("b.yaml", bytes("x")))).isNotEqualTo(base);
    assertThat(BundleDirectory.revision(Map.of("a.yaml", bytes("y")))).isNotEqualTo(base);
    // Boundaries count: moving a byte from name to content is a different bundle.
    assertThat(BundleDirectory.revision(Map.of("a.yamlx", bytes(""))))
        .isNotEqualTo(BundleDirectory.revision(Map.of("a.yaml", bytes("x"))));
    assertThat(base).hasSize(16).isEqualTo(BundleDirectory.revision(Map.of("a.yaml", bytes("x"))));
  }

  @Test
  void gzippedManifestsAreReadAsText(@TempDir Path dir) throws Exception {
    String yaml = "kind: Project\nmetadata:\n  name: shop\n";
    byte[] gz = BundleDirectory.gzip(yaml);
    assertThat(gz).isEqualTo(BundleDirectory.gzip(yaml)); // deterministic: revisions are stable
    Files.write(dir.resolve("project-shop.yaml.gz"), gz);
    assertThat(BundleDirectory.manifestFiles(dir)).hasSize(1);
    assertThat(BundleDirectory.readText(dir.resolve("project-shop.yaml.gz"))).isEqualTo(yaml);
    assertThat(BundleDirectory.revision(dir))
        .isEqualTo(BundleDirectory.revision(Map.of("project-shop.yaml.gz", gz)));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
