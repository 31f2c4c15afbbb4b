package io.insightengine.operator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.insightengine.api.v1alpha1.common.Condition;
import io.insightengine.api.v1alpha1.common.ConditionStatus;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ready from the Deployment's own status, as the Deployment controller writes it. */
class EngineReadinessTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  private static InsightEngine engine(String spec) throws Exception {
    return YAML.readValue(
        "apiVersion: insight-engine.io/v1alpha1\nkind: InsightEngine\nmetadata:\n  name: insight\n"
            + "spec:\n"
            + spec,
        InsightEngine.class);
  }

  /** A Deployment at {@code generation}, its controller's view given by the builder. */
  private static DeploymentBuilder deployment(long generation, Integer specReplicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("insight")
        .withGeneration(generation)
        .endMetadata()
        .withNewSpec()
        .withReplicas(specReplicas)
        .endSpec();
  }

  /** A status as the Deployment controller writes it: observed generation and pod counts. */
  private static DeploymentStatusBuilder rollout(
      long observed, int replicas, int updated, int ready, int available) {
    return new DeploymentStatusBuilder()
        .withObservedGeneration(observed)
        .withReplicas(replicas)
        .withUpdatedReplicas(updated)
        .withReadyReplicas(ready)
        .withAvailableReplicas(available);
  }

  private static Condition ready(InsightEngine engine, Deployment deployment) {
    return EngineReadiness.of(engine, Optional.ofNullable(deployment));
  }

  @Test
  void allPodsOfTheCurrentSpecReadyIsReady() throws Exception {
    Deployment d = deployment(2, 1).withStatus(rollout(2L, 1, 1, 1, 1).build()).build();
    Condition c = ready(engine("  replicas: 1\n"), d);
    assertThat(c.getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(c.getReason()).isEqualTo("AllReplicasReady");
    assertThat(c.getMessage()).isEqualTo("1 of 1 engine pod(s) ready");
  }

  @Test
  void anOldPodReadyDuringAStuckRolloutIsNotReady() throws Exception {
    // A new image that does not exist: the old pod still serves, the new one never starts.
    Deployment d =
        deployment(2, 1)
            .withStatus(rollout(2L, 2, 1, 1, 1).withUnavailableReplicas(1).build())
            .build();
    assertThat(ready(engine("  replicas: 1\n"), d).getReason()).isEqualTo("RolloutInProgress");

    d.getStatus()
        .getConditions()
        .add(
            new DeploymentConditionBuilder()
                .withType("Progressing")
                .withStatus("False")
                .withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet \"insight-7d9\" has timed out progressing.")
                .build());
    Condition c = ready(engine("  replicas: 1\n"), d);
    assertThat(c.getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(c.getReason()).isEqualTo("ProgressDeadlineExceeded");
    assertThat(c.getMessage()).contains("has timed out progressing").contains("1 of 1");
  }

  @Test
  void podsThatCannotBeCreatedAreAFailureNotAWait() throws Exception {
    Deployment d =
        deployment(1, 1)
            .withStatus(
                new DeploymentStatusBuilder()
                    .withObservedGeneration(1L)
                    .withConditions(
                        new DeploymentConditionBuilder()
                            .withType("ReplicaFailure")
                            .withStatus("True")
                            .withReason("FailedCreate")
                            .withMessage("pods \"insight-\" is forbidden: exceeded quota")
                            .build())
                    .build())
            .build();
    Condition c = ready(engine("  replicas: 1\n"), d);
    assertThat(c.getReason()).isEqualTo("ReplicaFailure");
    assertThat(c.getMessage()).contains("FailedCreate").contains("exceeded quota");
  }

  @Test
  void aSpecNotYetObservedIsARolloutInProgress() throws Exception {
    Deployment d = deployment(3, 1).withStatus(rollout(2L, 1, 1, 1, 1).build()).build();
    assertThat(ready(engine("  replicas: 1\n"), d).getReason()).isEqualTo("RolloutInProgress");
    assertThat(ready(engine("  replicas: 1\n"), null).getReason()).isEqualTo("ReplicasNotReady");
  }

  @Test
  void underAutoscalingTheWantedCountIsTheAutoscalersAndAtLeastItsMinimum() throws Exception {
    InsightEngine scaled = engine("  autoscaling:\n    minReplicas: 2\n    maxReplicas: 5\n");
    Deployment twoReady = deployment(1, null).withStatus(rollout(1L, 2, 2, 2, 2).build()).build();
    assertThat(EngineReadiness.desired(scaled, Optional.of(twoReady))).isEqualTo(2);
    assertThat(ready(scaled, twoReady).getReason()).isEqualTo("AllReplicasReady");

    twoReady.getSpec().setReplicas(4); // the autoscaler scaled out
    assertThat(EngineReadiness.desired(scaled, Optional.of(twoReady))).isEqualTo(4);
    assertThat(ready(scaled, twoReady).getReason()).isEqualTo("RolloutInProgress");

    twoReady.getSpec().setReplicas(1); // below the minimum: the minimum counts
    assertThat(EngineReadiness.desired(scaled, Optional.of(twoReady))).isEqualTo(2);
  }
}
