package io.insightengine.operator.engine;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.insightengine.api.v1alpha1.common.Condition;
import io.insightengine.api.v1alpha1.common.ConditionStatus;
import io.insightengine.api.v1alpha1.common.Conditions;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.engine.InsightEngineStatus;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import io.insightengine.operator.bundle.ConfigBundleAssembler.Bundle;
import io.insightengine.operator.common.Events;
import io.insightengine.operator.common.Informers;
import io.insightengine.operator.common.NamespaceMappers;
import io.insightengine.operator.common.StatusPatches;
import io.insightengine.operator.validation.ResourceValidator;
import io.insightengine.operator.validation.Verdict;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * InsightEngine → the engine deployment: ServiceAccount, Role and RoleBinding (create DbtRuns, no
 * more), the config-bundle ConfigMap, Deployment, Service, a PodDisruptionBudget when there is more
 * than one replica and a HorizontalPodAutoscaler when autoscaling is set. The bundle holds the
 * valid resources of the engine's projects; any change to a Project, SemanticModel, DataPolicy,
 * TrainingPair or Secret of the namespace reconciles the engines there.
 */
@Workflow(
    dependents = {
      @Dependent(name = "service-account", type = EngineServiceAccountDependentResource.class),
      @Dependent(name = "role", type = EngineRoleDependentResource.class),
      @Dependent(
          name = "role-binding",
          type = EngineRoleBindingDependentResource.class,
          dependsOn = {"service-account", "role"}),
      @Dependent(name = "bundle", type = EngineBundleConfigMapDependentResource.class),
      @Dependent(name = "internal-token", type = EngineInternalTokenSecretDependentResource.class),
      @Dependent(
          name = "deployment",
          type = EngineDeploymentDependentResource.class,
          dependsOn = {"bundle", "service-account", "internal-token"}),
      @Dependent(name = "service", type = EngineServiceDependentResource.class),
      @Dependent(
          name = "pod-disruption-budget",
          type = EnginePodDisruptionBudgetDependentResource.class,
          reconcilePrecondition =
              EnginePodDisruptionBudgetDependentResource.MoreThanOneReplica.class),
      @Dependent(
          name = "autoscaler",
          type = EngineHorizontalPodAutoscalerDependentResource.class,
          dependsOn = "deployment",
          reconcilePrecondition =
              EngineHorizontalPodAutoscalerDependentResource.AutoscalingSet.class)
    })
@ControllerConfiguration(name = "insightengine")
// Beyond what the SDK derives from the workflow: Secrets are only checked for existence; events
// are recorded; the Lease is leader election's.
@RBACRule(
    apiGroups = "",
    resources = "secrets",
    verbs = {"get", "list", "watch"})
@RBACRule(
    apiGroups = "",
    resources = "events",
    verbs = {"create"})
@RBACRule(
    apiGroups = "coordination.k8s.io",
    resources = "leases",
    verbs = {"get", "create", "update"})
public class InsightEngineReconciler implements Reconciler<InsightEngine> {
  public static final String CONFIG_APPLIED = "ConfigApplied";

  private final ResourceValidator validator = new ResourceValidator();
  private final Clock clock = Clock.systemUTC();

