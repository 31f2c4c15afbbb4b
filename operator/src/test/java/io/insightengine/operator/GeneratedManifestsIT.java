package io.insightengine.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.insightengine.api.v1alpha1.common.Conditions;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import io.insightengine.operator.apiserver.ApiServerTest;
import io.insightengine.operator.apiserver.ExampleManifests;
import io.insightengine.operator.apiserver.KubeApiServer;
import io.insightengine.operator.engine.InsightEngineReconciler;
import io.insightengine.operator.images.BuiltImages;
import io.insightengine.operator.images.RuncContainer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The operator as it ships: the manifests the build generates (target/kubernetes/kubernetes.yml)
 * applied to the real API server as they are, and the packaged operator (quarkus-app) started as
 * its own process in the prod profile, authenticated as its ServiceAccount with a token the API
 * server issued, leader election on and the SDK's exit-on-lost-lease as in production. It must hold
 * and renew its Lease, configure the quickstart, be refused what it never needs, and on SIGTERM
 * stop within seconds and give up its Lease.
 */
class GeneratedManifestsIT extends ApiServerTest {
  private static final String INSTALL_NAMESPACE = "insight-engine-system";
  private static final String SERVICE_ACCOUNT = "insight-engine-operator";
  private static final String LEASE = "insight-engine-operator";
  private static final String IDENTITY = "operator-it";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private Running operator;
  private int httpPort;

  /** The operator as it runs: a JVM of its own, or its image in a container. */
  interface Running extends AutoCloseable {
    boolean isAlive();

    /** SIGTERM, as the kubelet sends it. */
    void terminate();

    boolean waitFor(Duration timeout) throws InterruptedException;

    int exitValue();

    String tail();
  }

  /** How the operator is started. */
  enum Launch {
    /** The packaged application (quarkus-app) in a JVM of its own. */
    PROCESS,
    /** The operator image the build pushed, run by runc (RuncContainer). */
    IMAGE
  }

