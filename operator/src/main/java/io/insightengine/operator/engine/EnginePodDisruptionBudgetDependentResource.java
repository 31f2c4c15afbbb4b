package io.insightengine.operator.engine;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Keeps one engine pod up through voluntary disruptions, when there is more than one. */
public class EnginePodDisruptionBudgetDependentResource
    extends CRUDKubernetesDependentResource<PodDisruptionBudget, InsightEngine> {
  public EnginePodDisruptionBudgetDependentResource() {
    super(PodDisruptionBudget.class);
  }

  @Override
  protected PodDisruptionBudget desired(InsightEngine engine, Context<InsightEngine> context) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(EngineResources.metadata(engine, EngineResources.name(engine)))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(EngineResources.selector(engine))
        .endSelector()
        .endSpec()
        .build();
  }

  /** More than one replica, fixed or as the autoscaler's minimum. */
  public static class MoreThanOneReplica implements Condition<PodDisruptionBudget, InsightEngine> {
    @Override
    public boolean isMet(
        DependentResource<PodDisruptionBudget, InsightEngine> dependentResource,
        InsightEngine engine,
        Context<InsightEngine> context) {
      var autoscaling = engine.getSpec() == null ? null : engine.getSpec().getAutoscaling();
      int replicas =
          autoscaling != null && autoscaling.getMinReplicas() != null
              ? autoscaling.getMinReplicas()
              : EngineResources.replicas(engine);
      return replicas > 1;
    }
  }
}
