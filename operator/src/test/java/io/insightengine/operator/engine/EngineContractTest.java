package io.insightengine.operator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.insightengine.api.v1alpha1.common.Condition;
import io.insightengine.api.v1alpha1.common.ConditionStatus;
import io.insightengine.api.v1alpha1.common.Conditions;
import io.insightengine.api.v1alpha1.common.ResourceStatus;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.operator.apiserver.ApiServerTest;
import io.insightengine.operator.apiserver.ExampleManifests;
import io.insightengine.operator.apiserver.TestOperators;
import io.insightengine.operator.project.ProjectReconciler;
import io.insightengine.operator.semantic.SemanticModelReconciler;
import io.javaoperatorsdk.operator.Operator;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's side of the operator → engine contract on the real API server: what engine pods
 * mount and are told, which Projects and SemanticModels are valid, and how what the engine reports
 * at {@code GET /internal/v1/status} reaches status. The engine is a local HTTP server speaking the
 * contract (and checking the bearer token), reached through the engine URL template.
 */
class EngineContractTest extends ApiServerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LONG_SECRET =
      "warehouse.reader-credentials-of-the-sales-team-for-the-analytics-warehouse-in-emea";

  private Operator operator;
  private HttpServer engineServer;

  /** What the fake engine answers; null: 503, as an engine that is still starting. */
  private final AtomicReference<String> served = new AtomicReference<>();

  private final AtomicInteger authorized = new AtomicInteger();
  private final AtomicInteger unauthorized = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    engineServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    engineServer.createContext(
        "/",
        exchange -> {
          int code;
          byte[] body = new byte[0];
          String expected = "/" + namespace + "/insight" + EngineStatusClient.STATUS_PATH;
          if (!exchange.getRequestURI().getPath().equals(expected)) {
            code = 404;
          } else if (!("Bearer " + token())
              .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            unauthorized.incrementAndGet();
            code = 401;
          } else {
            authorized.incrementAndGet();
            String answer = served.get();
            code = answer == null ? 503 : 200;
            body = answer == null ? body : answer.getBytes(StandardCharsets.UTF_8);
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
          if (body.length > 0) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    engineServer.start();
    String template =
        "http://127.0.0.1:" + engineServer.getAddress().getPort() + "/{namespace}/{name}";
    operator =
        TestOperators.start(
            client,
            namespace,
            new InsightEngineReconciler(
                new EngineStatusClient(template), Duration.ofSeconds(1), Duration.ofSeconds(1)),
            new ProjectReconciler(),
            new SemanticModelReconciler());
  }

  @AfterEach
  void stop() {
    operator.stop();
    engineServer.stop(0);
  }

  @Test
  void credentialsSecretsAreMountedWholeAndTheirValuesWrittenNowhere() throws Exception {
    secret(LONG_SECRET, Map.of("username", "sales_reader", "password", "s3cr3t-Sales-Pa55"));
    secret(
        "app-db",
        Map.of(
            "jdbcUrl", "jdbc:postgresql://app-db.data.svc:5432/insight_app_db_9z",
            "username", "insight_app_user_7q",
            "password", "app-Pa55-w0rd"));
    create(
        "kind: InsightEngine\nmetadata:\n  name: insight\nspec:\n  appDatabase:\n    type: postgres\n"
            + "    credentialsSecret:\n      name: app-db\n    maxPoolSize: 7\n");
    create(
        "kind: Project\nmetadata:\n  name: sales\nspec:\n  engineRef:\n    name: insight\n"
            + "  datasource:\n    type: postgres\n    host: warehouse.example.com\n    database: sales\n"
            + "    credentialsSecret:\n      name: "
            + LONG_SECRET
            + "\n");
    create(
        "kind: SemanticModel\nmetadata:\n  name: sales-model\nspec:\n  projectRef:\n    name: sales\n"
            + "  models:\n    - name: orders\n      table: marts.orders\n      columns:\n"
            + "        - name: id\n          type: number\n");

    Deployment deployment =
        await()
            .atMost(WAIT)
            .until(
                () -> find(Deployment.class, "insight"),
                d -> d != null && volume(d, LONG_SECRET).isPresent());
    var pod = deployment.getSpec().getTemplate().getSpec();
    var container = pod.getContainers().get(0);
    for (String secret : List.of(LONG_SECRET, "app-db")) {
      Volume volume = volume(deployment, secret).orElseThrow();
      // The API server accepted the Deployment: the volume name is a DNS label.
      assertThat(volume.getName()).hasSizeLessThanOrEqualTo(63).startsWith("secret-");
      VolumeMount mount =
          container.getVolumeMounts().stream()
              .filter(m -> m.getName().equals(volume.getName()))
              .findFirst()
              .orElseThrow();
      assertThat(mount.getMountPath()).isEqualTo("/var/run/insight-engine/secrets/" + secret);
      assertThat(mount.getReadOnly()).isTrue();
      assertThat(mount.getSubPath()).isNull(); // whole: the kubelet updates rotated values
    }
    assertThat(env(container.getEnv()))
        .containsEntry("INSIGHT_SECRETS_DIR", "/var/run/insight-engine/secrets")
        .containsEntry("INSIGHT_DBT_CONFIGMAPS_DIR", "/var/run/insight-engine/dbt-configmaps")
        .containsEntry("INSIGHT_CONFIG_DIR", EngineResources.BUNDLE_MOUNT)
        .containsEntry("INSIGHT_APP_DATABASE_TYPE", "postgres")
        .containsEntry("INSIGHT_APP_DATABASE_CREDENTIALS_SECRET", "app-db")
        .containsEntry("INSIGHT_APP_DATABASE_MAX_POOL_SIZE", "7");
    assertThat(container.getEnv())
        .extracting(EnvVar::getName)
        .contains("INSIGHT_INTERNAL_TOKEN")
        .doesNotContain(
            "INSIGHT_APP_DATABASE_JDBC_URL",
            "INSIGHT_APP_DATABASE_USERNAME",
            "INSIGHT_APP_DATABASE_PASSWORD");

    // The bundle carries the reference, never a value; nor does any status.
    ConfigMap bundle = find(ConfigMap.class, "insight-bundle");
    assertThat(bundle.getData()).containsKey("project-sales.yaml");
    assertThat(bundle.getData().get("project-sales.yaml")).contains(LONG_SECRET);
    String everything =
        JSON.writeValueAsString(bundle)
            + JSON.writeValueAsString(find(InsightEngine.class, "insight").getStatus())
            + JSON.writeValueAsString(find(Project.class, "sales").getStatus());
    for (String value :
        List.of(
            "sales_reader",
            "s3cr3t-Sales-Pa55",
            "insight_app_db_9z",
            "insight_app_user_7q",
            "app-Pa55-w0rd")) {
      assertThat(everything).doesNotContain(value).doesNotContain(base64(value));
    }
  }

  @Test
  void aSemanticModelOfDbtArtifactsNeedsItsConfigMapAndIsMountedWithIt() throws Exception {
    create("kind: InsightEngine\nmetadata:\n  name: insight\nspec: {}\n");
    create(
        "kind: Project\nmetadata:\n  name: shop\nspec:\n  engineRef:\n    name: insight\n"
            + "  datasource:\n    type: postgres\n    embedded: true\n");
    create(
        "kind: SemanticModel\nmetadata:\n  name: shop-from-dbt\n  labels:\n"
            + "    insight-engine.io/generated-from: dbt\nspec:\n  projectRef:\n    name: shop\n"
            + "  dbt:\n    configMapRef:\n      name: shop-dbt-artifacts\n    select: [\"tag:mart\"]\n");

    // Its only SemanticModel is invalid: so is the project, and it says which and why.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(ready(SemanticModel.class, "shop-from-dbt"))
                  .satisfies(c -> assertThat(c.getReason()).isEqualTo("ConfigMapNotFound"))
                  .satisfies(c -> assertThat(c.getMessage()).contains("shop-dbt-artifacts"));
              assertThat(ready(Project.class, "shop"))
                  .satisfies(c -> assertThat(c.getReason()).isEqualTo("NoValidSemanticModel"))
                  .satisfies(
                      c ->
                          assertThat(c.getMessage())
                              .contains("shop-from-dbt")
                              .contains("ConfigMapNotFound"));
            });
    assertThat(find(ConfigMap.class, "insight-bundle").getData()).isNullOrEmpty();

    // The artifacts arrive (gzipped in binaryData, as large manifests are): valid, bundled with
    // their selection and label, and mounted; well before the minute invalid resources wait.
    client
        .configMaps()
        .inNamespace(namespace)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("shop-dbt-artifacts")
                .endMetadata()
                .withBinaryData(
                    Map.of(
                        "manifest.json.gz",
                        Base64.getEncoder()
                            .encodeToString(
                                io.insightengine.api.manifest.BundleDirectory.gzip(
                                    "{\"nodes\":{}}"))))
                .build())
        .create();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(ready(SemanticModel.class, "shop-from-dbt").getReason())
                  .isEqualTo("InBundle");
              assertThat(ready(Project.class, "shop").getReason()).isEqualTo("InBundle");
              assertThat(volume(find(Deployment.class, "insight"), "shop-dbt-artifacts"))
                  .isPresent();
            });
    String manifest =
        find(ConfigMap.class, "insight-bundle").getData().get("semanticmodel-shop-from-dbt.yaml");
    assertThat(manifest)
        .contains("insight-engine.io/generated-from: dbt")
        .contains("shop-dbt-artifacts")
        .contains("tag:mart");
    Deployment deployment = find(Deployment.class, "insight");
    Volume volume = volume(deployment, "shop-dbt-artifacts").orElseThrow();
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getName()).isEqualTo(volume.getName());
              assertThat(m.getMountPath())
                  .isEqualTo("/var/run/insight-engine/dbt-configmaps/shop-dbt-artifacts");
              assertThat(m.getReadOnly()).isTrue();
            });
    assertThat(env(container.getEnv())).containsEntry("INSIGHT_APP_DATABASE_TYPE", "embedded");
  }

  @Test
  void configAppliedAndProjectReadyFollowWhatTheEngineServes() throws Exception {
    ExampleManifests.apply(client, namespace, "examples/quickstart");

    // The whole quickstart written (the engine may first see only part of what is applied).
    ConfigMap bundle =
        await()
            .atMost(WAIT)
            .until(
                () -> find(ConfigMap.class, "insight-bundle"),
                c -> c != null && c.getData() != null && c.getData().size() == 19);
    String revision =
        bundle.getMetadata().getAnnotations().get(EngineResources.REVISION_ANNOTATION);

    // Starting (503): Pending, and why.
    InsightEngine engine = awaitConfigApplied(ConditionStatus.False, "Pending", "HTTP 503");
    assertThat(engine.getStatus().getBundleRevision()).isEqualTo(revision);
    assertThat(engine.getStatus().getServedRevision()).isNull();
    // The bundle keeps labels: the engine's merge order holds.
    assertThat(find(ConfigMap.class, "insight-bundle").getData().get("semanticmodel-shop-dbt.yaml"))
        .contains("insight-engine.io/generated-from: dbt");

    // Serving an older revision: Pending, naming it.
    served.set(report("0ldrevision00000", null, "Serving", "Loaded", "serving"));
    engine = awaitConfigApplied(ConditionStatus.False, "Pending", "0ldrevision00000");
    assertThat(engine.getStatus().getServedRevision()).isEqualTo("0ldrevision00000");

    // Serving the bundle: Loaded; the project is Ready as before.
    served.set(report(revision, null, "Serving", "Loaded", "serving"));
    engine = awaitConfigApplied(ConditionStatus.True, "Loaded", revision);
    assertThat(engine.getStatus().getServedRevision()).isEqualTo(revision);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(ready(Project.class, "shop").getReason()).isEqualTo("InBundle"));

    // The warehouse cannot be reached: the project says so, with the engine's reason.
    served.set(
        report(
            revision,
            null,
            "Unavailable",
            "WarehouseUnreachable",
            "connection to warehouse.example.com:5432 refused"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Condition ready = ready(Project.class, "shop");
              assertThat(ready.getStatus()).isEqualTo(ConditionStatus.False);
              assertThat(ready.getReason()).isEqualTo("WarehouseUnreachable");
              assertThat(ready.getMessage()).contains("Unavailable").contains("refused");
            });

    // A bundle change the engine refused: Refused, with its reason; the project recovers.
    served.set(
        report(
            "0ldrevision00000",
            "SemanticModel shop-dbt: relationship names unknown model fct_x",
            "Serving",
            "Loaded",
            "serving"));
    awaitConfigApplied(ConditionStatus.False, "Refused", "unknown model fct_x");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(ready(Project.class, "shop").getReason()).isEqualTo("InBundle"));
    assertThat(authorized.get()).isPositive();
    assertThat(unauthorized.get()).isZero();
  }

  private InsightEngine awaitConfigApplied(
      ConditionStatus status, String reason, String inMessage) {
    return await()
        .atMost(WAIT)
        .until(
            () -> find(InsightEngine.class, "insight"),
            e ->
                e != null
                    && e.getStatus() != null
                    && Conditions.find(
                            e.getStatus().getConditions(), InsightEngineReconciler.CONFIG_APPLIED)
                        .filter(
                            c ->
                                c.getStatus() == status
                                    && reason.equals(c.getReason())
                                    && c.getMessage().contains(inMessage))
                        .isPresent());
  }

  private static String report(
      String revision, String error, String state, String reason, String message) throws Exception {
    Map<String, Object> report = new java.util.LinkedHashMap<>();
    report.put("revision", revision);
    report.put("loadedAt", "2026-11-23T10:00:00Z");
    report.put("error", error);
    report.put(
        "projects", Map.of("shop", Map.of("state", state, "reason", reason, "message", message)));
    return JSON.writeValueAsString(report);
  }

  /** The engine's internal token as the operator created it; null until it exists. */
  private String token() {
    Secret secret = find(Secret.class, "insight-internal");
    return secret == null
        ? null
        : new String(
            Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
  }

  private Condition ready(
      Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> kind, String name) {
    var item = find(kind, name);
    assertThat(item).as(name).isNotNull();
    assertThat(item.getStatus()).as(name).isNotNull();
    return Conditions.find(((ResourceStatus) item.getStatus()).getConditions(), Conditions.READY)
        .orElseThrow();
  }

  private static Optional<Volume> volume(Deployment deployment, String source) {
    if (deployment == null) {
      return Optional.empty();
    }
    return deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(
            v ->
                (v.getSecret() != null && source.equals(v.getSecret().getSecretName()))
                    || (v.getConfigMap() != null && source.equals(v.getConfigMap().getName())))
        .findFirst();
  }

  private static Map<String, String> env(List<EnvVar> env) {
    Map<String, String> literal = new java.util.HashMap<>();
    env.stream()
        .filter(e -> e.getValue() != null)
        .forEach(e -> literal.put(e.getName(), e.getValue()));
    return literal;
  }

  private void secret(String name, Map<String, String> values) {
    client
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withStringData(values)
                .build())
        .create();
  }

  private void create(String yaml) throws Exception {
    client
        .resource(
            YAML.readValue(
                "apiVersion: insight-engine.io/v1alpha1\n" + yaml, GenericKubernetesResource.class))
        .inNamespace(namespace)
        .create();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
