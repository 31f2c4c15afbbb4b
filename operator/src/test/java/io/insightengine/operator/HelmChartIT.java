package io.insightengine.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.insightengine.operator.apiserver.ApiServerTest;
import io.insightengine.operator.apiserver.Helm;
import io.insightengine.operator.apiserver.KubeApiServer;
import io.insightengine.operator.apiserver.Kubectl;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Helm chart (helm/insight-engine), with Helm 3 and Helm 4 built from their Go modules: lint
 * --strict clean; its RBAC is the RBAC the operator's build generates; what it renders for several
 * value sets is accepted by the real API server (server-side dry-run); install and upgrade create
 * and change what they should, also where the CRDs were applied before with kubectl --server-side
 * (as the test API server's are).
 */
class HelmChartIT extends ApiServerTest {
  private static final Path RBAC = Helm.CHART.resolve("files/operator-rbac.yaml");
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  @ParameterizedTest
  @ValueSource(ints = {3, 4})
  void lintsStrictClean(int major) {
    String out = Helm.major(major).ok("lint", "--strict", Helm.CHART.toString());
    assertThat(out).contains("1 chart(s) linted, 0 chart(s) failed");
  }

  /**
   * The chart's ClusterRoles are the operator's generated ones, kept in files/operator-rbac.yaml.
   * Refresh it after a reconciler's RBAC changes: {@code ./mvnw -pl operator verify
   * -Dit.test=HelmChartIT -Dinsight.chart.update=true}.
   */
  @Test
  void theChartsRbacIsTheRbacTheBuildGenerates() throws IOException {
    Path generated = KubeApiServer.repoRoot().resolve("operator/target/kubernetes/kubernetes.yml");
    List<HasMetadata> items;
    try (InputStream in = Files.newInputStream(generated)) {
      items = client.load(in).items();
    }
    ObjectNode file = YAML.createObjectNode();
    ArrayNode roles = file.putArray("clusterRoles");
    // Sorted by name: the build lists the controllers' roles in no fixed order.
    List<ClusterRole> generatedRoles =
        items.stream()
            .filter(ClusterRole.class::isInstance)
            .map(ClusterRole.class::cast)
            .sorted(Comparator.comparing(role -> role.getMetadata().getName()))
            .toList();
    for (ClusterRole role : generatedRoles) {
      ObjectNode entry = roles.addObject();
      entry.put("name", role.getMetadata().getName());
      entry.set("rules", YAML.valueToTree(role.getRules()));
    }
    String expected =
        "# The operator's ClusterRoles as its build generates them (operator/target/kubernetes);\n"
            + "# HelmChartIT checks this copy and rewrites it with -Dinsight.chart.update=true.\n"
            + YAML.writeValueAsString(file);
    if (Boolean.getBoolean("insight.chart.update")) {
      Files.writeString(RBAC, expected);
    }
    assertThat(Files.readString(RBAC))
        .as(
            "%s is stale; refresh: ./mvnw -pl operator verify -Dit.test=HelmChartIT"
                + " -Dinsight.chart.update=true",
            RBAC)
        .isEqualTo(expected);

    // ... and the chart renders exactly those.
    List<HasMetadata> rendered = render(Helm.major(3), namespace, "");
    List<String> renderedRoles = new ArrayList<>();
    for (HasMetadata item : rendered) {
      if (item instanceof ClusterRole role) {
        renderedRoles.add(role.getMetadata().getName() + YAML.valueToTree(role.getRules()));
      }
    }
    List<String> fileRoles = new ArrayList<>();
    for (JsonNode role : file.get("clusterRoles")) {
      fileRoles.add(role.get("name").asText() + role.get("rules"));
    }
    assertThat(renderedRoles).containsExactlyElementsOf(fileRoles);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "watchNamespaces: [team-a, team-b]",
        "image:\n  digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
            + "imagePullSecrets: [{name: registry}]\nreplicas: 2",
        "leaderElection:\n  enabled: false\nengine:\n  image: registry.example.com/engine:1.2.3",
        "logging:\n  format: json\n  level: DEBUG\nmetrics:\n  serviceMonitor:\n    enabled: true\n"
            + "    labels: {release: prometheus}"
      })
  void whatItRendersTheApiServerAccepts(String values) {
    installServiceMonitorCrd();
    for (String ns : List.of("team-a", "team-b")) {
      if (client.namespaces().withName(ns).get() == null) {
        client
            .namespaces()
            .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
            .create();
      }
    }
    List<HasMetadata> rendered = render(Helm.major(4), namespace, values);
    assertThat(rendered).isNotEmpty();
    for (HasMetadata item : rendered) {
      client.resource(item).dryRun().fieldManager("helm").forceConflicts().serverSideApply();
    }
    Deployment operator =
        rendered.stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .findFirst()
            .orElseThrow();
    var container = operator.getSpec().getTemplate().getSpec().getContainers().get(0);
    if (values.contains("digest")) {
      assertThat(container.getImage())
          .endsWith("@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
      assertThat(operator.getSpec().getReplicas()).isEqualTo(2);
    } else {
      assertThat(container.getImage()).isEqualTo("ghcr.io/insight-engine/operator:0.1.0");
    }
    if (values.contains("watchNamespaces")) {
      assertThat(rendered)
          .filteredOn(RoleBinding.class::isInstance)
          .extracting(r -> r.getMetadata().getNamespace())
          .contains("team-a", "team-b");
      assertThat(container.getEnv())
          .anySatisfy(e -> assertThat(e.getValue()).isEqualTo("team-a,team-b"));
    }
    Map<String, String> env = new HashMap<>();
    container.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
    boolean json = values.contains("json");
    assertThat(env)
        .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", String.valueOf(json))
        .containsEntry("QUARKUS_LOG_LEVEL", json ? "DEBUG" : "INFO");
    // The metrics Service reaches the operator's pods; the ServiceMonitor, when asked for, that
    // Service.
    Service metrics =
        rendered.stream()
            .filter(Service.class::isInstance)
            .map(Service.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(operator.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(metrics.getSpec().getSelector());
    List<GenericKubernetesResource> monitors =
        rendered.stream()
            .filter(r -> r.getKind().equals("ServiceMonitor"))
            .map(GenericKubernetesResource.class::cast)
            .toList();
    if (values.contains("serviceMonitor")) {
      assertThat(monitors).hasSize(1);
      assertThat(monitors.get(0).getMetadata().getLabels()).containsEntry("release", "prometheus");
      Map<String, Object> selector = monitors.get(0).get("spec", "selector", "matchLabels");
      assertThat(metrics.getMetadata().getLabels())
          .containsAllEntriesOf(
              selector.entrySet().stream()
                  .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()))));
    } else {
      assertThat(monitors).isEmpty();
    }
    if (values.contains("engine:")) {
      assertThat(container.getEnv())
          .anySatisfy(e -> assertThat(e.getValue()).isEqualTo("registry.example.com/engine:1.2.3"));
      assertThat(container.getEnv())
          .anySatisfy(e -> assertThat(e.getValue()).isEqualTo("leader-election-off"));
    }
  }

  @Test
  void aValueTheSchemaDoesNotKnowIsRefused() {
    Kubectl.Result result =
        Helm.major(4).run("template", "x", Helm.CHART.toString(), "--set", "replicaz=2");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("replicaz");
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4})
  void installsAndUpgradesOnTheApiServer(int major) {
    Helm helm = Helm.major(major);
    // The CRDs are there already, applied server-side by kubectl, as the chart's README says.
    Kubectl.Result applied =
        apiServer.kubectl(
            Duration.ofSeconds(60),
            "apply",
            "--server-side",
            "--force-conflicts",
            "-f",
            Helm.CHART.resolve("crds").toString());
    assertThat(applied.exitCode()).as(applied.output()).isZero();
    String release = "ie" + major;
    removeClusterScopedLeftovers();
    try {
      if (major == 4) {
        // Helm 4 applies crds/ server-side even when they exist, and conflicts with kubectl's
        // apply of the same files (.spec.versions): where the CRDs are applied already, as the
        // README says, --skip-crds. Helm 3 leaves existing CRDs alone by itself.
        Kubectl.Result conflict =
            helm.run("install", release, Helm.CHART.toString(), "-n", namespace);
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.output()).contains("conflict");
        helm.ok("install", release, Helm.CHART.toString(), "-n", namespace, "--skip-crds");
      } else {
        helm.ok("install", release, Helm.CHART.toString(), "-n", namespace);
      }
      Deployment operator =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () ->
                      client
                          .apps()
                          .deployments()
                          .inNamespace(namespace)
                          .withName("insight-engine-operator")
                          .get(),
                  d -> d != null);
      assertThat(operator.getSpec().getReplicas()).isEqualTo(1);
      assertThat(
              client
                  .serviceAccounts()
                  .inNamespace(namespace)
                  .withName("insight-engine-operator")
                  .get())
          .isNotNull();
      assertThat(
              client
                  .rbac()
                  .clusterRoleBindings()
                  .withName("insight-engine-insightengine-cluster-role-binding")
                  .get()
                  .getSubjects()
                  .get(0)
                  .getNamespace())
          .isEqualTo(namespace);

      helm.ok("upgrade", release, Helm.CHART.toString(), "-n", namespace, "--set", "replicas=2");
      assertThat(
              client
                  .apps()
                  .deployments()
                  .inNamespace(namespace)
                  .withName("insight-engine-operator")
                  .get()
                  .getSpec()
                  .getReplicas())
          .isEqualTo(2);
    } finally {
      helm.run("uninstall", release, "-n", namespace);
    }
  }

  /**
   * The Prometheus operator's ServiceMonitor CRD, from its Go module (the chart's ServiceMonitor is
   * checked against it).
   */
  private static void installServiceMonitorCrd() {
    if (client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName("servicemonitors.monitoring.coreos.com")
            .get()
        != null) {
      return;
    }
    String module =
        "github.com/prometheus-operator/prometheus-operator@"
            + System.getProperty("insight.prometheus-operator.version");
    Kubectl.Result download =
        Kubectl.exec(List.of("go", "mod", "download", "-json", module), Duration.ofMinutes(5));
    assertThat(download.exitCode()).as(download.output()).isZero();
    Path dir;
    try {
      String output = download.output();
      dir =
          Path.of(
              new ObjectMapper()
                  .readTree(output.substring(output.indexOf('{')))
                  .get("Dir")
                  .asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Kubectl.Result applied =
        apiServer.kubectl(
            Duration.ofSeconds(60),
            "apply",
            "--server-side",
            "-f",
            dir.resolve(
                    "example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml")
                .toString());
    assertThat(applied.exitCode()).as(applied.output()).isZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                apiServer
                        .kubectl(
                            Duration.ofSeconds(30),
                            "get",
                            "--raw",
                            "/apis/monitoring.coreos.com/v1")
                        .exitCode()
                    == 0);
  }

  private static List<HasMetadata> render(Helm helm, String namespace, String values) {
    String yaml =
        helm.ok(
            "template",
            "insight-engine",
            Helm.CHART.toString(),
            "-n",
            namespace,
            "-f",
            Helm.values(values.isEmpty() ? "{}" : values).toString());
    return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
  }

  /** Cluster-scoped objects another test created under the chart's names, not Helm's. */
  private static void removeClusterScopedLeftovers() {
    client.rbac().clusterRoles().list().getItems().stream()
        .filter(r -> r.getMetadata().getName().startsWith("insight-engine-"))
        .forEach(r -> client.resource(r).delete());
    client.rbac().clusterRoleBindings().list().getItems().stream()
        .filter(r -> r.getMetadata().getName().startsWith("insight-engine-"))
        .forEach(r -> client.resource(r).delete());
  }
}
