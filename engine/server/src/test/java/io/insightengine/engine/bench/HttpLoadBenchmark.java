package io.insightengine.engine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop load generator on loopback: N workers send requests back to back for a fixed time,
 * first to a trivial endpoint of the same engine (the liveness probe: the HTTP stack's own cost),
 * then to POST /api/v1/generate-sql with the eval suite's questions. Prints p50/p99 latency and
 * requests per second of both, and their ratio. Run by scripts/bench-engine.sh against a running
 * engine; bounded in time and sends only to the given loopback URL.
 */
public final class HttpLoadBenchmark {
  public static void main(String[] args) throws Exception {
    URI base = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8080");
    if (!List.of("127.0.0.1", "localhost", "[::1]").contains(base.getHost())) {
      throw new IllegalArgumentException("benchmarks only target loopback, not " + base.getHost());
    }
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Duration duration = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 15);
    List<String> questions = new ArrayList<>();
    new YAMLMapper()
        .readTree(Path.of("engine/server/src/test/resources/eval/questions.yaml").toFile())
        .path("questions")
        .forEach(q -> questions.add(q.path("question").asText()));
    ObjectMapper json = new ObjectMapper();
    List<HttpRequest> generate = new ArrayList<>();
    for (String q : questions) {
      generate.add(
          HttpRequest.newBuilder(base.resolve("/api/v1/generate-sql"))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      json.writeValueAsString(Map.of("question", q))))
              .build());
    }
    HttpRequest trivial = HttpRequest.newBuilder(base.resolve("/health/live")).GET().build();

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    run(client, List.of(trivial), workers, Duration.ofSeconds(3)); // warm-up
    run(client, generate, workers, Duration.ofSeconds(5));
    Result baseline = run(client, List.of(trivial), workers, duration);
    Result measured = run(client, generate, workers, duration);
    System.out.printf("workers %d, %d s each, loopback %s%n", workers, duration.toSeconds(), base);
    System.out.println("trivial endpoint (GET /health/live): " + baseline);
    System.out.println("POST /api/v1/generate-sql:           " + measured);
    System.out.printf(
        "ratio generate-sql / trivial: p50 %.2fx, throughput %.2fx%n",
        measured.p50() / baseline.p50(), measured.rps() / baseline.rps());
    System.out.println("server side, mean per request since start: " + serverMeans(client, base));
    System.out.printf(
        "goal: generate-sql p50 under 5 ms -> %s%n", measured.p50() < 5 ? "met" : "NOT met");
  }

  /**
   * The engine's own account from /metrics (means over every request since it started, warm-up
   * included): the whole generate-sql request, and each pipeline stage. The gap between the two is
   * request handling (HTTP, JSON, filters); the gap to the client's figure is the loopback and the
   * load generator sharing the machine.
   */
  static String serverMeans(HttpClient client, URI base) throws Exception {
    String metrics =
        client
            .send(
                HttpRequest.newBuilder(base.resolve("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, double[]> sums = new java.util.LinkedHashMap<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "^(?:insight_pipeline_stage_seconds|http_server_requests_seconds)_(sum|count)"
                    + "\\{[^}]*(?:stage|uri)=\"([^\"]+)\"[^}]*} (\\S+)$",
                java.util.regex.Pattern.MULTILINE)
            .matcher(metrics);
    while (m.find()) {
      if (m.group(2).startsWith("/") && !m.group(2).equals("/api/v1/generate-sql")) {
        continue;
      }
      double[] sumCount = sums.computeIfAbsent(m.group(2), k -> new double[2]);
      sumCount[m.group(1).equals("sum") ? 0 : 1] += Double.parseDouble(m.group(3));
    }
    StringBuilder out = new StringBuilder();
    sums.forEach(
        (name, sc) -> out.append(String.format("%s %.2f ms, ", name, 1000 * sc[0] / sc[1])));
    return out.length() == 0 ? "(no metrics)" : out.substring(0, out.length() - 2);
  }

  /** Latency percentiles (ms), throughput and errors of one run. */
  record Result(double p50, double p99, double rps, int requests, int errors) {
    @Override
    public String toString() {
      return String.format(
          "p50 %.2f ms, p99 %.2f ms, %.0f req/s (%d requests, %d errors)",
          p50, p99, rps, requests, errors);
    }
  }

  static Result run(HttpClient client, List<HttpRequest> requests, int workers, Duration duration)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    long end = System.nanoTime() + duration.toNanos();
    AtomicInteger errors = new AtomicInteger();
    List<Future<List<Long>>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int w = 0; w < workers; w++) {
      int offset = w;
      futures.add(
          pool.submit(
              () -> {
                List<Long> latencies = new ArrayList<>();
                for (int i = offset; System.nanoTime() < end; i++) {
                  long t = System.nanoTime();
                  HttpResponse<Void> response =
                      client.send(
                          requests.get(i % requests.size()),
                          HttpResponse.BodyHandlers.discarding());
                  latencies.add(System.nanoTime() - t);
                  if (response.statusCode() >= 300) {
                    errors.incrementAndGet();
                  }
                }
                return latencies;
              }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> f : futures) {
      all.addAll(f.get());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return new Result(
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) (sorted.length * 0.99)] / 1e6,
        sorted.length / seconds,
        sorted.length,
        errors.get());
  }
}
