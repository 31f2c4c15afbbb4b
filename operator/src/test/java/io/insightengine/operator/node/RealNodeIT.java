package io.insightengine.operator.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.insightengine.api.v1alpha1.common.Conditions;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.operator.apiserver.ExampleManifests;
import io.insightengine.operator.apiserver.Helm;
import io.insightengine.operator.apiserver.Kubectl;
import io.insightengine.operator.engine.EngineResources;
import io.insightengine.operator.images.BuiltImages;
import io.insightengine.operator.images.RuncContainer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What a platform team does, on a real node (RealNode): {@code helm install} the chart with the
 * images this build pushed, apply the quickstart, and ask the engine the operator brought up a
 * question through its Service. Every status here comes from real pods: the scheduler placed them,
 * the kubelet ran them with containerd and runc, their probes made them Ready.
 */
class RealNodeIT {
  private static final String OPERATOR_NAMESPACE = "insight-engine-system";
  private static final String NAMESPACE = "shop";

  @Test
  void helmInstallBringsUpAnOperatorThatBringsUpAnEngineThatAnswers() throws Exception {
    long nodeStart = System.nanoTime();
    try (RealNode node = RealNode.start(RuncContainer.REGISTRY)) {
      KubernetesClient client = node.client();
      long nodeReady = System.nanoTime();

      String registry = RuncContainer.REGISTRY;
      String operatorImage = BuiltImages.operator();
      Kubectl.Result installed =
          Helm.major(3)
              .runOn(
                  node.kubeconfig(),
                  "install",
                  "insight-engine",
                  Helm.CHART.toString(),
                  "-n",
                  OPERATOR_NAMESPACE,
                  "--create-namespace",
                  "--set",
                  "image.repository="
                      + registry
                      + "/"
                      + operatorImage.substring(0, operatorImage.lastIndexOf(':')),
                  "--set",
                  "engine.image=" + registry + "/" + BuiltImages.engine());
      assertThat(installed.exitCode()).as(installed.output()).isZero();
      long helmInstalled = System.nanoTime();
      await(
          node,
          Duration.ofMinutes(5),
          "the operator Deployment available",
          () -> {
            Deployment d =
                client
                    .apps()
                    .deployments()
                    .inNamespace(OPERATOR_NAMESPACE)
                    .withName("insight-engine-operator")
                    .get();
            return d != null
                && d.getStatus() != null
                && Integer.valueOf(1).equals(d.getStatus().getAvailableReplicas());
          });
      long operatorAvailable = System.nanoTime();

      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();
      ExampleManifests.apply(client, NAMESPACE, "examples/quickstart");
      long applied = System.nanoTime();
      await(
          node,
          Duration.ofMinutes(6),
          "the InsightEngine Ready",
          () -> {
            InsightEngine engine =
                client
                    .resources(InsightEngine.class)
                    .inNamespace(NAMESPACE)
                    .withName("insight")
                    .get();
            return engine != null
                && engine.getStatus() != null
                && Conditions.isTrue(engine.getStatus().getConditions(), Conditions.READY);
          });
      long engineReady = System.nanoTime();

      String clusterIp =
          client
              .services()
              .inNamespace(NAMESPACE)
              .withName("insight")
              .get()
              .getSpec()
              .getClusterIP();
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://"
                                  + clusterIp
                                  + ":"
                                  + EngineResources.SERVICE_PORT
                                  + "/api/v1/ask"))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"question\": \"How many orders were placed last month?\"}"))
                      .timeout(Duration.ofSeconds(60))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode body = new ObjectMapper().readTree(answer.body());
      assertThat(body.get("status").asText()).isEqualTo("answered");
      assertThat(body.at("/rows/0/0").asLong()).isPositive();

      System.out.printf(
          "[figures] real node: Ready %.1f s after start; helm install %.1f s; operator available"
              + " %.1f s after install; quickstart to InsightEngine Ready %.1f s; answer through the"
              + " Service: %s rows%n",
          (nodeReady - nodeStart) / 1e9,
          (helmInstalled - nodeReady) / 1e9,
          (operatorAvailable - helmInstalled) / 1e9,
          (engineReady - applied) / 1e9,
          body.get("rows").size());
    }
  }

  /** Waits for {@code condition}, failing with the pods' states and the cluster's events. */
  private static void await(RealNode node, Duration timeout, String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(1000);
    }
    KubernetesClient client = node.client();
    String pods =
        client.pods().inAnyNamespace().list().getItems().stream()
            .map(RealNodeIT::describe)
            .collect(Collectors.joining("\n"));
    String events =
        client.v1().events().inAnyNamespace().list().getItems().stream()
            .map(
                e ->
                    e.getInvolvedObject().getKind()
                        + "/"
                        + e.getInvolvedObject().getName()
                        + ": "
                        + e.getReason()
                        + " "
                        + e.getMessage())
            .collect(Collectors.joining("\n"));
    throw new AssertionError(
        "not "
            + what
            + " within "
            + timeout
            + " (logs in "
            + node.logs()
            + ")\npods:\n"
            + pods
            + "\nevents:\n"
            + events);
  }

  private static String describe(Pod pod) {
    return pod.getMetadata().getNamespace()
        + "/"
        + pod.getMetadata().getName()
        + " "
        + pod.getStatus().getPhase()
        + " "
        + pod.getStatus().getContainerStatuses().stream()
            .map(s -> s.getName() + "=" + s.getState())
            .collect(Collectors.joining(", "));
  }
}
