package io.insightengine.operator.engine;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import io.insightengine.operator.bundle.BundleResources;
import io.insightengine.operator.bundle.ConfigBundleAssembler;
import io.insightengine.operator.bundle.ConfigBundleAssembler.Bundle;
import io.insightengine.operator.validation.ResourceValidator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The bundle of the engine being reconciled, assembled once per reconciliation from the informer
 * caches (every Project, SemanticModel, DataPolicy, TrainingPair and Secret of the namespace is a
 * secondary resource of each engine there) and shared by the ConfigMap dependent and the status.
 */
final class EngineBundles {
  private static final String KEY = "insight-engine.io/bundle";
  private static final ConfigBundleAssembler ASSEMBLER =
      new ConfigBundleAssembler(new ResourceValidator());

  private EngineBundles() {}

  static Bundle of(InsightEngine engine, Context<InsightEngine> context) {
    var shared = context.managedWorkflowAndDependentResourceContext();
    return shared
        .get(KEY, Bundle.class)
        .orElseGet(
            () -> {
              Bundle bundle = ASSEMBLER.assemble(engine, resources(engine, context));
              shared.put(KEY, bundle);
              return bundle;
            });
  }

  static BundleResources resources(InsightEngine engine, Context<InsightEngine> context) {
    String namespace = engine.getMetadata().getNamespace();
    return new BundleResources(
        List.of(engine),
        cached(context, Project.class, namespace),
        cached(context, SemanticModel.class, namespace),
        cached(context, DataPolicy.class, namespace),
        cached(context, TrainingPair.class, namespace),
        cached(context, Secret.class, namespace).stream()
            .map(s -> s.getMetadata().getName())
            .collect(Collectors.toUnmodifiableSet()));
  }

  /**
   * Everything of a kind in the namespace, from its informer's cache, by name (the bundle never
   * depends on the order informers list things in). Read from the cache rather than as secondary
   * resources: resources created before their engine are not indexed under it.
   */
  static <T extends HasMetadata> List<T> cached(
      Context<InsightEngine> context, Class<T> type, String namespace) {
    @SuppressWarnings("unchecked")
    InformerEventSource<T, InsightEngine> source =
        (InformerEventSource<T, InsightEngine>)
            context.eventSourceRetriever().getEventSourceFor(type, type.getSimpleName());
    return source
        .list(namespace)
        .sorted(Comparator.comparing(r -> r.getMetadata().getName()))
        .toList();
  }
}
