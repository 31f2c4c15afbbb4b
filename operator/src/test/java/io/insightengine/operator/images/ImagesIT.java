package io.insightengine.operator.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.insightengine.operator.apiserver.KubeApiServer;
import io.insightengine.operator.apiserver.Kubectl;
import io.insightengine.operator.engine.EngineResources;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The images the build pushes (./mvnw package -Pimages, to the local registry of
 * scripts/image-tools.sh) are the ones the chart and the operator name by default, and the engine
 * image runs as a restricted pod would run it and answers a question on its embedded default. (The
 * operator image reconciling the quickstart: GeneratedManifestsIT.)
 */
class ImagesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path ROOT = KubeApiServer.repoRoot();

  @Test
  void theImagesTheChartAndTheOperatorNameAreTheOnesTheBuildPushed() throws IOException {
    JsonNode values = YAML.readTree(ROOT.resolve("helm/insight-engine/values.yaml").toFile());
    String chartEngine = values.at("/engine/image").asText();
    assertThat(chartEngine)
        .as("the chart's engine.image is the operator's own default")
        .isEqualTo(EngineResources.DEFAULT_IMAGE);

    // The generated Deployment names the operator image of the chart (registry aside: the images
    // profile builds for the local one).
    String generatedImage = null;
    try (var documents =
        YAML.readerFor(JsonNode.class)
            .<JsonNode>readValues(
                ROOT.resolve("operator/target/kubernetes/kubernetes.yml").toFile())) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if ("Deployment".equals(document.path("kind").asText())) {
          generatedImage = document.at("/spec/template/spec/containers/0/image").asText();
        }
      }
    }
    assertThat(BuiltImages.withoutRegistry(generatedImage)).isEqualTo(BuiltImages.operator());

    // What the registry holds under those names is what this build pushed.
    assertThat(RuncContainer.digest(BuiltImages.operator()))
        .isEqualTo(Files.readString(ROOT.resolve("operator/target/jib-image.digest")).strip());
    assertThat(RuncContainer.digest(BuiltImages.withoutRegistry(chartEngine)))
        .isEqualTo(Files.readString(ROOT.resolve("engine/server/target/jib-image.digest")).strip());

    for (String image : List.of(BuiltImages.operator(), BuiltImages.withoutRegistry(chartEngine))) {
      JsonNode config =
          JSON.readTree(
              Kubectl.exec(
                      List.of(
                          "skopeo",
                          "inspect",
                          "--config",
                          "--tls-verify=false",
                          "docker://" + RuncContainer.REGISTRY + "/" + image),
                      Duration.ofMinutes(1))
                  .output());
      assertThat(config.at("/config/User").asText()).as("%s runs as", image).isEqualTo("10001");
      System.out.printf(
          "[figures] image %s: %.0f MB compressed%n",
          image, RuncContainer.compressedSize(image) / 1e6);
    }
  }

  @Test
  void theEngineImageAnswersOnItsEmbeddedDefault() throws Exception {
    String image = BuiltImages.engine();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = ROOT.resolve("operator/target/engine-image-it.log");
    long started = System.nanoTime();
    try (RuncContainer engine =
        RuncContainer.start(
            image,
            Map.of("QUARKUS_HTTP_PORT", String.valueOf(port), "INSIGHT_TODAY", "2026-11-23"),
            List.of(),
            log)) {
      long pulled = System.nanoTime();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      URI base = URI.create("http://127.0.0.1:" + port);
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      int ready = 0;
      while (ready != 200) {
        assertThat(engine.isAlive()).as("the engine runs; its log:\n%s", engine.tail()).isTrue();
        assertThat(System.nanoTime())
            .as("ready within 3 minutes:\n%s", engine.tail())
            .isLessThan(deadline);
        try {
          ready =
              http.send(
                      HttpRequest.newBuilder(base.resolve("/health/ready")).build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode();
        } catch (IOException notYet) {
          Thread.sleep(200);
        }
      }
      long isReady = System.nanoTime();

      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(base.resolve("/api/v1/ask"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"question\": \"How many orders were placed last month?\"}"))
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      long answered = System.nanoTime();
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode body = JSON.readTree(answer.body());
      assertThat(body.get("status").asText()).isEqualTo("answered");
      assertThat(body.get("sql").asText()).containsIgnoringCase("count");
      assertThat(body.get("rows")).hasSize(1);
      assertThat(body.at("/rows/0/0").asLong()).isPositive();

      long term = System.nanoTime();
      engine.terminate();
      assertThat(engine.waitFor(Duration.ofSeconds(30)))
          .as("the engine ends within 30 s of SIGTERM:\n%s", engine.tail())
          .isTrue();
      long exited = System.nanoTime();
      assertThat(engine.exitValue()).as(engine.tail()).isIn(0, 143);
      System.out.printf(
          "[figures] engine image under runc: pull and unpack %.1f s, start to ready %.1f s, first"
              + " answer %.0f ms, SIGTERM to exit %.0f ms (exit code %d)%n",
          (pulled - started) / 1e9,
          (isReady - pulled) / 1e9,
          (answered - isReady) / 1e6,
          (exited - term) / 1e6,
          engine.exitValue());
    }
  }
}
