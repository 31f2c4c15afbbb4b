package io.insightengine.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.engine.bundle.ConfigBundleHolder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
  private static final int WARM_UP = 5;

  @Inject ConfigBundleHolder holder;

  @Test
  void reloadTimes() throws Exception {
    assertThat(holder.current().orElseThrow().projects()).hasSize(ManyProjects.PROJECTS);
    int connections =
        holder.current().orElseThrow().projects().values().stream()
            .mapToInt(p -> p.warehouse().maxConnections())
            .sum();
    // Interleaved rounds, so the baseline sees the same machine as what is compared to it.
    int[] unchanged = new int[ROUNDS];
    int[] oneProject = new int[ROUNDS];
    int[] everyPool = new int[ROUNDS];
    for (int round = -WARM_UP; round < ROUNDS; round++) {
      int u = reload();
      String schemas = round % 2 == 0 ? "[mart, public]" : "[mart]";
      write(
          ManyProjects.configDir.resolve("p1.yaml"),
          ManyProjects.project("p1", 5).replace("[mart]", schemas));
      int o = reload();
      int size = round % 2 == 0 ? 4 : 5;
      for (int i = 1; i <= ManyProjects.PROJECTS; i++) {
        write(
            ManyProjects.configDir.resolve("p" + i + ".yaml"), ManyProjects.project("p" + i, size));
      }
      int e = reload();
      if (round >= 0) {
        unchanged[round] = u;
        oneProject[round] = o;
        everyPool[round] = e;
      }
    }
    double base = median(unchanged);
    System.out.printf(
        "[figures] %d projects, pools of 5 (%d connections at most per pod): reload with nothing"
            + " changed %.1f ms; one project's datasource changed %.1f ms (%.2fx); every"
            + " datasource changed, %d pools replaced %.1f ms (%.2fx); medians of %d rounds%n",
        ManyProjects.PROJECTS,
        connections,
        base,
        median(oneProject),
        median(oneProject) / base,
        ManyProjects.PROJECTS,
        median(everyPool),
        median(everyPool) / base,
        ROUNDS);
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

  /** Median in milliseconds of runs given in microseconds. */
  private static double median(int[] micros) {
    int[] sorted = micros.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1000.0;
  }
}
