package io.insightengine.operator.engine;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import io.insightengine.operator.bundle.BundleResources;
import io.insightengine.operator.bundle.ConfigBundleAssembler;
import io.insightengine.operator.bundle.ConfigBundleAssembler.Bundle;
import io.insightengine.operator.common.Informers;
import io.insightengine.operator.common.PerReconciliation;
import io.insightengine.operator.validation.ResourceValidator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The bundle of the engine being reconciled, assembled once per reconciliation from the informer
 * caches (every Project, SemanticModel, DataPolicy, TrainingPair, DbtRun, Secret and ConfigMap —
 * the last two as metadata only — of the namespace is a secondary resource of each engine there)
 * and shared by the ConfigMap dependent and the status.
 */
final class EngineBundles {
  private static final String KEY = "insight-engine.io/bundle";
  private static final String RESOURCES_KEY = "insight-engine.io/bundle-resources";
  private static final ConfigBundleAssembler ASSEMBLER =
      new ConfigBundleAssembler(new ResourceValidator());

  private EngineBundles() {}

  static Bundle of(InsightEngine engine, Context<InsightEngine> context) {
    return PerReconciliation.get(
        context, KEY, Bundle.class, () -> ASSEMBLER.assemble(engine, resources(engine, context)));
  }

  /**
   * What the namespace holds, read once per reconciliation (the bundle and the status share it).
   */
  static BundleResources resources(InsightEngine engine, Context<InsightEngine> context) {
    return PerReconciliation.get(
        context, RESOURCES_KEY, BundleResources.class, () -> read(engine, context));
  }

  private static BundleResources read(InsightEngine engine, Context<InsightEngine> context) {
    String namespace = engine.getMetadata().getNamespace();
    return new BundleResources(
        List.of(engine),
        Informers.list(context, Project.class, namespace),
        Informers.list(context, SemanticModel.class, namespace),
        Informers.list(context, DataPolicy.class, namespace),
        Informers.list(context, TrainingPair.class, namespace),
        Informers.list(context, Secret.class, namespace).stream()
            .map(s -> s.getMetadata().getName())
            .collect(Collectors.toUnmodifiableSet()),
        Informers.list(context, ConfigMap.class, Informers.DBT_CONFIG_MAPS, namespace).stream()
            .map(c -> c.getMetadata().getName())
            .collect(Collectors.toUnmodifiableSet()),
        Informers.list(context, DbtRun.class, namespace));
  }
}
