package io.insightengine.engine.bundle;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The engine watches its bundle directory: a valid change is swapped in whole, a broken one is
 * refused while the previous configuration keeps serving, and the error is reported.
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
  void swapsValidChangesAndKeepsServingThroughBrokenOnes() throws Exception {
    ConfigBundle first = holder.current().orElseThrow();
    assertThat(first.project("shop").orElseThrow().maxRows()).isEqualTo(1000);
    Path project = DIR.resolve("10-project.yaml");
    String original = Files.readString(project);

    Files.writeString(project, original.replace("maxRows: 1000", "maxRows: 250"));
    await(() -> holder.current().orElseThrow().project("shop").orElseThrow().maxRows() == 250);
    String changed = holder.current().orElseThrow().revision();
    assertThat(changed).isNotEqualTo(first.revision());

    Files.writeString(project, original.replace("maxRows: 1000", "maxRows: -5"));
    await(() -> holder.lastError().isPresent());
    assertThat(holder.lastError().get()).contains("spec.limits.maxRows");
    assertThat(holder.current().orElseThrow().revision())
        .as("still serving the last good one")
        .isEqualTo(changed);

    Files.writeString(project, original);
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
      try (Stream<Path> files = Files.list(Path.of("../examples/quickstart"))) {
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
