package io.insightengine.operator.dbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.insightengine.api.v1alpha1.common.Condition;
import io.insightengine.api.v1alpha1.common.Conditions;
import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.dbt.DbtRunStatus;
import io.insightengine.operator.apiserver.ApiServerTest;
import io.insightengine.operator.apiserver.ExampleManifests;
import io.insightengine.operator.apiserver.TestOperators;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DbtRuns on the real API server. No kubelet or Job controller runs here: the test writes the Job's
 * and the pod's status (the dbt container's termination message included) as they would.
 */
class DbtRunReconcilerTest extends ApiServerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final YAMLMapper YAML = new YAMLMapper();
  private Operator operator;

  @BeforeEach
  void startOperator() throws Exception {
    operator = TestOperators.start(client, namespace, new DbtRunReconciler());
    create(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: warehouse-dbt\nstringData:\n"
            + "  username: dbt\n  password: secret\n");
    create(
        "apiVersion: insight-engine.io/v1alpha1\nkind: Project\nmetadata:\n  name: sales\nspec:\n"
            + "  engineRef:\n    name: insight\n  datasource:\n    type: postgres\n"
            + "    host: warehouse.data.svc\n    port: 5432\n    database: warehouse\n"
            + "    credentialsSecret:\n      name: warehouse-dbt\n");
  }

  @AfterEach
  void stopOperator() {
    operator.stop();
  }

  @Test
  void aRunAgainstTheEmbeddedWarehouseSaysWhyItCannotStart() {
    ExampleManifests.apply(client, namespace, "examples/quickstart");

    DbtRun run =
        awaitRun("shop-nightly-build", r -> ready(r).getReason().equals("EmbeddedWarehouse"));
    assertThat(ready(run).getMessage()).contains("datasource.host");
    assertThat(client.batch().v1().cronjobs().inNamespace(namespace).list().getItems()).isEmpty();
  }

  @Test
  void aOneOffRunBecomesAJobAndItsResultsReachTheStatus() throws Exception {
    create(
        "apiVersion: insight-engine.io/v1alpha1\nkind: DbtRun\nmetadata:\n  name: rebuild\nspec:\n"
            + "  projectRef:\n    name: sales\n  source:\n    git:\n"
            + "      url: https://git.example.com/analytics/shop.git\n      revision: v2\n      path: dbt\n"
            + "  command: build\n  exclude: [tag:staging_only]\n  vars:\n    run_mode: nightly\n"
            + "  timeout: 45m\n  retries: 3\n  ttlSecondsAfterFinished: 600\n");

    Job job =
        await()
            .atMost(WAIT)
            .until(
                () -> client.batch().v1().jobs().inNamespace(namespace).withName("rebuild-1").get(),
                j -> j != null);
    var spec = job.getSpec();
    assertThat(spec.getBackoffLimit()).isEqualTo(3);
    assertThat(spec.getActiveDeadlineSeconds()).isEqualTo(45 * 60);
    assertThat(spec.getTtlSecondsAfterFinished()).isEqualTo(600);
    var pod = spec.getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getInitContainers())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getName()).isEqualTo("fetch-project");
              assertThat(c.getEnv())
                  .anySatisfy(
                      e ->
                          assertThat(e.getValue())
                              .isEqualTo("https://git.example.com/analytics/shop.git"));
              assertThat(c.getEnv()).anySatisfy(e -> assertThat(e.getValue()).isEqualTo("v2"));
            });
    var dbt = pod.getContainers().get(0);
    assertThat(dbt.getImage()).isEqualTo(DbtJobs.DEFAULT_DBT_IMAGE);
    assertThat(dbt.getWorkingDir()).isEqualTo("/workspace/src/dbt");
    String script = dbt.getCommand().get(2);
    assertThat(script)
        .startsWith(
            "dbt build --profiles-dir . --target postgres --exclude 'tag:staging_only' --vars '{\"run_mode\":\"nightly\"}'");
    assertThat(script).contains("run_results.json").endsWith("exit $rc");
    assertThat(dbt.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("DBT_PG_PASSWORD");
              assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("warehouse-dbt");
            });
    assertThat(dbt.getEnv())
        .anySatisfy(e -> assertThat(e.getValue()).isEqualTo("warehouse.data.svc"));
    // After a successful run the artifacts go to the project's engine, with the engine's token.
    assertThat(dbt.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("INSIGHT_ENGINE_URL");
              assertThat(e.getValue()).isEqualTo("http://insight." + namespace + ".svc:80");
            });
    // ... naming the DbtRun: the engine keys deliveries by project and run.
    assertThat(dbt.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("INSIGHT_DBT_RUN");
              assertThat(e.getValue()).isNotBlank();
            });
    assertThat(dbt.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("INSIGHT_INTERNAL_TOKEN");
              assertThat(e.getValueFrom().getSecretKeyRef().getName())
                  .isEqualTo("insight-internal");
            });
    assertThat(script).contains("/internal/v1/projects/").contains("target/manifest.json");
    assertThat(job.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getName()).isEqualTo("rebuild"));

    // The Job controller starts it ...
    String started = Instant.now().toString().replaceAll("\\.\\d+Z$", "Z");
    job.setStatus(new JobStatusBuilder().withActive(1).withStartTime(started).build());
    client.resource(job).inNamespace(namespace).updateStatus();
    DbtRun run = awaitRun("rebuild", r -> r.getStatus().getPhase() == DbtRunStatus.Phase.Running);
    assertThat(run.getStatus().getStartTime()).isEqualTo(started);
    assertThat(run.getStatus().getJobName()).isEqualTo("rebuild-1");

    // ... its pod's dbt container ends with the run_results summary in its termination message ...
    attempt(
        "rebuild-1-abcde",
        "rebuild-1",
        "rebuild",
        0,
        "{\"total\": 141, \"models\": {\"passed\": 15}, \"tests\": {\"passed\": 125, \"warned\": 1}, \"failures\": [], \"artifactsRevision\": \"abc123\"}");
    // ... and the Job completes.
    job = client.batch().v1().jobs().inNamespace(namespace).withName("rebuild-1").get();
    String finished = Instant.now().plusSeconds(1).toString().replaceAll("\\.\\d+Z$", "Z");
    complete(job, started, finished);

    run = awaitRun("rebuild", r -> r.getStatus().getPhase() == DbtRunStatus.Phase.Succeeded);
    assertThat(run.getStatus().getCompletionTime()).isEqualTo(finished);
    assertThat(run.getStatus().getModels().getPassed()).isEqualTo(15);
    assertThat(run.getStatus().getTests().getPassed()).isEqualTo(125);
    assertThat(run.getStatus().getTests().getWarned()).isEqualTo(1);
    assertThat(run.getStatus().getProgress().getTotal()).isEqualTo(141);
    assertThat(run.getStatus().getArtifactsRevision()).isEqualTo("abc123");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(client.v1().events().inNamespace(namespace).list().getItems())
                    .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("DbtRunSucceeded")));
    assertThat(ready(run).getStatus().name()).isEqualTo("True");
    assertThat(ready(run).getMessage())
        .isEqualTo("models 15 passed, 0 failed; tests 125 passed, 0 failed");
  }

  @Test
  void aRetryDoesNotShowThePreviousAttemptsResultsAsItsOwn() throws Exception {
    create(
        "apiVersion: insight-engine.io/v1alpha1\nkind: DbtRun\nmetadata:\n  name: retried\nspec:\n"
            + "  projectRef:\n    name: sales\n  source:\n    image:\n      name: dbt:1\n"
            + "  retries: 2\n");
    Job job =
        await()
            .atMost(WAIT)
            .until(
                () -> client.batch().v1().jobs().inNamespace(namespace).withName("retried-1").get(),
                j -> j != null);
    job.setStatus(new JobStatusBuilder().withActive(1).build());
    client.resource(job).inNamespace(namespace).updateStatus();

    // The first attempt fails with results ...
    attempt(
        "retried-1-first",
        "retried-1",
        "retried",
        1,
        "{\"total\": 3, \"models\": {\"passed\": 1, \"failed\": 2}, \"failures\":"
            + " [{\"node\": \"model.shop.orders\", \"message\": \"relation missing\"}]}");
    DbtRun run =
        awaitRun(
            "retried",
            r -> r.getStatus().getModels() != null && r.getStatus().getModels().getFailed() == 2);
    assertThat(run.getStatus().getFailures()).hasSize(1);

    // ... and the Job starts a second pod (creation timestamps have a resolution of a second).
    Thread.sleep(1100);
    attempt("retried-1-second", "retried-1", "retried", 0, null);
    run =
        awaitRun(
            "retried",
            r ->
                r.getStatus().getModels() == null
                    && r.getStatus().getFailures().isEmpty()
                    && r.getStatus().getPhase() == DbtRunStatus.Phase.Running);
    assertThat(run.getStatus().getTests()).isNull();
  }

  @Test
  void aRunWhoseArtifactsDidNotReachTheEngineSaysSo() throws Exception {
    create(
        "apiVersion: insight-engine.io/v1alpha1\nkind: DbtRun\nmetadata:\n  name: undelivered\n"
            + "spec:\n  projectRef:\n    name: sales\n  source:\n    image:\n      name: dbt:1\n");
    Job job =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    client
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace(namespace)
                        .withName("undelivered-1")
                        .get(),
                j -> j != null);
    attempt(
        "undelivered-1-abcde",
        "undelivered-1",
        "undelivered",
        0,
        "{\"total\": 2, \"models\": {\"passed\": 1}, \"tests\": {\"passed\": 1}, \"failures\": [],"
            + " \"deliveryError\": \"the engine answered 404: this engine serves no project sales\"}");
    String now = Instant.now().toString().replaceAll("\\.\\d+Z$", "Z");
    complete(job, now, now);

    DbtRun run =
        awaitRun("undelivered", r -> r.getStatus().getPhase() == DbtRunStatus.Phase.Succeeded);
    assertThat(run.getStatus().getArtifactsRevision()).isNull();
    assertThat(ready(run).getReason()).isEqualTo("ArtifactsNotDelivered");
    assertThat(ready(run).getMessage())
        .isEqualTo(
            "models 1 passed, 0 failed; tests 1 passed, 0 failed; the artifacts were not delivered"
                + " to the engine: the engine answered 404: this engine serves no project sales");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(client.v1().events().inNamespace(namespace).list().getItems())
                    .anySatisfy(
                        e -> {
                          assertThat(e.getReason()).isEqualTo("ArtifactsNotDelivered");
                          assertThat(e.getType()).isEqualTo("Warning");
                        }));
  }

  /** The Job completed, as the Job controller records it. */
  private void complete(Job job, String started, String finished) {
    job.setStatus(
        new JobStatusBuilder()
            .withSucceeded(1)
            .withStartTime(started)
            .withCompletionTime(finished)
            .addNewCondition()
            .withType("SuccessCriteriaMet")
            .withStatus("True")
            .endCondition()
            .addNewCondition()
            .withType("Complete")
            .withStatus("True")
            .endCondition()
            .build());
    client.resource(job).inNamespace(namespace).updateStatus();
  }

  /**
   * A dbt pod of {@code job} as the Job controller and kubelet leave it: ended with {@code exit}
   * and {@code results} as the dbt container's termination message, or running when null.
   */
  private void attempt(String name, String job, String run, int exit, String results) {
    Pod pod =
        client
            .pods()
            .inNamespace(namespace)
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .addToLabels("job-name", job)
                    .addToLabels(DbtJobs.RUN_LABEL, run)
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("dbt")
                    .withImage(DbtJobs.DEFAULT_DBT_IMAGE)
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
    var state = new io.fabric8.kubernetes.api.model.ContainerStateBuilder();
    if (results != null) {
      state.withNewTerminated().withExitCode(exit).withMessage(results).endTerminated();
    } else {
      state.withNewRunning().endRunning();
    }
    pod.setStatus(
        new PodStatusBuilder()
            .withPhase(results == null ? "Running" : exit == 0 ? "Succeeded" : "Failed")
            .addNewContainerStatus()
            .withName("dbt")
            .withImage(DbtJobs.DEFAULT_DBT_IMAGE)
            .withImageID("")
            .withReady(results == null)
            .withRestartCount(0)
            .withState(state.build())
            .endContainerStatus()
            .build());
    client.resource(pod).inNamespace(namespace).updateStatus();
  }

  @Test
  void aScheduledRunBecomesACronJob() throws Exception {
    create(
        "apiVersion: insight-engine.io/v1alpha1\nkind: DbtRun\nmetadata:\n  name: nightly\nspec:\n"
            + "  projectRef:\n    name: sales\n  source:\n    image:\n      name: registry.example.com/analytics/shop-dbt:1.4.2\n"
            + "  command: build\n  schedule: \"0 3 * * *\"\n");

    CronJob cron =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    client.batch().v1().cronjobs().inNamespace(namespace).withName("nightly").get(),
                c -> c != null);
    assertThat(cron.getSpec().getSchedule()).isEqualTo("0 3 * * *");
    assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    var dbt =
        cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(dbt.getImage()).isEqualTo("registry.example.com/analytics/shop-dbt:1.4.2");
    assertThat(dbt.getWorkingDir()).isEqualTo("/usr/app");
    assertThat(
            cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getInitContainers())
        .isEmpty();
    DbtRun run = awaitRun("nightly", r -> r.getStatus().getPhase() == DbtRunStatus.Phase.Scheduled);
    assertThat(ready(run).getReason()).isEqualTo("Scheduled");
  }

  private DbtRun awaitRun(String name, java.util.function.Predicate<DbtRun> until) {
    return await()
        .atMost(WAIT)
        .until(
            () -> find(DbtRun.class, name),
            r ->
                r != null
                    && r.getStatus() != null
                    && !r.getStatus().getConditions().isEmpty()
                    && until.test(r));
  }

  private static Condition ready(DbtRun run) {
    return Conditions.find(run.getStatus().getConditions(), Conditions.READY).orElseThrow();
  }

  private void create(String yaml) throws Exception {
    client
        .resource(YAML.readValue(yaml, GenericKubernetesResource.class))
        .inNamespace(namespace)
        .create();
  }
}
