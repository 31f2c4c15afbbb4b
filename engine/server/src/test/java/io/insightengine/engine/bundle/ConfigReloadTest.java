package io.insightengine.engine.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.engine.warehouse.Warehouse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine watches its bundle directory: a valid change is swapped in whole (an unchanged
 * datasource keeps its pool), a project whose manifests are broken is refused with its reason, and
 * a file that belongs to no project refuses the whole change while the previous configuration keeps
 * serving.
 */
@QuarkusTest
@TestProfile(ConfigReloadTest.CopyOfQuickstart.class)
class ConfigReloadTest {
  static final Path DIR = copyQuickstart();

  /** Serves a copy of the quickstart that the test may change, polled every 100 ms. */
  public static class CopyOfQuickstart implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("insight.config-dir", DIR.toString(), "insight.config-poll-interval", "100ms");
    }
  }

  @Inject ConfigBundleHolder holder;

  @Test
  void swapsValidChangesRefusesABrokenProjectAndKeepsServingThroughUnreadableFiles()
      throws Exception {
    ConfigBundle first = holder.current().orElseThrow();
    assertThat(first.project("shop").orElseThrow().maxRows()).isEqualTo(1000);
    Path project = DIR.resolve("10-project.yaml");
    String original = Files.readString(project);

    Files.writeString(project, original.replace("maxRows: 1000", "maxRows: 250"));
    await(
        () ->
            holder
                .current()
                .orElseThrow()
                .project("shop")
                .map(p -> p.maxRows() == 250)
                .orElse(false));
    String changed = holder.current().orElseThrow().revision();
    assertThat(changed).isNotEqualTo(first.revision());
    Warehouse pool = holder.current().orElseThrow().project("shop").orElseThrow().warehouse();
    assertThat(pool)
        .as("same datasource, same pool")
        .isSameAs(first.project("shop").orElseThrow().warehouse());

    // A project whose manifest is invalid is not served, and says why.
    Files.writeString(project, original.replace("maxRows: 1000", "maxRows: -5"));
    await(() -> holder.current().orElseThrow().refusal("shop").isPresent());
    ProjectRefusal refusal = holder.current().orElseThrow().refusal("shop").orElseThrow();
    assertThat(refusal.reason()).isEqualTo("InvalidResource");
    assertThat(refusal.message()).contains("spec.limits.maxRows");
    assertThat(holder.current().orElseThrow().project("shop")).isEmpty();

    // A file that belongs to no project (not YAML) refuses the directory: the last good one serves.
    Files.writeString(project, original);
    await(() -> holder.current().orElseThrow().project("shop").isPresent());
    String good = holder.current().orElseThrow().revision();
    Files.writeString(DIR.resolve("99-broken.yaml"), "key: [unclosed");
    await(() -> holder.lastError().isPresent());
    assertThat(holder.lastError().get()).contains("99-broken.yaml").contains("not valid YAML");
    assertThat(holder.current().orElseThrow().revision())
        .as("still serving the last good one")
        .isEqualTo(good);

    Files.delete(DIR.resolve("99-broken.yaml"));
    await(() -> holder.lastError().isEmpty());
    assertThat(holder.current().orElseThrow().project("shop").orElseThrow().maxRows())
        .isEqualTo(1000);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(50);
    }
  }

  private static Path copyQuickstart() {
    try {
      Path dir = Files.createTempDirectory("insight-bundle");
      try (Stream<Path> files = Files.list(Path.of("../../examples/quickstart"))) {
        for (Path file : files.toList()) {
          Files.copy(file, dir.resolve(file.getFileName()));
        }
      }
      return dir;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
