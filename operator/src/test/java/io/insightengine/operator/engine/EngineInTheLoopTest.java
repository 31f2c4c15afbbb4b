package io.insightengine.operator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.insightengine.api.v1alpha1.common.Condition;
import io.insightengine.api.v1alpha1.common.ConditionStatus;
import io.insightengine.api.v1alpha1.common.Conditions;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.operator.apiserver.ApiServerTest;
import io.insightengine.operator.apiserver.ExampleManifests;
import io.insightengine.operator.apiserver.KubeApiServer;
import io.insightengine.operator.apiserver.TestOperators;
import io.insightengine.operator.project.ProjectReconciler;
import io.insightengine.operator.semantic.SemanticModelReconciler;
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
 * The operator and the engine together: the bundle the operator writes for the quickstart and a
 * second project, copied out of its ConfigMap (and the second project's dbt ConfigMap) the way the
 * kubelet mounts them, configures the real engine jar (started as a process); the engine answers a
 * question for the quickstart and refuses the second project, whose dbt manifest is broken; the
 * operator reads what the engine serves and reports it: ConfigApplied Loaded with the served
 * revision, the second Project Ready=False with the engine's reason.
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
    Path jar = KubeApiServer.repoRoot().resolve("engine/server/target/quarkus-app/quarkus-run.jar");
    assertThat(jar)
        .as("the engine jar; build it first: ./mvnw -pl engine/server -am package -DskipTests")
        .exists();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    operator =
        TestOperators.start(
            client,
            namespace,
            new InsightEngineReconciler(
                new EngineStatusClient("http://127.0.0.1:" + port),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5)),
            new ProjectReconciler(),
            new SemanticModelReconciler());
    ExampleManifests.apply(client, namespace, "examples/quickstart");
    // A second project the operator finds valid (its dbt ConfigMap exists) but the engine cannot
    // compile: the manifest in the ConfigMap is not dbt's.
    client
        .configMaps()
        .inNamespace(namespace)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("second-dbt")
                .endMetadata()
                .addToData("manifest.json", "{\"metadata\": {\"dbt_schema_version\": \"nope\"}}")
                .build())
        .create();
    client
        .resource(
            YAML.readValue(
                SECOND_PROJECT.formatted(), io.insightengine.api.v1alpha1.project.Project.class))
        .inNamespace(namespace)
        .create();
    client
        .resource(
            YAML.readValue(
                SECOND_MODEL.formatted(),
                io.insightengine.api.v1alpha1.semantic.SemanticModel.class))
        .inNamespace(namespace)
        .create();
    ConfigMap bundle =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> client.configMaps().inNamespace(namespace).withName("insight-bundle").get(),
                c ->
                    c != null
                        && c.getData().size() == 21
                        && c.getData().containsKey("semanticmodel-second-dbt.yaml"));
    String revision =
        bundle.getMetadata().getAnnotations().get(EngineResources.REVISION_ANNOTATION);
    // The kubelet's layout: files in a hidden timestamped directory, symlinked from the top.
    Path data = Files.createDirectory(mount.resolve("..2026_11_24_00_00_00.1"));
    Files.createSymbolicLink(mount.resolve("..data"), data.getFileName());
    for (Map.Entry<String, String> file : bundle.getData().entrySet()) {
      Files.writeString(data.resolve(file.getKey()), file.getValue());
      Files.createSymbolicLink(mount.resolve(file.getKey()), Path.of("..data", file.getKey()));
    }

    Path configMaps = mount.resolveSibling(mount.getFileName() + "-dbt").resolve("second-dbt");
    Files.createDirectories(configMaps);
    Files.writeString(
        configMaps.resolve("manifest.json"),
        find(ConfigMap.class, "second-dbt").getData().get("manifest.json"));
    String token =
        new String(
            java.util.Base64.getDecoder()
                .decode(
                    find(
                            io.fabric8.kubernetes.api.model.Secret.class,
                            EngineInternalTokenSecretDependentResource.name("insight"))
                        .getData()
                        .get("token")));
    ProcessBuilder start =
        new ProcessBuilder(javaBinary(), "-Xmx512m", "-jar", jar.toString())
            .directory(KubeApiServer.repoRoot().toFile())
            .redirectErrorStream(true)
            .redirectOutput(File.createTempFile("engine-in-the-loop", ".log"));
    start.environment().put("INSIGHT_CONFIG_DIR", mount.toString());
    start.environment().put("INSIGHT_DBT_CONFIGMAPS_DIR", configMaps.getParent().toString());
    start.environment().put("INSIGHT_INTERNAL_TOKEN", token);
    start.environment().put("INSIGHT_APP_DATABASE_TYPE", "embedded");
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
                        "{\"question\": \"How many orders were placed last month?\", \"project\": \"shop\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("status").asText()).isEqualTo("answered");
    assertThat(body.path("project").asText()).isEqualTo("shop");
    assertThat(body.path("rows").get(0).get(0).asLong()).isEqualTo(217);
    assertThat(find(InsightEngine.class, "insight").getStatus().getBundleRevision())
        .isEqualTo(revision);

    // What the engine serves reaches status.
    InsightEngine applied =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> find(InsightEngine.class, "insight"),
                e ->
                    e.getStatus() != null
                        && Conditions.find(e.getStatus().getConditions(), "ConfigApplied")
                            .map(c -> "Loaded".equals(c.getReason()))
                            .orElse(false));
    assertThat(applied.getStatus().getServedRevision()).isEqualTo(revision);
    io.insightengine.api.v1alpha1.project.Project second =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> find(io.insightengine.api.v1alpha1.project.Project.class, "second"),
                p ->
                    p.getStatus() != null
                        && Conditions.find(p.getStatus().getConditions(), Conditions.READY)
                            .map(c -> "InvalidDbtArtifacts".equals(c.getReason()))
                            .orElse(false));
    Condition secondReady =
        Conditions.find(second.getStatus().getConditions(), Conditions.READY).orElseThrow();
    assertThat(secondReady.getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(secondReady.getMessage()).contains("ConfigMap second-dbt");
    Condition shopReady =
        Conditions.find(
                find(io.insightengine.api.v1alpha1.project.Project.class, "shop")
                    .getStatus()
                    .getConditions(),
                Conditions.READY)
            .orElseThrow();
    assertThat(shopReady.getStatus()).isEqualTo(ConditionStatus.True);
    HttpResponse<String> refused =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/v1/ask"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"question\": \"How many orders?\", \"project\": \"second\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).contains("project-unavailable").contains("InvalidDbtArtifacts");
  }

  private static final com.fasterxml.jackson.dataformat.yaml.YAMLMapper YAML =
      new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();

  private static final String SECOND_PROJECT =
      """
      apiVersion: insight-engine.io/v1alpha1
      kind: Project
      metadata:
        name: second
      spec:
        engineRef:
          name: insight
        datasource:
          type: postgres
          embedded: true
          database: warehouse
          schemas: [marts]
      """;

  private static final String SECOND_MODEL =
      """
      apiVersion: insight-engine.io/v1alpha1
      kind: SemanticModel
      metadata:
        name: second-dbt
      spec:
        projectRef:
          name: second
        dbt:
          configMapRef:
            name: second-dbt
      """;

  private static JsonNode get(HttpClient http, URI uri) throws Exception {
    return JSON.readTree(
        http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