  @AfterEach
  void stopOperator() throws Exception {
    if (operator != null) {
      operator.close();
    }
    // Cluster-scoped: other tests (the Helm chart's) create the same names.
    for (HasMetadata item : generatedManifests()) {
      if (item.getMetadata().getNamespace() == null) {
        client.resource(item).delete();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Launch.class)
  void theShippedOperatorRunsWithItsGeneratedManifestsAndStopsCleanly(Launch launch)
      throws Exception {
    List<HasMetadata> generated = generatedManifests();
    if (client.namespaces().withName(INSTALL_NAMESPACE).get() == null) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(INSTALL_NAMESPACE)
                  .endMetadata()
                  .build())
          .create();
    }
    List<String> clusterScoped = new ArrayList<>();
    for (HasMetadata item : generated) {
      // As they are: no namespace, name or subject filled in here.
      client.resource(item).fieldManager("kubectl").forceConflicts().serverSideApply();
      if (item.getMetadata().getNamespace() == null) {
        clusterScoped.add(item.getKind() + " " + item.getMetadata().getName());
      }
      if (item instanceof ClusterRoleBinding binding) {
        assertThat(binding.getSubjects())
            .allSatisfy(s -> assertThat(s.getNamespace()).isEqualTo(INSTALL_NAMESPACE));
      }
    }
    assertThat(clusterScoped)
        .isNotEmpty()
        .allSatisfy(name -> assertThat(name).contains(" insight-engine-"));

    String token =
        client
            .serviceAccounts()
            .inNamespace(INSTALL_NAMESPACE)
            .withName(SERVICE_ACCOUNT)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Config asServiceAccount =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(client.getConfiguration().getMasterUrl())
            .withCaCertData(client.getConfiguration().getCaCertData())
            .withCaCertFile(client.getConfiguration().getCaCertFile())
            .withOauthToken(token)
            .withNamespace(INSTALL_NAMESPACE)
            .build();
    try (ServerSocket socket = new ServerSocket(0)) {
      httpPort = socket.getLocalPort();
    }
    long started = System.nanoTime();
    operator = launch == Launch.PROCESS ? start(asServiceAccount) : startImage(asServiceAccount);

    Lease held =
        await()
            .atMost(WAIT)
            .until(this::lease, l -> l != null && IDENTITY.equals(l.getSpec().getHolderIdentity()));
    long toLease = System.nanoTime() - started;
    ZonedDateTime firstRenewal = held.getSpec().getRenewTime();
    // Renewing a held lease is a patch: without that verb the lease is lost and the process exits.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              assertAlive();
              Lease now = lease();
              return IDENTITY.equals(now.getSpec().getHolderIdentity())
                  && now.getSpec().getRenewTime().isAfter(firstRenewal);
            });

    ExampleManifests.apply(client, namespace, "examples/quickstart");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertAlive();
              InsightEngine engine = find(InsightEngine.class, "insight");
              assertThat(engine.getStatus()).isNotNull();
              // The bundle is written; no engine pod runs here to load it, so it stays Pending.
              assertThat(engine.getStatus().getBundleRevision()).isNotNull();
              assertThat(
                      Conditions.find(
                              engine.getStatus().getConditions(),
                              InsightEngineReconciler.CONFIG_APPLIED)
                          .map(c -> c.getReason()))
                  .contains("Pending");
              assertThat(
                      client.apps().deployments().inNamespace(namespace).withName("insight").get())
                  .isNotNull();
              TrainingPair pair = find(TrainingPair.class, "orders-last-month");
              assertThat(pair.getStatus()).isNotNull();
              assertThat(Conditions.isTrue(pair.getStatus().getConditions(), Conditions.READY))
                  .isTrue();
            });
    long toReconciled = System.nanoTime() - started;

    // Metrics for Prometheus: the SDK's reconciliations of each controller.
    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics)
        .containsPattern(
            "operator_sdk_reconciliations_success_total\\{[^}]*kind=\"InsightEngine\",name=\"insight\"");

    // Least privilege: the operator's account cannot run arbitrary pods.
    try (KubernetesClient asOperator =
        new KubernetesClientBuilder().withConfig(asServiceAccount).build()) {
      KubernetesClientException refused =
          catchThrowableOfType(
              KubernetesClientException.class,
              () ->
                  asOperator
                      .pods()
                      .inNamespace(namespace)
                      .resource(
                          new PodBuilder()
                              .withNewMetadata()
                              .withName("not-allowed")
                              .endMetadata()
                              .withNewSpec()
                              .addNewContainer()
                              .withName("x")
                              .withImage("busybox")
                              .endContainer()
                              .endSpec()
                              .build())
                      .create());
      assertThat(refused).isNotNull();
      assertThat(refused.getCode()).isEqualTo(403);
    }

    long term = System.nanoTime();
    operator.terminate();
    assertThat(operator.waitFor(Duration.ofSeconds(15)))
        .as("the operator ends within 15 s of SIGTERM; its log: %s", operator.tail())
        .isTrue();
    long toExit = System.nanoTime() - term;
    if (launch == Launch.IMAGE) {
      List<String> lines = operator.tail().lines().filter(l -> !l.isBlank()).toList();
      assertThat(lines).isNotEmpty();
      for (String line : lines) {
        JsonNode entry = new ObjectMapper().readTree(line);
        assertThat(entry.has("level") && entry.has("message")).as(line).isTrue();
      }
    }
    Lease released = lease();
    assertThat(released.getSpec().getHolderIdentity()).as("the lease is given up").isNull();
    System.out.printf(
        "[figures] operator %s: lease held %.1f s after start, quickstart reconciled %.1f s"
            + " after start, SIGTERM to exit %.0f ms (exit code %d)%n",
        launch == Launch.PROCESS ? "process" : "image under runc",
        toLease / 1e9,
        toReconciled / 1e9,
        toExit / 1e6,
        operator.exitValue());
  }

  private static List<HasMetadata> generatedManifests() throws IOException {
    Path manifests = KubeApiServer.repoRoot().resolve("operator/target/kubernetes/kubernetes.yml");
    assertThat(manifests).as("generated by the Quarkus build (package phase)").exists();
    try (InputStream in = Files.newInputStream(manifests)) {
      return client.load(in).items();
    }
  }

  /** The packaged operator, its own JVM, configured as its Deployment would configure it. */
  private Running start(Config asServiceAccount) throws IOException {
    Path app = KubeApiServer.repoRoot().resolve("operator/target/quarkus-app/quarkus-run.jar");
    assertThat(app).as("built by the Quarkus build (package phase)").exists();
    Path kubeconfig = Files.createTempFile("operator-it-", ".kubeconfig");
    Files.writeString(kubeconfig, kubeconfigOf(asServiceAccount));
    Path log = KubeApiServer.repoRoot().resolve("operator/target/operator-it.log");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(java, "-Xmx256m", "-jar", app.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment("/dev/null"));
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    Process process = builder.start();
    return new Running() {
      @Override
      public boolean isAlive() {
        return process.isAlive();
      }

      @Override
      public void terminate() {
        process.destroy();
      }

      @Override
      public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }

      @Override
      public int exitValue() {
        return process.exitValue();
      }

      @Override
      public String tail() {
        return lastLines(log);
      }

      @Override
      public void close() throws InterruptedException {
        if (process.isAlive()) {
          process.destroyForcibly().waitFor();
        }
      }
    };
  }

  /** The operator image, run by runc as a restricted pod, its kubeconfig mounted read-only. */
  private Running startImage(Config asServiceAccount) throws IOException {
    Path kubeconfig = Files.createTempFile("operator-it-", ".kubeconfig");
    Files.writeString(kubeconfig, kubeconfigOf(asServiceAccount));
    // Readable by the image's user.
    Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("rw-r--r--"));
    String mounted = "/etc/insight-engine/kubeconfig";
    Map<String, String> env = new HashMap<>(environment(mounted));
    // As the chart's logging.format: json sets it; the test reads every line back as JSON.
    env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
    RuncContainer container =
        RuncContainer.start(
            BuiltImages.operator(),
            env,
            List.of(new RuncContainer.Mount(kubeconfig, mounted)),
            KubeApiServer.repoRoot().resolve("operator/target/operator-image-it.log"));
    return new Running() {
      @Override
      public boolean isAlive() {
        return container.isAlive();
      }

      @Override
      public void terminate() {
        container.terminate();
      }

      @Override
      public boolean waitFor(Duration timeout) throws InterruptedException {
        return container.waitFor(timeout);
      }

      @Override
      public int exitValue() {
        return container.exitValue();
      }

      @Override
      public String tail() {
        return container.tail();
      }

      @Override
      public void close() throws InterruptedException {
        container.close();
      }
    };
  }

  /**
   * The environment the operator's Deployment gives it, here with a kubeconfig at {@code
   * kubeconfig}.
   */
  private Map<String, String> environment(String kubeconfig) {
    return Map.of(
        "KUBECONFIG",
        kubeconfig,
        "HOSTNAME",
        IDENTITY,
        "KUBERNETES_NAMESPACE",
        INSTALL_NAMESPACE,
        // Only this test's namespace (the generated Deployment watches all).
        "QUARKUS_OPERATOR_SDK_NAMESPACES",
        namespace,
        "QUARKUS_HTTP_PORT",
        String.valueOf(httpPort));
  }

  private static String kubeconfigOf(Config config) throws IOException {
    String ca =
        config.getCaCertData() != null
            ? config.getCaCertData()
            : java.util.Base64.getEncoder()
                .encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
    return """
        apiVersion: v1
        kind: Config
        clusters:
          - name: test
            cluster:
              server: %s
              certificate-authority-data: %s
        users:
          - name: operator
            user:
              token: %s
        contexts:
          - name: operator
            context:
              cluster: test
              user: operator
              namespace: %s
        current-context: operator
        """
        .formatted(config.getMasterUrl(), ca, config.getOauthToken(), config.getNamespace());
  }

  private Lease lease() {
    return client.leases().inNamespace(INSTALL_NAMESPACE).withName(LEASE).get();
  }

  private void assertAlive() {
    assertThat(operator.isAlive()).as("the operator runs; its log: %s", operator.tail()).isTrue();
  }

  private static String lastLines(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
