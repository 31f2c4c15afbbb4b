package io.insightengine.operator.engine;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.insightengine.api.v1alpha1.common.Condition;
import io.insightengine.api.v1alpha1.common.ConditionStatus;
import io.insightengine.api.v1alpha1.common.Conditions;
import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.engine.EngineProjectStatus;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
      @Dependent(
          name = EngineInternalTokenSecretDependentResource.NAME,
          type = EngineInternalTokenSecretDependentResource.class),
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
@ControllerConfiguration(name = "insight-engine-insightengine")
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
    verbs = {"get", "create", "update", "patch"}) // the client renews a held lease with a patch
public class InsightEngineReconciler implements Reconciler<InsightEngine> {
  public static final String CONFIG_APPLIED = "ConfigApplied";

  /** How often the engine's status is read while it does not serve the bundle yet, and after. */
  static final Duration POLL_PENDING = Duration.ofSeconds(15);

  static final Duration POLL_LOADED = Duration.ofSeconds(60);

  private static final int MAX_MESSAGE = 1024;

  private final ResourceValidator validator = new ResourceValidator();
  private final Clock clock = Clock.systemUTC();

  /** The bundle revision last announced (BundleUpdated) per engine uid. */
  private final Map<String, String> announced = new ConcurrentHashMap<>();

  private final EngineStatusClient engines;
  private final Duration pollPending;
  private final Duration pollLoaded;

  public InsightEngineReconciler() {
    this(EngineStatusClient.fromConfig());
  }

  public InsightEngineReconciler(EngineStatusClient engines) {
    this(engines, POLL_PENDING, POLL_LOADED);
  }

