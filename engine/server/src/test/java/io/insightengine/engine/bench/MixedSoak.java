package io.insightengine.engine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A mixed soak on loopback: at each concurrency level, workers send, back to back for a fixed time,
 * a mix of questions (/ask), SQL generation (/generate-sql), caller SQL (/sql/execute: the eval
 * suite's gold SQL, and attacks the firewall must refuse) and history reads. Prints per endpoint
 * the statuses seen and p50/p95/p99 latency, the errors (5xx, and 4xx the mix does not expect), and
 * the engine's resident memory before and after (from /proc, given its pid). Run by
 * scripts/soak.sh; not part of the test run.
 */
public final class MixedSoak {
  private record Call(String endpoint, HttpRequest request, boolean attack) {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    if (!List.of("127.0.0.1", "localhost", "[::1]").contains(base.getHost())) {
      throw new IllegalArgumentException("the soak only targets loopback, not " + base.getHost());
    }
    long enginePid = Long.parseLong(args[1]);
    Duration perLevel = Duration.ofSeconds(Long.parseLong(args[2]));
    List<Integer> levels = new ArrayList<>();
    for (String level : args[3].split(",")) {
      levels.add(Integer.parseInt(level.strip()));
    }
    List<Call> mix = mix(base);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    long rssStart = rssKb(enginePid);
    System.out.printf(
        "mixed soak: %d calls in the mix, levels %s, %d s each; engine RSS %,d kB%n",
        mix.size(), levels, perLevel.toSeconds(), rssStart);
    for (int workers : levels) {
      level(client, mix, workers, perLevel);
      System.out.printf("  engine RSS after level %d: %,d kB%n", workers, rssKb(enginePid));
    }
    long rssEnd = rssKb(enginePid);
    System.out.printf(
        "engine RSS %,d kB -> %,d kB (%+.1f%%)%n",
        rssStart, rssEnd, 100.0 * (rssEnd - rssStart) / rssStart);
  }

  private static void level(HttpClient client, List<Call> mix, int workers, Duration duration)
      throws Exception {
    Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
    Map<String, Map<Integer, Integer>> statuses = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    long end = System.nanoTime() + duration.toNanos();
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int offset = w * 7;
      running.add(
          pool.submit(
              () -> {
                for (int i = offset; System.nanoTime() < end; i++) {
                  Call call = mix.get(i % mix.size());
                  long t = System.nanoTime();
                  int status;
                  try {
                    HttpResponse<String> response =
                        client.send(call.request(), HttpResponse.BodyHandlers.ofString());
                    status = response.statusCode();
                  } catch (Exception e) {
                    status = -1;
                    errors.add(call.endpoint() + ": " + e);
                  }
                  latencies
                      .computeIfAbsent(call.endpoint(), k -> new ConcurrentLinkedQueue<>())
                      .add(System.nanoTime() - t);
                  statuses
                      .computeIfAbsent(call.endpoint(), k -> new ConcurrentHashMap<>())
                      .merge(status, 1, Integer::sum);
                  boolean expected = call.attack() ? status == 422 : status == 200 || status == 422;
                  if (!expected && status != -1) {
                    errors.add(call.endpoint() + " answered " + status);
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();
    System.out.printf("level %d workers:%n", workers);
    new TreeMap<>(latencies)
        .forEach(
            (endpoint, nanos) -> {
              long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
              System.out.printf(
                  "  %-22s %6d requests, p50 %7.1f ms, p95 %7.1f ms, p99 %7.1f ms, statuses %s%n",
                  endpoint,
                  sorted.length,
                  sorted[sorted.length / 2] / 1e6,
                  sorted[(int) (sorted.length * 0.95)] / 1e6,
                  sorted[(int) (sorted.length * 0.99)] / 1e6,
                  new TreeMap<>(statuses.get(endpoint)));
            });
    System.out.printf("  errors: %d%n", errors.size());
    errors.stream().distinct().limit(10).forEach(e -> System.out.println("    " + e));
  }

  /** The calls of the mix, from the eval suite: questions, their gold SQL, and some attacks. */
  private static List<Call> mix(URI base) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Call> calls = new ArrayList<>();
    var questions =
        new YAMLMapper()
            .readTree(Path.of("engine/server/src/test/resources/eval/questions.yaml").toFile())
            .path("questions");
    for (var q : questions) {
      String question = q.path("question").asText();
      calls.add(post(base, "/api/v1/ask", json.writeValueAsString(Map.of("question", question))));
      calls.add(
          post(
              base, "/api/v1/generate-sql", json.writeValueAsString(Map.of("question", question))));
      if (q.hasNonNull("gold")) {
        calls.add(
            post(
                base,
                "/api/v1/sql/execute",
                json.writeValueAsString(Map.of("sql", q.path("gold").asText()))));
      }
    }
    String attacks =
        Files.readString(Path.of("engine/core/src/test/resources/sql-firewall/attacks.sql"));
    int taken = 0;
    for (String entry : attacks.split("(?m)^-- ----$")) {
      String sql = entry.replaceAll("(?m)^-- expect:.*$", "").strip();
      if (!sql.isEmpty() && taken++ % 4 == 0 && !sql.contains("\0")) {
        Call c = post(base, "/api/v1/sql/execute", json.writeValueAsString(Map.of("sql", sql)));
        calls.add(new Call(c.endpoint() + " (attack)", c.request(), true));
      }
    }
    for (int i = 0; i < 10; i++) {
      calls.add(
          new Call(
              "/api/v1/sql/history",
              HttpRequest.newBuilder(base.resolve("/api/v1/sql/history?limit=50")).GET().build(),
              false));
    }
    java.util.Collections.shuffle(calls, new java.util.Random(7));
    return calls;
  }

  private static Call post(URI base, String endpoint, String body) {
    return new Call(
        endpoint,
        HttpRequest.newBuilder(base.resolve(endpoint))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        false);
  }

  private static long rssKb(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IllegalStateException("no VmRSS for process " + pid);
  }
}
