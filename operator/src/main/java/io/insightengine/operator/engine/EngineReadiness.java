package io.insightengine.operator.engine;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.insightengine.api.v1alpha1.common.Condition;
import io.insightengine.api.v1alpha1.common.ConditionStatus;
import io.insightengine.api.v1alpha1.common.Conditions;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import java.util.Optional;

/**
 * An engine's {@code Ready}, read from its Deployment the way {@code kubectl rollout status} reads
 * a rollout: counting only pods of the current spec, failing on the Deployment controller's own
 * verdicts. Ready pods of an old spec (a rollout to an image that does not exist) are not "all
 * ready". Reasons:
 *
 * <ul>
 *   <li>True {@code AllReplicasReady};
 *   <li>False {@code RolloutInProgress}, {@code ReplicasNotReady}: progressing, wait;
 *   <li>False {@code ProgressDeadlineExceeded}, {@code ReplicaFailure}: degraded, the Deployment
 *       controller gave up or cannot create pods; its message says why.
 * </ul>
 */
final class EngineReadiness {
  private EngineReadiness() {}

  /**
   * How many ready pods are wanted: the engine's replicas, or under autoscaling what the autoscaler
   * set on the Deployment, never fewer than its minimum.
   */
  static int desired(InsightEngine engine, Optional<Deployment> deployment) {
    var autoscaling = engine.getSpec() != null ? engine.getSpec().getAutoscaling() : null;
    if (autoscaling == null) {
      return EngineResources.replicas(engine);
    }
    int minimum = autoscaling.getMinReplicas() != null ? autoscaling.getMinReplicas() : 1;
    int scaled =
        deployment.map(d -> d.getSpec() != null ? d.getSpec().getReplicas() : null).orElse(minimum);
    return Math.max(minimum, scaled);
  }

  static Condition of(InsightEngine engine, Optional<Deployment> found) {
    int desired = desired(engine, found);
    if (found.isEmpty()) {
      return notReady("ReplicasNotReady", "the engine Deployment does not exist yet");
    }
    Deployment deployment = found.get();
    DeploymentStatus status =
        deployment.getStatus() != null ? deployment.getStatus() : new DeploymentStatus();
    int ready = count(status.getReadyReplicas());
    String counts = ready + " of " + desired + " engine pod(s) ready";
    Optional<DeploymentCondition> progressing = condition(status, "Progressing");
    if (progressing.isPresent()
        && "False".equals(progressing.get().getStatus())
        && "ProgressDeadlineExceeded".equals(progressing.get().getReason())) {
      return notReady(
          "ProgressDeadlineExceeded",
          "the rollout did not progress in time: "
              + progressing.get().getMessage()
              + "; "
              + counts);
    }
    Optional<DeploymentCondition> replicaFailure = condition(status, "ReplicaFailure");
    if (replicaFailure.isPresent() && "True".equals(replicaFailure.get().getStatus())) {
      return notReady(
          "ReplicaFailure",
          "pods cannot be created ("
              + replicaFailure.get().getReason()
              + "): "
              + replicaFailure.get().getMessage()
              + "; "
              + counts);
    }
    Long generation = deployment.getMetadata().getGeneration();
    if (generation != null && count(status.getObservedGeneration()) < generation) {
      return notReady(
          "RolloutInProgress",
          "the Deployment controller has not seen the new spec yet; " + counts);
    }
    int updated = count(status.getUpdatedReplicas());
    if (updated < desired) {
      return notReady(
          "RolloutInProgress", updated + " of " + desired + " engine pod(s) updated; " + counts);
    }
    int old = count(status.getReplicas()) - updated;
    if (old > 0) {
      return notReady(
          "RolloutInProgress",
          old + " engine pod(s) of the previous spec still running; " + counts);
    }
    int available = count(status.getAvailableReplicas());
    if (ready < desired || available < desired) {
      return notReady("ReplicasNotReady", counts);
    }
    return new Condition(Conditions.READY, ConditionStatus.True, "AllReplicasReady", counts);
  }

  private static Optional<DeploymentCondition> condition(DeploymentStatus status, String type) {
    return status.getConditions() == null
        ? Optional.empty()
        : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private static int count(Number n) {
    return n == null ? 0 : n.intValue();
  }

  private static Condition notReady(String reason, String message) {
    return new Condition(Conditions.READY, ConditionStatus.False, reason, message);
  }
}
