package io.insightengine.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.engine.bundle.ConfigBundleHolder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * Reload time with {@value ManyProjects#PROJECTS} projects, each on its own warehouse: a change to
 * one project (all pools kept), a change to every datasource (every pool replaced), against a
 * baseline of a reload with nothing changed, measured in the same run. Prints its figures; run with
 * {@code scripts/bench-reload.sh}. Not part of the test suite (no timing asserts).
 */
@QuarkusTest
@QuarkusTestResource(value = ManyProjects.class, restrictToAnnotatedClass = true)
class ProjectReloadBenchmark {
  private static final int ROUNDS = 15;

  @Inject ConfigBundleHolder holder;

  @Test
  void reloadTimes() throws Exception {
    assertThat(holder.current().orElseThrow().projects()).hasSize(ManyProjects.PROJECTS);
    Path one = ManyProjects.configDir.resolve("p1.yaml");
    double unchanged = median(() -> reload());
    int[] round = {0};
    double oneProject =
        median(
            () -> {
              write(
                  one,
                  ManyProjects.project("p1", 5)
                      .replace("[mart]", "[mart" + (round[0]++ % 2 == 0 ? ", public" : "") + "]"));
              return reload();
            });
    double everyPool =
        median(
            () -> {
              int size = 3 + round[0]++ % 2;
              for (int i = 1; i <= ManyProjects.PROJECTS; i++) {
                write(
                    ManyProjects.configDir.resolve("p" + i + ".yaml"),
                    ManyProjects.project("p" + i, size));
              }
              return reload();
            });
    int connections =
        holder.current().orElseThrow().projects().values().stream()
            .mapToInt(p -> p.warehouse().maxConnections())
            .sum();
    System.out.printf(
        "[figures] %d projects, %d pooled connections at most per pod: reload unchanged %.1f ms;"
            + " one project changed %.1f ms (%.2fx); every datasource changed %.1f ms (%.2fx)%n",
        ManyProjects.PROJECTS,
        connections,
        unchanged,
        oneProject,
        oneProject / unchanged,
        everyPool,
        everyPool / unchanged);
  }

  private int reload() {
    long start = System.nanoTime();
    assertThat(holder.reload()).isTrue();
    return (int) ((System.nanoTime() - start) / 1000);
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Median in milliseconds of ROUNDS runs after 3 warm-up runs. */
  private static double median(IntSupplier micros) {
    for (int i = 0; i < 3; i++) {
      micros.getAsInt();
    }
    int[] runs = new int[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      runs[i] = micros.getAsInt();
    }
    Arrays.sort(runs);
    return runs[ROUNDS / 2] / 1000.0;
  }
}
