package io.insightengine.operator.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.project.Project;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery step of a dbt Job, run with Python as the dbt image runs it, against a local HTTP
 * server in the engine's place: it posts the manifest to the project's endpoint, names the DbtRun,
 * and carries the engine's bearer token.
 */
class DbtArtifactsDeliveryTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void theManifestGoesToTheProjectsEndpointNamingTheDbtRun(@TempDir Path dir) throws Exception {
    DbtRun run =
        YAML.readValue(
            "apiVersion: insight-engine.io/v1alpha1\nkind: DbtRun\nmetadata:\n  name: nightly-build\n"
                + "  namespace: analytics\n  generation: 1\nspec:\n  projectRef:\n    name: shop\n"
                + "  source:\n    image:\n      name: dbt:1\n",
            DbtRun.class);
    Project project =
        YAML.readValue(
            "apiVersion: insight-engine.io/v1alpha1\nkind: Project\nmetadata:\n  name: shop\n"
                + "  namespace: analytics\nspec:\n  engineRef:\n    name: insight\n  datasource:\n"
                + "    type: postgres\n    host: pg\n    database: shop\n    credentialsSecret:\n"
                + "      name: reader\n",
            Project.class);
    var env = DbtJobs.podTemplate(run, project).getSpec().getContainers().get(0).getEnv();
    Map<String, String> literal = new java.util.HashMap<>();
    env.stream()
        .filter(e -> e.getValue() != null)
        .forEach(e -> literal.put(e.getName(), e.getValue()));
    assertThat(literal)
        .containsEntry("INSIGHT_DBT_RUN", "nightly-build")
        .containsEntry("INSIGHT_PROJECT", "shop")
        .containsEntry("INSIGHT_ENGINE_URL", "http://insight.analytics.svc:80");

    List<String> requests = new CopyOnWriteArrayList<>();
    Process process = deliver(dir, List.of(), requests);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(requests)
        .containsExactly(
            "202 POST /internal/v1/projects/shop/dbt-artifacts?dbtRun=nightly-build Bearer t0ken"
                + " {\"nodes\":{}}");
    assertThat(Files.readString(dir.resolve("delivered.json"))).contains("sha256-def");
  }

  /** Runs the delivery step against an engine answering these statuses in turn (then 202). */
  private static Process deliver(Path dir, List<Integer> statuses, List<String> requests)
      throws Exception {
    java.util.concurrent.atomic.AtomicInteger call =
        new java.util.concurrent.atomic.AtomicInteger();
    HttpServer engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    engine.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int n = call.getAndIncrement();
          int status = n < statuses.size() ? statuses.get(n) : 202;
          requests.add(
              status
                  + " "
                  + exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + body);
          byte[] answer =
              (status == 202 ? "{\"revision\":\"sha256-def\"}" : "{\"title\":\"refused\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    engine.start();
    try {
      Files.createDirectories(dir.resolve("target"));
      Files.writeString(dir.resolve("target/manifest.json"), "{\"nodes\":{}}");
      ProcessBuilder deliver =
          new ProcessBuilder("python3", "-c", DbtJobs.DELIVER.replace("/workspace", dir.toString()))
              .directory(dir.toFile())
              .redirectErrorStream(true);
      deliver
          .environment()
          .putAll(
              Map.of(
                  "INSIGHT_ENGINE_URL", "http://127.0.0.1:" + engine.getAddress().getPort(),
                  "INSIGHT_PROJECT", "shop",
                  "INSIGHT_DBT_RUN", "nightly-build",
                  "INSIGHT_INTERNAL_TOKEN", "t0ken"));
      Process process = deliver.start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return process;
    } finally {
      engine.stop(0);
    }
  }

  @Test
  void anEngineThatDoesNotServeTheProjectYetIsAskedAgain(@TempDir Path dir) throws Exception {
    List<String> requests = new CopyOnWriteArrayList<>();
    Process process = deliver(dir, List.of(404, 503), requests);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(requests).extracting(r -> r.substring(0, 3)).containsExactly("404", "503", "202");
    assertThat(output).contains("the engine answered 404").contains("trying again");
    assertThat(Files.readString(dir.resolve("delivered.json"))).contains("sha256-def");
    assertThat(dir.resolve("delivery-error.txt")).doesNotExist();
  }

  @Test
  void aRefusalEndsTheDeliveryAndTheSummarySaysWhy(@TempDir Path dir) throws Exception {
    List<String> requests = new CopyOnWriteArrayList<>();
    Process process = deliver(dir, List.of(401), requests);
    assertThat(process.exitValue()).isNotZero();
    assertThat(requests).extracting(r -> r.substring(0, 3)).containsExactly("401");
    assertThat(dir.resolve("delivered.json")).doesNotExist();
    assertThat(Files.readString(dir.resolve("delivery-error.txt")))
        .startsWith("the engine answered 401");

    // The summary the operator reads carries the reason next to dbt's counts.
    Files.writeString(
        dir.resolve("target/run_results.json"),
        "{\"results\": [{\"unique_id\": \"model.shop.fct_orders\", \"status\": \"success\"}]}");
    Path termination = dir.resolve("termination-log");
    Process summarize =
        new ProcessBuilder(
                "python3",
                "-c",
                DbtJobs.SUMMARIZE
                    .replace("/workspace", dir.toString())
                    .replace("/dev/termination-log", termination.toString()))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(summarize.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(summarize.exitValue()).isZero();
    var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(termination.toFile());
    assertThat(summary.path("models").path("passed").asInt()).isEqualTo(1);
    assertThat(summary.path("deliveryError").asText()).startsWith("the engine answered 401");
    assertThat(summary.has("artifactsRevision")).isFalse();
  }
}