  @Override
  public UpdateControl<InsightEngine> reconcile(
      InsightEngine engine, Context<InsightEngine> context) {
    String before = StatusPatches.snapshot(engine.getStatus());
    Bundle bundle = EngineBundles.of(engine, context);
    long generation = engine.getMetadata().getGeneration();
    InsightEngineStatus status =
        engine.getStatus() != null ? engine.getStatus() : new InsightEngineStatus();
    String previousRevision = status.getBundleRevision();
    status.setObservedGeneration(generation);
    status.setBundleRevision(bundle.revision());
    status.setProjects(bundle.projects());
    long invalid = bundle.invalid();
    Conditions.set(
        status.getConditions(),
        new Condition(
            CONFIG_APPLIED,
            ConditionStatus.True,
            "BundleWritten",
            "bundle revision "
                + bundle.revision()
                + " in ConfigMap "
                + EngineResources.bundleName(engine)
                + ": "
                + bundle.projects()
                + " project(s), "
                + bundle.files().size()
                + " resource(s)"
                + (invalid > 0
                    ? "; " + invalid + " invalid resource(s) left out (see their status)"
                    : "")),
        generation,
        clock);

    int desired = EngineResources.replicas(engine);
    int ready =
        context
            .getSecondaryResource(Deployment.class)
            .map(d -> d.getStatus() == null ? null : d.getStatus().getReadyReplicas())
            .orElse(0);
    status.setReadyReplicas(ready);
    Verdict verdict = validator.validate(engine, EngineBundles.resources(engine, context));
    Condition readyCondition;
    if (!verdict.valid()) {
      readyCondition =
          new Condition(
              Conditions.READY, ConditionStatus.False, verdict.reason(), verdict.message());
    } else if (ready >= desired) {
      readyCondition =
          new Condition(
              Conditions.READY,
              ConditionStatus.True,
              "AllReplicasReady",
              ready + " of " + desired + " engine pod(s) ready");
    } else {
      readyCondition =
          new Condition(
              Conditions.READY,
              ConditionStatus.False,
              "ReplicasNotReady",
              ready + " of " + desired + " engine pod(s) ready");
    }
    Conditions.set(status.getConditions(), readyCondition, generation, clock);
    if (previousRevision != null && !previousRevision.equals(bundle.revision())) {
      Events.normal(
          context.getClient(),
          engine,
          "BundleUpdated",
          "config bundle revision " + previousRevision + " -> " + bundle.revision());
    }
    return StatusPatches.patchIfChanged(engine, before, status, InsightEngine::new);
  }

  @Override
  public List<EventSource<?, InsightEngine>> prepareEventSources(
      EventSourceContext<InsightEngine> context) {
    // A Project concerns the engine it names; the other kinds the engine of their project.
    InformerEventSource<Project, InsightEngine> projects =
        Informers.of(Project.class, context, projectToEngines());
    return List.of(
        projects,
        Informers.of(
            SemanticModel.class,
            context,
            viaProject(projects, m -> m.getSpec().getProjectRef().getName())),
        Informers.of(
            DataPolicy.class,
            context,
            viaProject(projects, d -> d.getSpec().getProjectRef().getName())),
        Informers.of(
            TrainingPair.class,
            context,
            viaProject(projects, t -> t.getSpec().getProjectRef().getName())),
        // Secrets change rarely and any engine may refer to one.
        Informers.of(Secret.class, context, NamespaceMappers.allPrimaries(context)));
  }

  /**
   * A Project concerns the engine it names, and the engine it named before: moving a project to
   * another engine must take it out of the old engine's bundle at once. The mapper remembers the
   * engine each project named before (informer events carry only the new object).
   */
  private static SecondaryToPrimaryMapper<Project> projectToEngines() {
    // The SDK may call a mapper more than once per event: the state moves only when the engine
    // changes, so every call for the same Project returns the same pair.
    Map<ResourceID, List<String>> currentAndPrevious = new ConcurrentHashMap<>();
    return project -> {
      String namespace = project.getMetadata().getNamespace();
      String engine = project.getSpec().getEngineRef().getName();
      List<String> engines =
          currentAndPrevious.compute(
              ResourceID.fromResource(project),
              (id, known) ->
                  known == null
                      ? List.of(engine)
                      : known.get(0).equals(engine) ? known : List.of(engine, known.get(0)));
      Set<ResourceID> ids = new HashSet<>();
      engines.forEach(e -> ids.add(new ResourceID(e, namespace)));
      return ids;
    };
  }

  private static <R extends HasMetadata> SecondaryToPrimaryMapper<R> viaProject(
      InformerEventSource<Project, InsightEngine> projects, Function<R, String> projectName) {
    return resource ->
        projects
            .get(new ResourceID(projectName.apply(resource), resource.getMetadata().getNamespace()))
            .map(
                p ->
                    Set.of(
                        new ResourceID(
                            p.getSpec().getEngineRef().getName(),
                            resource.getMetadata().getNamespace())))
            .orElse(Set.of());
  }
}