  /** With other intervals between reads of the engine's status (tests). */
  public InsightEngineReconciler(
      EngineStatusClient engines, Duration pollPending, Duration pollLoaded) {
    this.engines = engines;
    this.pollPending = pollPending;
    this.pollLoaded = pollLoaded;
  }

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
    EngineStatusClient.Result served = engines.read(engine, internalToken(engine, context));
    boolean loaded = applyServed(status, served);
    Conditions.set(
        status.getConditions(), configApplied(engine, bundle, served), generation, clock);
    Optional<Deployment> deployment = context.getSecondaryResource(Deployment.class);
    status.setReadyReplicas(
        deployment
            .map(d -> d.getStatus() == null ? null : d.getStatus().getReadyReplicas())
            .orElse(0));
    Verdict verdict = validator.validate(engine, EngineBundles.resources(engine, context));
    Condition readyCondition =
        verdict.valid()
            ? EngineReadiness.of(engine, deployment)
            : new Condition(
                Conditions.READY, ConditionStatus.False, verdict.reason(), verdict.message());
    Conditions.set(status.getConditions(), readyCondition, generation, clock);
    if (previousRevision != null
        && !previousRevision.equals(bundle.revision())
        // The next reconciliation may start from a cached status that predates this one's patch:
        // it would announce the same change again.
        && !bundle
            .revision()
            .equals(announced.put(engine.getMetadata().getUid(), bundle.revision()))) {
      Events.normal(
          context.getClient(),
          engine,
          "BundleUpdated",
          "config bundle revision " + previousRevision + " -> " + bundle.revision());
    }
    // The engine loads a new bundle when the kubelet updates the mounted ConfigMap (up to about a
    // minute): look again soon until it serves this one, then now and then.
    return StatusPatches.patchIfChanged(engine, before, status, InsightEngine::new)
        .rescheduleAfter(loaded ? pollLoaded : pollPending);
  }

  /** What the engine reports into status; whether it serves the bundle just written. */
  private static boolean applyServed(InsightEngineStatus status, EngineStatusClient.Result served) {
    if (served.report() == null) {
      // Not reachable: nothing is known about what it serves now.
      status.setServedRevision(null);
      status.setEngineProjects(new ArrayList<>());
      return false;
    }
    EngineStatusClient.EngineReport report = served.report();
    status.setServedRevision(report.revision());
    List<EngineProjectStatus> projects = new ArrayList<>();
    new TreeMap<>(report.projects())
        .forEach(
            (name, p) ->
                projects.add(
                    new EngineProjectStatus(
                        name, p.state(), reason(p.reason()), truncate(p.message()))));
    status.setEngineProjects(projects);
    return report.revision() != null && report.revision().equals(status.getBundleRevision());
  }

  /**
   * ConfigApplied: True {@code Loaded} when the engine serves the bundle's revision; False {@code
   * Refused} when it reports an error for a bundle change; False {@code Pending} while it serves an
   * older revision or cannot be reached yet. The message says what was written either way.
   */
  private static Condition configApplied(
      InsightEngine engine, Bundle bundle, EngineStatusClient.Result served) {
    long invalid = bundle.invalid();
    String written =
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
                : "");
    EngineStatusClient.EngineReport report = served.report();
    if (report == null) {
      return new Condition(
          CONFIG_APPLIED,
          ConditionStatus.False,
          "Pending",
          written + "; the engine is not reachable yet: " + served.unreachable());
    }
    if (bundle.revision().equals(report.revision())) {
      return new Condition(
          CONFIG_APPLIED,
          ConditionStatus.True,
          "Loaded",
          "the engine serves "
              + written
              + (report.loadedAt() != null ? " (loaded at " + report.loadedAt() + ")" : ""));
    }
    String serving =
        report.revision() != null
            ? "it still serves revision " + report.revision()
            : "it serves no bundle";
    if (report.error() != null) {
      return new Condition(
          CONFIG_APPLIED,
          ConditionStatus.False,
          "Refused",
          "the engine refused the bundle change: "
              + truncate(report.error())
              + "; "
              + serving
              + ". Written: "
              + written);
    }
    return new Condition(
        CONFIG_APPLIED,
        ConditionStatus.False,
        "Pending",
        written + "; the engine has not loaded it yet: " + serving);
  }

  /** The engine's internal bearer token, from the Secret the operator created for it. */
  private static String internalToken(InsightEngine engine, Context<InsightEngine> context) {
    String name = EngineInternalTokenSecretDependentResource.name(engine.getMetadata().getName());
    Secret secret =
        context
            .getSecondaryResource(Secret.class, EngineInternalTokenSecretDependentResource.NAME)
            .filter(s -> name.equals(s.getMetadata().getName()))
            .orElse(null);
    if (secret == null || secret.getData() == null || secret.getData().get("token") == null) {
      return null;
    }
    return new String(
        Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
  }

  /** A condition reason must be one CamelCase word; the engine's is used when it is one. */
  private static String reason(String reason) {
    return reason != null && reason.matches("[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?")
        ? reason
        : "EngineReported";
  }

  private static String truncate(String message) {
    if (message == null) {
      return null;
    }
    return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message;
  }

  @Override
  public List<EventSource<?, InsightEngine>> prepareEventSources(
      EventSourceContext<InsightEngine> context) {
    // A Project concerns the engine it names; the other kinds the engine of their project.
    InformerEventSource<Project, InsightEngine> projects =
        Informers.of(Project.class, context, projectToEngines());
    InformerEventSource<SemanticModel, InsightEngine> models =
        Informers.of(
            SemanticModel.class,
            context,
            viaProject(projects, m -> m.getSpec().getProjectRef().getName()));
    return List.of(
        projects,
        models,
        Informers.of(
            DataPolicy.class,
            context,
            viaProject(projects, d -> d.getSpec().getProjectRef().getName())),
        Informers.of(
            TrainingPair.class,
            context,
            viaProject(projects, t -> t.getSpec().getProjectRef().getName())),
        // A DbtRun a SemanticModel names decides whether the model is valid.
        Informers.of(
            DbtRun.class,
            context,
            viaProject(projects, r -> r.getSpec().getProjectRef().getName())),
        // A ConfigMap of dbt artifacts concerns the engines of the SemanticModels that name it.
        Informers.dbtConfigMaps(context, viaSemanticModels(projects, models)),
        // Secrets change rarely and any engine may refer to one.
        Informers.of(Secret.class, context, NamespaceMappers.allPrimaries(context)));
  }

  private static SecondaryToPrimaryMapper<ConfigMap> viaSemanticModels(
      InformerEventSource<Project, InsightEngine> projects,
      InformerEventSource<SemanticModel, InsightEngine> models) {
    SecondaryToPrimaryMapper<SemanticModel> toEngine =
        viaProject(projects, m -> m.getSpec().getProjectRef().getName());
    return configMap ->
        models
            .list(configMap.getMetadata().getNamespace())
            .filter(
                m ->
                    m.getSpec().getDbt() != null
                        && m.getSpec().getDbt().getConfigMapRef() != null
                        && configMap
                            .getMetadata()
                            .getName()
                            .equals(m.getSpec().getDbt().getConfigMapRef().getName()))
            .flatMap(m -> toEngine.toPrimaryResourceIDs(m).stream())
            .collect(java.util.stream.Collectors.toSet());
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
