package io.insightengine.engine.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the element embeddings cost: loading the model (in a fresh JVM: run it alone), embedding a
 * project's elements, a lookup of a phrase not yet cached and of a cached one, and the heap each
 * adds. Prints its figures; run with {@code scripts/bench-embeddings.sh}. Not part of the test
 * suite (no timing asserts).
 */
class ElementEmbeddingsBenchmark {
  private static final int INDEX_ROUNDS = 5;
  private static final int MAX_PHRASES = 400;

  @Test
  void figures() throws Exception {
    long heap0 = heapUsed();
    long rss0 = rssKb();
    long start = System.nanoTime();
    long cpu0 = cpuNanos();
    ElementEmbeddings.SharedModel.get();
    long loadMs = ms(start);
    long loadCpuMs = (cpuNanos() - cpu0) / 1_000_000;
    long heap1 = heapUsed();
    long rss1 = rssKb();
    print(
        "model load %d ms (first in this JVM; %d ms of CPU); heap +%.1f MB, resident memory"
            + " +%.1f MB (ONNX Runtime's session lives outside the heap)",
        loadMs, loadCpuMs, mb(heap1 - heap0), (rss1 - rss0) / 1024.0);

    project(
        "shop", ElementEmbeddingsTest.shop(), Path.of("src/test/resources/eval/questions.yaml"));
    project(
        "logistics",
        ElementEmbeddingsTest.logistics(),
        Path.of("../../dbt/eval/logistics/questions.yaml"));
  }

  private void project(String name, SemanticLayer layer, Path questions) throws Exception {
    List<SemanticLayer.Element> elements = layer.elements();
    int texts = elements.stream().mapToInt(e -> ElementEmbeddings.textsOf(e).size()).sum();
    long[] build = new long[INDEX_ROUNDS];
    ElementEmbeddings built = null;
    long buildCpu0 = cpuNanos();
    for (int i = 0; i < INDEX_ROUNDS; i++) {
      ElementEmbeddings index = new ElementEmbeddings(elements);
      long start = System.nanoTime();
      index.prepareInBackground().get(5, TimeUnit.MINUTES);
      build[i] = System.nanoTime() - start;
      built = index;
    }
    long buildCpuMs = (cpuNanos() - buildCpu0) / 1_000_000 / INDEX_ROUNDS;
    assertThat(built.isReady()).isTrue();
    Arrays.sort(build);
    long heapBefore = heapUsed();
    List<ElementEmbeddings> kept = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ElementEmbeddings index = new ElementEmbeddings(elements);
      index.prepareInBackground().get(5, TimeUnit.MINUTES);
      kept.add(index);
    }
    long indexHeap = (heapUsed() - heapBefore) / kept.size();
    print(
        "%s: %d elements, %d texts; embedding them %d ms (median of %d, min %d ms; %d ms of"
            + " CPU); index heap %.2f MB",
        name,
        elements.size(),
        texts,
        build[INDEX_ROUNDS / 2] / 1_000_000,
        INDEX_ROUNDS,
        build[0] / 1_000_000,
        buildCpuMs,
        mb(indexHeap));

    List<String> phrases = phrases(questions);
    // Warm the JIT on one index, then measure another whose cache is empty.
    phrases.forEach(p -> kept.get(0).nearest(p, 3));
    ElementEmbeddings index = kept.get(1);
    long heapCacheBefore = heapUsed();
    long coldCpu0 = cpuNanos();
    long[] cold = time(index, phrases);
    double coldCpuMs = (cpuNanos() - coldCpu0) / 1e6 / phrases.size();
    long cacheHeap = heapUsed() - heapCacheBefore;
    long[] cached = time(index, phrases);
    long found = phrases.stream().filter(p -> !index.nearest(p, 3).isEmpty()).count();
    print(
        "%s: %d distinct words and word pairs of its questions, %d with a candidate; lookup not"
            + " cached p50 %.2f ms, p99 %.2f ms (%.2f ms of CPU each); cached p50 %.4f ms, p99"
            + " %.4f ms; cache of %d phrases %.2f MB",
        name,
        phrases.size(),
        found,
        pct(cold, 50) / 1e6,
        pct(cold, 99) / 1e6,
        coldCpuMs,
        pct(cached, 50) / 1e6,
        pct(cached, 99) / 1e6,
        index.cachedPhrases(),
        mb(cacheHeap));
    kept.clear();
  }

  private static long[] time(ElementEmbeddings index, List<String> phrases) {
    long[] nanos = new long[phrases.size()];
    for (int i = 0; i < phrases.size(); i++) {
      long start = System.nanoTime();
      index.nearest(phrases.get(i), 3);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  /** Distinct words and adjacent word pairs of a question file's questions. */
  private static List<String> phrases(Path questions) throws IOException {
    JsonNode root = new YAMLMapper().readTree(Files.readString(questions));
    Set<String> phrases = new LinkedHashSet<>();
    for (JsonNode q : root.path("questions")) {
      String[] words = q.path("question").asText().toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
      for (int i = 0; i < words.length; i++) {
        if (words[i].length() > 2) {
          phrases.add(words[i]);
          if (i + 1 < words.length && words[i + 1].length() > 2) {
            phrases.add(words[i] + " " + words[i + 1]);
          }
        }
      }
    }
    return new ArrayList<>(phrases).subList(0, Math.min(MAX_PHRASES, phrases.size()));
  }

  private static double pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static long heapUsed() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** CPU time of the whole process: ONNX Runtime's native threads included. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long rssKb() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("VmRSS:"))
        .map(l -> Long.parseLong(l.replaceAll("\\D+", "")))
        .findFirst()
        .orElse(0L);
  }

  private static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  private static void print(String format, Object... args) {
    System.out.printf("[figures] " + format + "%n", args);
  }
}
