package io.insightengine.operator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.insightengine.api.manifest.BundleDirectory;
import io.insightengine.api.manifest.LoadedManifests;
import io.insightengine.api.manifest.ManifestLoader;
import io.insightengine.api.v1alpha1.common.Condition;
import io.insightengine.api.v1alpha1.common.ConditionStatus;
import io.insightengine.api.v1alpha1.common.Conditions;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import io.insightengine.operator.apiserver.ApiServerTest;
import io.insightengine.operator.apiserver.ExampleManifests;
import io.insightengine.operator.apiserver.TestOperators;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The InsightEngine reconciler on the real API server, the quickstart applied as a platform team
 * would. The bare API server runs no controllers: Deployments never get ready pods by themselves
 * (the test writes their status, as Keycloak's tests do) and nothing garbage-collects owned objects
 * (the test asserts the owner references that would).
 */
class InsightEngineReconcilerTest extends ApiServerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private Operator operator;

  @BeforeEach
  void startOperator() {
    operator = TestOperators.start(client, namespace, new InsightEngineReconciler());
  }

  @AfterEach
  void stopOperator() {
    operator.stop();
  }

  @Test
  void theQuickstartBecomesAConfiguredEngineDeployment(@TempDir Path mounted) throws Exception {
    ExampleManifests.apply(client, namespace, "examples/quickstart");

    InsightEngine engine = awaitWholeQuickstartBundled();
    ConfigMap bundle = get(ConfigMap.class, "insight-bundle");
    String revision =
        bundle.getMetadata().getAnnotations().get(EngineResources.REVISION_ANNOTATION);
    assertThat(engine.getStatus().getBundleRevision()).isEqualTo(revision);
    assertThat(engine.getStatus().getProjects()).isEqualTo(1);
    assertThat(engine.getStatus().getObservedGeneration())
        .isEqualTo(engine.getMetadata().getGeneration());
    assertThat(bundle.getData().keySet())
        .contains(
            "project-shop.yaml", "semanticmodel-shop-warehouse.yaml", "semanticmodel-shop-dbt.yaml")
        .anyMatch(k -> k.startsWith("datapolicy-"))
        .anyMatch(k -> k.startsWith("trainingpair-"))
        .noneMatch(k -> k.startsWith("dbtrun-") || k.startsWith("insightengine-"));

    // What the engine pods will read: the standalone loader accepts it, with the same revision.
    for (Map.Entry<String, String> file : bundle.getData().entrySet()) {
      Files.writeString(mounted.resolve(file.getKey()), file.getValue());
    }
    LoadedManifests loaded = new ManifestLoader().loadDirectory(mounted);
    assertThat(loaded.ofType(Project.class)).hasSize(1);
    assertThat(loaded.ofType(TrainingPair.class))
        .hasSize(
            bundle.getData().keySet().stream()
                .filter(k -> k.startsWith("trainingpair-"))
                .toList()
                .size());
    assertThat(BundleDirectory.revision(mounted)).isEqualTo(revision);

    Deployment deployment = get(Deployment.class, "insight");
    var pod = deployment.getSpec().getTemplate().getSpec();
    var container = pod.getContainers().get(0);
    assertThat(pod.getServiceAccountName()).isEqualTo("insight");
    assertThat(container.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("INSIGHT_CONFIG_DIR");
              assertThat(e.getValue()).isEqualTo(EngineResources.BUNDLE_MOUNT);
            });
    assertThat(pod.getVolumes())
        .anySatisfy(v -> assertThat(v.getConfigMap().getName()).isEqualTo("insight-bundle"));
    assertThat(container.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("INSIGHT_INTERNAL_TOKEN");
              assertThat(e.getValueFrom().getSecretKeyRef().getName())
                  .isEqualTo("insight-internal");
            });
    assertThat(get(io.fabric8.kubernetes.api.model.Secret.class, "insight-internal").getData())
        .containsKey("token");
    assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(get(Service.class, "insight").getSpec().getSelector())
        .isEqualTo(EngineResources.selector(engine));
    Role role = get(Role.class, "insight");
    assertThat(role.getRules())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getResources()).containsExactly("dbtruns");
              assertThat(r.getVerbs()).containsExactly("create");
            });
    assertThat(get(RoleBinding.class, "insight").getSubjects())
        .singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo("insight"));
    // One replica: no PodDisruptionBudget, no autoscaler.
    assertThat(find(PodDisruptionBudget.class, "insight")).isNull();
    assertThat(find(HorizontalPodAutoscaler.class, "insight")).isNull();

    // Everything is owned by the engine: deleting it deletes them (a garbage collector's job).
    for (HasMetadata owned :
        List.of(
            deployment,
            bundle,
            get(Service.class, "insight"),
            get(ServiceAccount.class, "insight"),
            get(io.fabric8.kubernetes.api.model.Secret.class, "insight-internal"),
            role,
            get(RoleBinding.class, "insight"))) {
      assertThat(owned.getMetadata().getOwnerReferences())
          .as(owned.getKind())
          .singleElement()
          .satisfies(o -> assertOwnedBy(o, engine));
    }
    // The operator never writes spec: the engine's spec is as applied (only the applier manages
    // it).
    assertThat(engine.getMetadata().getManagedFields())
        .filteredOn(
            f ->
                f.getFieldsV1() != null
                    && f.getFieldsV1().getAdditionalProperties().containsKey("f:spec"))
        .allSatisfy(f -> assertThat(f.getManager()).isEqualTo("kubectl"));
  }

  @Test
  void readyFollowsTheDeploymentsRollout() {
    ExampleManifests.apply(client, namespace, "examples/quickstart");
    InsightEngine engine = awaitStatus("insight", e -> isFalse(e, Conditions.READY));
    // No Deployment controller here: the Deployment's spec is never observed until the test says.
    assertThat(condition(engine, Conditions.READY).getReason()).isEqualTo("RolloutInProgress");

    // No kubelet here: report the pod ready as the Deployment controller would.
    Deployment deployment = get(Deployment.class, "insight");
    deployment.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(deployment.getMetadata().getGeneration())
            .withReplicas(1)
            .withUpdatedReplicas(1)
            .withReadyReplicas(1)
            .withAvailableReplicas(1)
            .build());
    client.resource(deployment).inNamespace(namespace).updateStatus();

    engine = awaitStatus("insight", e -> isTrue(e, Conditions.READY));
    assertThat(engine.getStatus().getReadyReplicas()).isEqualTo(1);
    assertThat(condition(engine, Conditions.READY).getMessage())
        .isEqualTo("1 of 1 engine pod(s) ready");

    // A rollout to an image that does not exist: the old pod stays ready, the new one never is,
    // and the Deployment controller gives up after its progress deadline.
    deployment = get(Deployment.class, "insight");
    deployment.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(deployment.getMetadata().getGeneration())
            .withReplicas(2)
            .withUpdatedReplicas(1)
            .withReadyReplicas(1)
            .withAvailableReplicas(1)
            .withUnavailableReplicas(1)
            .addNewCondition()
            .withType("Progressing")
            .withStatus("False")
            .withReason("ProgressDeadlineExceeded")
            .withMessage("ReplicaSet \"insight-5f8\" has timed out progressing.")
            .endCondition()
            .build());
    client.resource(deployment).inNamespace(namespace).updateStatus();
    engine = awaitStatus("insight", e -> isFalse(e, Conditions.READY));
    assertThat(condition(engine, Conditions.READY).getReason())
        .isEqualTo("ProgressDeadlineExceeded");
    assertThat(condition(engine, Conditions.READY).getMessage())
        .contains("has timed out progressing");
  }

  @Test
  void changingASemanticModelChangesTheBundleRevision() {
    ExampleManifests.apply(client, namespace, "examples/quickstart");
    InsightEngine engine = awaitWholeQuickstartBundled();
    String before = engine.getStatus().getBundleRevision();

    edit(
        SemanticModel.class,
        "shop-warehouse",
        m -> {
          m.getSpec().getModels().get(0).getSynonyms().add("purchases made");
          return m;
        });

    engine = awaitStatus("insight", e -> !before.equals(e.getStatus().getBundleRevision()));
    ConfigMap bundle = get(ConfigMap.class, "insight-bundle");
    assertThat(bundle.getMetadata().getAnnotations().get(EngineResources.REVISION_ANNOTATION))
        .isEqualTo(engine.getStatus().getBundleRevision());
    assertThat(bundle.getData().get("semanticmodel-shop-warehouse.yaml"))
        .contains("purchases made");
    // The transition is recorded as one event (it was recorded twice).
    String transition = before + " -> " + engine.getStatus().getBundleRevision();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(client.v1().events().inNamespace(namespace).list().getItems())
                    .anySatisfy(e -> assertThat(e.getMessage()).endsWith(transition)));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                client.v1().events().inNamespace(namespace).list().getItems().stream()
                        .filter(e -> "BundleUpdated".equals(e.getReason()))
                        .filter(e -> e.getMessage().endsWith(transition))
                        .count()
                    == 1);
  }

  @Test
  void anInvalidResourceIsLeftOutWhileTheRestIsServed() throws IOException {
    ExampleManifests.apply(client, namespace, "examples/quickstart");
    InsightEngine engine = awaitWholeQuickstartBundled();
    String before = engine.getStatus().getBundleRevision();

    GenericKubernetesResource sneaky =
        new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
            .readValue(
                "apiVersion: insight-engine.io/v1alpha1\nkind: TrainingPair\nmetadata:\n  name: sneaky\n"
                    + "spec:\n  projectRef:\n    name: shop\n  question: Show me the secrets\n"
                    + "  sql: SELECT * FROM staging.stg_customers\n",
                GenericKubernetesResource.class);
    client.resource(sneaky).inNamespace(namespace).create();

    engine =
        awaitStatus(
            "insight",
            e ->
                condition(e, InsightEngineReconciler.CONFIG_APPLIED)
                    .getMessage()
                    .contains("1 invalid"));
    assertThat(engine.getStatus().getBundleRevision()).isEqualTo(before);
    assertThat(get(ConfigMap.class, "insight-bundle").getData())
        .doesNotContainKey("trainingpair-sneaky.yaml");
    assertThat(engine.getStatus().getProjects()).isEqualTo(1);
  }

  @Test
  void movingAProjectToAnotherEngineMovesItsResourcesAtOnce() throws Exception {
    ExampleManifests.apply(client, namespace, "examples/quickstart");
    awaitWholeQuickstartBundled();
    client
        .resource(
            new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readValue(
                    "apiVersion: insight-engine.io/v1alpha1\nkind: InsightEngine\n"
                        + "metadata:\n  name: other\nspec:\n  replicas: 1\n",
                    GenericKubernetesResource.class))
        .inNamespace(namespace)
        .create();
    await()
        .atMost(WAIT)
        .until(
            () ->
                client.configMaps().inNamespace(namespace).withName("other-bundle").get() != null);

    edit(
        Project.class,
        "shop",
        p -> {
          p.getSpec().getEngineRef().setName("other");
          return p;
        });

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(get(ConfigMap.class, "other-bundle").getData())
                  .containsKeys("project-shop.yaml", "semanticmodel-shop-warehouse.yaml");
              assertThat(get(ConfigMap.class, "insight-bundle").getData()).isNullOrEmpty();
            });
  }

  @Test
  void moreReplicasGetADisruptionBudgetAndAutoscalingAnAutoscaler() {
    ExampleManifests.apply(client, namespace, "examples/quickstart");
    awaitWholeQuickstartBundled();
    String token =
        get(io.fabric8.kubernetes.api.model.Secret.class, "insight-internal")
            .getData()
            .get("token");

    edit(
        InsightEngine.class,
        "insight",
        e -> {
          e.getSpec().setReplicas(3);
          return e;
        });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(find(PodDisruptionBudget.class, "insight")).isNotNull();
              assertThat(get(Deployment.class, "insight").getSpec().getReplicas()).isEqualTo(3);
            });

    edit(
        InsightEngine.class,
        "insight",
        e -> {
          var autoscaling = new io.insightengine.api.v1alpha1.engine.AutoscalingSpec();
          autoscaling.setMinReplicas(2);
          autoscaling.setMaxReplicas(5);
          e.getSpec().setAutoscaling(autoscaling);
          return e;
        });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              HorizontalPodAutoscaler hpa = find(HorizontalPodAutoscaler.class, "insight");
              assertThat(hpa).isNotNull();
              assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5);
              assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("insight");
            });

    edit(
        InsightEngine.class,
        "insight",
        e -> {
          e.getSpec().setAutoscaling(null);
          e.getSpec().setReplicas(1);
          return e;
        });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(find(HorizontalPodAutoscaler.class, "insight")).isNull();
              assertThat(find(PodDisruptionBudget.class, "insight")).isNull();
            });
    // Reconciled many times over: the internal token was created once and never rewritten.
    assertThat(
            get(io.fabric8.kubernetes.api.model.Secret.class, "insight-internal")
                .getData()
                .get("token"))
        .isEqualTo(token);
  }

  /**
   * Waits until the bundle holds every Project, SemanticModel, DataPolicy and TrainingPair of the
   * quickstart (the engine may first see only part of what is being applied) and the engine's
   * status reports that revision.
   */
  private InsightEngine awaitWholeQuickstartBundled() {
    List<String> expected =
        ExampleManifests.read("examples/quickstart").stream()
            .filter(
                r ->
                    List.of("Project", "SemanticModel", "DataPolicy", "TrainingPair")
                        .contains(r.getKind()))
            .map(
                r ->
                    r.getKind().toLowerCase(java.util.Locale.ROOT)
                        + "-"
                        + r.getMetadata().getName()
                        + ".yaml")
            .toList();
    assertThat(expected).hasSizeGreaterThan(10);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ConfigMap bundle = get(ConfigMap.class, "insight-bundle");
              assertThat(bundle.getData().keySet()).containsExactlyInAnyOrderElementsOf(expected);
              assertThat(get(InsightEngine.class, "insight").getStatus())
                  .isNotNull()
                  .extracting(s -> s.getBundleRevision())
                  .isEqualTo(
                      bundle
                          .getMetadata()
                          .getAnnotations()
                          .get(EngineResources.REVISION_ANNOTATION));
            });
    return get(InsightEngine.class, "insight");
  }

  private InsightEngine awaitStatus(
      String name, java.util.function.Predicate<InsightEngine> until) {
    return await()
        .atMost(WAIT)
        .until(
            () -> find(InsightEngine.class, name),
            e -> e != null && e.getStatus() != null && until.test(e));
  }

  private <T extends HasMetadata> T get(Class<T> type, String name) {
    return await()
        .atMost(WAIT)
        .until(
            () -> client.resources(type).inNamespace(namespace).withName(name).get(),
            r -> r != null);
  }

  private static Condition condition(InsightEngine engine, String type) {
    return Conditions.find(engine.getStatus().getConditions(), type)
        .orElse(new Condition(type, ConditionStatus.Unknown, "", ""));
  }

  private static boolean isTrue(InsightEngine engine, String type) {
    return condition(engine, type).getStatus() == ConditionStatus.True;
  }

  private static boolean isFalse(InsightEngine engine, String type) {
    return condition(engine, type).getStatus() == ConditionStatus.False;
  }

  private static void assertOwnedBy(OwnerReference owner, InsightEngine engine) {
    assertThat(owner.getKind()).isEqualTo("InsightEngine");
    assertThat(owner.getName()).isEqualTo(engine.getMetadata().getName());
    assertThat(owner.getUid()).isEqualTo(engine.getMetadata().getUid());
    assertThat(owner.getApiVersion()).isEqualTo("insight-engine.io/v1alpha1");
  }
}
