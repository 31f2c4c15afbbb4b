package io.insightengine.operator.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.insightengine.api.v1alpha1.common.Conditions;
import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.dbt.DbtRunStatus;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.operator.apiserver.ExampleManifests;
import io.insightengine.operator.apiserver.Helm;
import io.insightengine.operator.apiserver.Kubectl;
import io.insightengine.operator.engine.EngineResources;
import io.insightengine.operator.images.BuiltImages;
import io.insightengine.operator.images.RuncContainer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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
      JsonNode body = ask(clusterIp, "How many orders were placed last month?", null);
      assertThat(body.get("status").asText()).as("%s", body).isEqualTo("answered");
      assertThat(body.at("/rows/0/0").asLong()).isPositive();

      // A DbtRun: real dbt from the dbt image of the demo shop's project (scripts/image-tools.sh),
      // run by the Job the operator made, against a warehouse outside the cluster (here: on this
      // machine, which pods reach at their bridge's gateway), delivering its artifacts to the
      // engine.
      long dbtStart;
      long dbtDone;
      long served;
      JsonNode dbtAnswer;
      DbtRun run;
      try (EmbeddedPostgres warehouse =
          EmbeddedPostgres.builder().setServerConfig("listen_addresses", "*").start()) {
        try (Connection admin = warehouse.getPostgresDatabase().getConnection();
            Statement st = admin.createStatement()) {
          st.execute("create role dbt login password 'dbt-secret'");
          st.execute("create database shop_warehouse owner dbt");
          ResultSet hba = st.executeQuery("show hba_file");
          hba.next();
          Files.writeString(
              Path.of(hba.getString(1)),
              "host all dbt " + RealNode.POD_CIDR + " scram-sha-256\n",
              StandardOpenOption.APPEND);
          st.execute("select pg_reload_conf()");
        }
        ExampleManifests.applyYaml(
            client,
            NAMESPACE,
            """
            apiVersion: v1
            kind: Secret
            metadata:
              name: dbt-warehouse
            stringData:
              username: dbt
              password: dbt-secret
            ---
            apiVersion: insight-engine.io/v1alpha1
            kind: Project
            metadata:
              name: built-by-dbt
            spec:
              engineRef:
                name: insight
              displayName: The shop, built by a DbtRun
              datasource:
                type: postgres
                host: %s
                port: %d
                database: shop_warehouse
                schemas: [analytics]
                sslMode: disable
                credentialsSecret:
                  name: dbt-warehouse
            ---
            apiVersion: insight-engine.io/v1alpha1
            kind: DbtRun
            metadata:
              name: build-once
            spec:
              projectRef:
                name: built-by-dbt
              source:
                image:
                  name: %s/insight-engine/dbt-shop:0.1.0
                  projectDir: /usr/app
              command: build
              target: postgres
              timeout: 10m
              retries: 0
            ---
            # What the engine serves of it: the marts of the artifacts the DbtRun delivers.
            apiVersion: insight-engine.io/v1alpha1
            kind: SemanticModel
            metadata:
              name: built-by-dbt
            spec:
              projectRef:
                name: built-by-dbt
              dbt:
                dbtRunRef:
                  name: build-once
                select: [path:models/marts]
            """
                .formatted(RealNode.BRIDGE_ADDRESS, warehouse.getPort(), registry));
        dbtStart = System.nanoTime();
        await(
            node,
            Duration.ofMinutes(8),
            "the DbtRun finished",
            () -> {
              DbtRun r =
                  client
                      .resources(DbtRun.class)
                      .inNamespace(NAMESPACE)
                      .withName("build-once")
                      .get();
              return r != null
                  && r.getStatus() != null
                  && (r.getStatus().getPhase() == DbtRunStatus.Phase.Succeeded
                      || r.getStatus().getPhase() == DbtRunStatus.Phase.Failed);
            });
        dbtDone = System.nanoTime();
        run = client.resources(DbtRun.class).inNamespace(NAMESPACE).withName("build-once").get();
        String dbtLog =
            client
                .pods()
                .inNamespace(NAMESPACE)
                .withLabel(io.insightengine.operator.dbt.DbtJobs.RUN_LABEL, "build-once")
                .list()
                .getItems()
                .stream()
                .map(p -> podLog(client, p.getMetadata().getName(), "dbt"))
                .collect(Collectors.joining("\n"));
        assertThat(run.getStatus().getPhase())
            .as("%s\n%s", run.getStatus(), dbtLog)
            .isEqualTo(DbtRunStatus.Phase.Succeeded);
        // The API server reads the pod's log from the kubelet, as kubectl logs does.
        assertThat(dbtLog).as("the dbt container's log").contains("PASS=");
        assertThat(run.getStatus().getModels().getPassed()).isPositive();
        assertThat(run.getStatus().getTests().getPassed()).isPositive();
        assertThat(run.getStatus().getArtifactsRevision())
            .as("delivered to the engine; the dbt container's log:\n%s", dbtLog)
            .isNotNull();
        try (Connection dbt = warehouse.getDatabase("dbt", "shop_warehouse").getConnection();
            Statement st = dbt.createStatement()) {
          ResultSet where =
              st.executeQuery(
                  "select table_schema from information_schema.tables"
                      + " where table_name = 'fct_orders'");
          assertThat(where.next()).as("dbt built fct_orders").isTrue();
          ResultSet rows =
              st.executeQuery("select count(*) from \"" + where.getString(1) + "\".fct_orders");
          rows.next();
          assertThat(rows.getLong(1)).as("orders dbt built").isPositive();
        }
        // The engine serves the model dbt delivered, from the warehouse dbt built.
        await(
            node,
            Duration.ofMinutes(4),
            "the Project built by dbt served",
            () -> {
              var p =
                  client
                      .resources(io.insightengine.api.v1alpha1.project.Project.class)
                      .inNamespace(NAMESPACE)
                      .withName("built-by-dbt")
                      .get();
              return p != null
                  && p.getStatus() != null
                  && Conditions.isTrue(p.getStatus().getConditions(), Conditions.READY);
            });
        served = System.nanoTime();
        dbtAnswer = ask(clusterIp, "How many orders were placed last month?", "built-by-dbt");
        assertThat(dbtAnswer.get("status").asText()).as("%s", dbtAnswer).isEqualTo("answered");
        assertThat(dbtAnswer.at("/rows/0/0").asLong()).as("%s", dbtAnswer).isPositive();
      }

      System.out.printf(
          "[figures] real node: Ready %.1f s after start; helm install %.1f s; operator available"
              + " %.1f s after install; quickstart to InsightEngine Ready %.1f s; answer through the"
              + " Service: %s rows; DbtRun (pull, dbt build of %d models and %d tests, delivery)"
              + " %.1f s; the delivered model served %.1f s later, answering %s%n",
          (nodeReady - nodeStart) / 1e9,
          (helmInstalled - nodeReady) / 1e9,
          (operatorAvailable - helmInstalled) / 1e9,
          (engineReady - applied) / 1e9,
          body.get("rows").size(),
          run.getStatus().getModels().getPassed(),
          run.getStatus().getTests().getPassed(),
          (dbtDone - dbtStart) / 1e9,
          (served - dbtDone) / 1e9,
          dbtAnswer.at("/rows/0/0").asText());
    }
  }

  /** Waits for {@code condition}, failing with the pods' states and the cluster's events. */
  /** A container's log as kubectl logs shows it (through the kubelet), or why it cannot. */
  private static String podLog(KubernetesClient client, String pod, String container) {
    try {
      return client.pods().inNamespace(NAMESPACE).withName(pod).inContainer(container).getLog();
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Asks the engine through its Service; the project may be null when it serves one. */
  private static JsonNode ask(String clusterIp, String question, String project)
      throws java.io.IOException, InterruptedException {
    ObjectMapper json = new ObjectMapper();
    var request = json.createObjectNode().put("question", question);
    if (project != null) {
      request.put("project", project);
    }
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
                    .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                    .timeout(Duration.ofSeconds(60))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json.readTree(answer.body());
  }

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
