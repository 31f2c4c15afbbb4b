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
    HttpServer engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    engine.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + body);
          byte[] answer = "{\"revision\":\"sha256-abc\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
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
                  "INSIGHT_ENGINE_URL",
                  "http://127.0.0.1:" + engine.getAddress().getPort(),
                  "INSIGHT_PROJECT",
                  literal.get("INSIGHT_PROJECT"),
                  "INSIGHT_DBT_RUN",
                  literal.get("INSIGHT_DBT_RUN"),
                  "INSIGHT_INTERNAL_TOKEN",
                  "t0ken"));
      Process process = deliver.start();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as(output).isZero();
    } finally {
      engine.stop(0);
    }
    assertThat(requests)
        .containsExactly(
            "POST /internal/v1/projects/shop/dbt-artifacts?dbtRun=nightly-build Bearer t0ken"
                + " {\"nodes\":{}}");
    assertThat(Files.readString(dir.resolve("delivered.json"))).contains("sha256-abc");
  }
}
