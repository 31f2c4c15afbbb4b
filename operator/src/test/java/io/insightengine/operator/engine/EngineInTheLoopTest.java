package io.insightengine.operator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.operator.apiserver.ApiServerTest;
import io.insightengine.operator.apiserver.ExampleManifests;
import io.insightengine.operator.apiserver.KubeApiServer;
import io.insightengine.operator.apiserver.TestOperators;
import io.javaoperatorsdk.operator.Operator;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator and the engine together: the bundle the operator writes for the quickstart, copied
 * out of its ConfigMap the way the kubelet mounts it, configures the real engine jar (started as a
 * process on its embedded default), which answers a question and reports the operator's revision.
 */
class EngineInTheLoopTest extends ApiServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private Operator operator;
  private Process engine;

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.destroy();
    }
    if (operator != null) {
      operator.stop();
    }
  }

  @Test
  void theEngineServesTheBundleTheOperatorWrote(@TempDir Path mount) throws Exception {
    Path jar = KubeApiServer.repoRoot().resolve("engine/target/quarkus-app/quarkus-run.jar");
    assertThat(jar)
        .as("the engine jar; build it first: ./mvnw -pl engine -am package -DskipTests")
        .exists();
    operator = TestOperators.start(client, namespace, new InsightEngineReconciler());
    ExampleManifests.apply(client, namespace, "examples/quickstart");
    ConfigMap bundle =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> client.configMaps().inNamespace(namespace).withName("insight-bundle").get(),
                c -> c != null && c.getData().size() == 19);
    String revision =
        bundle.getMetadata().getAnnotations().get(EngineResources.REVISION_ANNOTATION);
    // The kubelet's layout: files in a hidden timestamped directory, symlinked from the top.
    Path data = Files.createDirectory(mount.resolve("..2026_11_24_00_00_00.1"));
    Files.createSymbolicLink(mount.resolve("..data"), data.getFileName());
    for (Map.Entry<String, String> file : bundle.getData().entrySet()) {
      Files.writeString(data.resolve(file.getKey()), file.getValue());
      Files.createSymbolicLink(mount.resolve(file.getKey()), Path.of("..data", file.getKey()));
    }

    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ProcessBuilder start =
        new ProcessBuilder(javaBinary(), "-Xmx512m", "-jar", jar.toString())
            .directory(KubeApiServer.repoRoot().toFile())
            .redirectErrorStream(true)
            .redirectOutput(File.createTempFile("engine-in-the-loop", ".log"));
    start.environment().put("INSIGHT_CONFIG_DIR", mount.toString());
    start.environment().put("INSIGHT_TODAY", "2026-11-23");
    start.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
    engine = start.start();

    HttpClient http = HttpClient.newHttpClient();
    URI base = URI.create("http://127.0.0.1:" + port);
    JsonNode ready =
        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofSeconds(1))
            .ignoreExceptions()
            .until(
                () -> get(http, base.resolve("/health/ready")),
                r -> r.path("status").asText().equals("UP"));
    assertThat(ready.toString()).contains(revision);

    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/v1/ask"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"question\": \"How many orders were placed last month?\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("status").asText()).isEqualTo("answered");
    assertThat(body.path("project").asText()).isEqualTo("shop");
    assertThat(body.path("rows").get(0).get(0).asLong()).isEqualTo(217);
    assertThat(find(InsightEngine.class, "insight").getStatus().getBundleRevision())
        .isEqualTo(revision);
  }

  private static JsonNode get(HttpClient http, URI uri) throws Exception {
    return JSON.readTree(
        http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
