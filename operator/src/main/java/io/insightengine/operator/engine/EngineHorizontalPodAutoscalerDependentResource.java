package io.insightengine.operator.engine;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.insightengine.api.v1alpha1.engine.AutoscalingSpec;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Scales the engine Deployment on CPU, when spec.autoscaling is set. */
public class EngineHorizontalPodAutoscalerDependentResource
    extends CRUDKubernetesDependentResource<HorizontalPodAutoscaler, InsightEngine> {
  public EngineHorizontalPodAutoscalerDependentResource() {
    super(HorizontalPodAutoscaler.class);
  }

  @Override
  protected HorizontalPodAutoscaler desired(InsightEngine engine, Context<InsightEngine> context) {
    // JOSDK also asks for the desired object to find the one to delete once autoscaling is unset.
    AutoscalingSpec autoscaling =
        engine.getSpec().getAutoscaling() != null
            ? engine.getSpec().getAutoscaling()
            : new AutoscalingSpec();
    return new HorizontalPodAutoscalerBuilder()
        .withMetadata(EngineResources.metadata(engine, EngineResources.name(engine)))
        .withNewSpec()
        .withNewScaleTargetRef()
        .withApiVersion("apps/v1")
        .withKind("Deployment")
        .withName(EngineResources.name(engine))
        .endScaleTargetRef()
        .withMinReplicas(autoscaling.getMinReplicas())
        .withMaxReplicas(
            autoscaling.getMaxReplicas() != null
                ? autoscaling.getMaxReplicas()
                : EngineResources.replicas(engine))
        .addNewMetric()
        .withType("Resource")
        .withNewResource()
        .withName("cpu")
        .withNewTarget()
        .withType("Utilization")
        .withAverageUtilization(
            autoscaling.getTargetCpuUtilizationPercent() != null
                ? autoscaling.getTargetCpuUtilizationPercent()
                : 70)
        .endTarget()
        .endResource()
        .endMetric()
        .endSpec()
        .build();
  }

  /** spec.autoscaling is set. */
  public static class AutoscalingSet implements Condition<HorizontalPodAutoscaler, InsightEngine> {
    @Override
    public boolean isMet(
        DependentResource<HorizontalPodAutoscaler, InsightEngine> dependentResource,
        InsightEngine engine,
        Context<InsightEngine> context) {
      return engine.getSpec() != null && engine.getSpec().getAutoscaling() != null;
    }
  }
}
