package io.insightengine.operator.common;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.CustomResource;
import io.insightengine.api.v1alpha1.common.BundledStatus;
import io.insightengine.api.v1alpha1.common.Condition;
import io.insightengine.api.v1alpha1.common.ConditionStatus;
import io.insightengine.api.v1alpha1.common.Conditions;
import io.insightengine.api.v1alpha1.common.ResourceStatus;
import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import io.insightengine.operator.bundle.BundleResources;
import io.insightengine.operator.bundle.ConfigBundleAssembler;
import io.insightengine.operator.engine.EngineResources;
import io.insightengine.operator.validation.ResourceValidator;
import io.insightengine.operator.validation.Verdict;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the Project, SemanticModel, DataPolicy and TrainingPair reconcilers share: check the
 * resource with the same {@link ResourceValidator} the engine's bundle is assembled with, and
 * report in status whether it is valid and which bundle revision holds it — read from the engine's
 * bundle ConfigMap, so the revision shown is one that really contains the resource as it is now.
 *
 * <p>Conditions: {@code Ready} True with reason {@code InBundle}; False with the validation's
 * CamelCase reason ({@code ProjectNotFound}, {@code SqlRefused} ...) and what to fix; or False with
 * {@code Pending} while the engine has not yet written it.
 */
public abstract class BundledResourceReconciler<
        R extends CustomResource<?, S>, S extends ResourceStatus & BundledStatus>
    implements Reconciler<R> {
  private static final String IN_BUNDLE = "InBundle";
  private static final String MANAGED_BY = "app.kubernetes.io/managed-by=insight-engine-operator";

  protected final ResourceValidator validator = new ResourceValidator();
  private final Class<R> type;
  private final Supplier<R> fresh;
  private final Supplier<S> emptyStatus;
  private final Clock clock = Clock.systemUTC();

  protected BundledResourceReconciler(Class<R> type, Supplier<R> fresh, Supplier<S> emptyStatus) {
    this.type = type;
    this.fresh = fresh;
    this.emptyStatus = emptyStatus;
  }

  /** The check, against what the namespace holds. */
  protected abstract Verdict validate(R resource, BundleResources in);

  /** The engine whose bundle should hold the resource, if its references lead to one. */
  protected Optional<String> engineOf(R resource, BundleResources in) {
    return projectOf(resource).flatMap(project -> engineOfProject(project, in));
  }

  /**
   * The kinds, besides the primary, this kind's validation reads. {@code ConfigMap} stands for the
   * users' ConfigMaps of dbt artifacts (metadata only), not the engines' bundles.
   */
  protected abstract List<Class<? extends HasMetadata>> reads();

  /**
   * What the engine serving the resource reports about it, when that says it is not served (the
   * engine refused it, or it cannot be reached): a Ready condition that replaces {@code InBundle}.
   */
  protected Optional<Condition> notServed(R resource, String engine, BundleResources in) {
    return Optional.empty();
  }

  @Override
  public UpdateControl<R> reconcile(R resource, Context<R> context) {
    String before = StatusPatches.snapshot(resource.getStatus());
    BundleResources in = resources(resource.getMetadata().getNamespace(), context);
    Verdict verdict = validate(resource, in);
    S status = resource.getStatus() != null ? resource.getStatus() : emptyStatus.get();
    long generation = resource.getMetadata().getGeneration();
    status.setObservedGeneration(generation);
    Condition ready;
    String revision = null;
    if (!verdict.valid()) {
      ready =
          new Condition(
              Conditions.READY, ConditionStatus.False, verdict.reason(), verdict.message());
    } else {
      String engine = engineOf(resource, in).orElse(null);
      Optional<ConfigMap> bundle =
          engine == null
              ? Optional.empty()
              : Informers.list(context, ConfigMap.class, resource.getMetadata().getNamespace())
                  .stream()
                  .filter(c -> c.getMetadata().getName().equals(engine + "-bundle"))
                  .findFirst();
      String file = ConfigBundleAssembler.fileName(resource);
      boolean inBundle =
          bundle.isPresent()
              && ConfigBundleAssembler.manifest(resource)
                  .equals(ConfigBundleAssembler.storedManifest(bundle.get(), file));
      if (inBundle) {
        // The first revision that held it as it is now; later ones hold it too while it is
        // unchanged (rewriting every resource's status on every bundle change would not scale).
        boolean alreadyReported = reportsInBundle(status, generation);
        revision =
            alreadyReported
                ? status.getBundleRevision()
                : bundle
                    .get()
                    .getMetadata()
                    .getAnnotations()
                    .get(EngineResources.REVISION_ANNOTATION);
        ready =
            notServed(resource, engine, in)
                .orElse(
                    new Condition(
                        Conditions.READY,
                        ConditionStatus.True,
                        IN_BUNDLE,
                        "in bundle revision " + revision + " of InsightEngine " + engine));
      } else {
        ready =
            projectNotReady(resource, in)
                .orElse(
                    new Condition(
                        Conditions.READY,
                        ConditionStatus.False,
                        "Pending",
                        "valid; waiting for InsightEngine "
                            + engine
                            + " to write it into its bundle"));
      }
    }
    status.setBundleRevision(revision);
    observe(resource, status, in);
    String previousReason =
        Conditions.find(status.getConditions(), Conditions.READY)
            .map(Condition::getReason)
            .orElse(null);
    if (!verdict.valid() && !verdict.reason().equals(previousReason)) {
      // Left out of its engine's bundle: worth a Warning where `kubectl describe` shows it.
      Events.warning(context.getClient(), resource, verdict.reason(), verdict.message());
    }
    Conditions.set(status.getConditions(), ready, generation, clock);
    UpdateControl<R> control = StatusPatches.patchIfChanged(resource, before, status, fresh);
    // What an invalid resource refers to may appear without a change the mappers see (a model in
    // another SemanticModel of the project): look again in a while.
    return verdict.valid() ? control : control.rescheduleAfter(java.time.Duration.ofMinutes(1));
  }

  @Override
  public List<EventSource<?, R>> prepareEventSources(EventSourceContext<R> context) {
    List<EventSource<?, R>> sources = new ArrayList<>();
    InformerEventSource<SemanticModel, R> models = null;
    for (Class<? extends HasMetadata> read : reads()) {
      if (read.equals(type) || read.equals(ConfigMap.class)) {
        continue; // the primary kind is read from the primary cache; ConfigMaps below
      }
      var source = Informers.of(read, context, NamespaceMappers.dependents(context));
      if (read.equals(SemanticModel.class)) {
        @SuppressWarnings("unchecked")
        var semanticModels = (InformerEventSource<SemanticModel, R>) source;
        models = semanticModels;
      }
      sources.add(source);
    }
    if (reads().contains(ConfigMap.class)) {
      // Which SemanticModels name a ConfigMap: from the primary cache or the informer above.
      InformerEventSource<SemanticModel, R> modelInformer = models;
      @SuppressWarnings("unchecked")
      Function<String, Stream<SemanticModel>> semanticModels =
          type.equals(SemanticModel.class)
              ? ns -> context.getPrimaryCache().list(ns).map(m -> (SemanticModel) m)
              : ns -> modelInformer == null ? Stream.empty() : modelInformer.list(ns);
      sources.add(
          Informers.dbtConfigMaps(
              context, NamespaceMappers.dbtConfigMapDependents(context, semanticModels)));
    }
    // The engines' bundle ConfigMaps: their content says which revision holds a resource.
    sources.add(
        Informers.of(ConfigMap.class, context, NamespaceMappers.dependents(context), MANAGED_BY));
    return sources;
  }

  private BundleResources resources(String namespace, Context<R> context) {
    return new BundleResources(
        list(context, InsightEngine.class, namespace),
        list(context, Project.class, namespace),
        list(context, SemanticModel.class, namespace),
        list(context, DataPolicy.class, namespace),
        list(context, TrainingPair.class, namespace),
        names(list(context, Secret.class, namespace)),
        reads().contains(ConfigMap.class)
            ? names(Informers.list(context, ConfigMap.class, Informers.DBT_CONFIG_MAPS, namespace))
            : Set.of(),
        list(context, DbtRun.class, namespace));
  }

  private static Set<String> names(List<? extends HasMetadata> resources) {
    return resources.stream()
        .map(r -> r.getMetadata().getName())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The primary cache for the primary kind, an informer for a kind read, otherwise nothing. */
  @SuppressWarnings("unchecked")
  private <T extends HasMetadata> List<T> list(
      Context<R> context, Class<T> kind, String namespace) {
    if (kind.equals(type)) {
      return context
          .getPrimaryCache()
          .list(namespace)
          .map(r -> (T) r)
          .sorted(Informers.byName())
          .toList();
    }
    if (!reads().contains(kind)) {
      return List.of();
    }
    return Informers.list(context, kind, namespace);
  }

  /**
   * Whether a status already reports its resource in a bundle as the resource is now (this
   * generation): such a resource keeps the revision that first held it.
   */
  static boolean reportsInBundle(Object status, long generation) {
    return status instanceof BundledStatus bundled
        && status instanceof ResourceStatus resourceStatus
        && bundled.getBundleRevision() != null
        && Conditions.find(resourceStatus.getConditions(), Conditions.READY)
            .map(
                c ->
                    IN_BUNDLE.equals(c.getReason())
                        && Long.valueOf(generation).equals(c.getObservedGeneration()))
            .orElse(false);
  }

  /** Writes what a kind reports beyond Ready and the bundle revision into its status. */
  protected void observe(R resource, S status, BundleResources in) {}

  /** The Project the resource belongs to, for kinds that belong to one. */
  protected Optional<String> projectOf(R resource) {
    return Optional.empty();
  }

  /**
   * Why a valid resource is not in a bundle when the cause is its Project: an invalid Project (its
   * engine deleted, a Secret missing ...) is left out of every bundle, and with it everything that
   * belongs to it. Named here, with the Project's own reason, instead of waiting for a bundle that
   * will not come.
   */
  private Optional<Condition> projectNotReady(R resource, BundleResources in) {
    return projectOf(resource)
        .flatMap(
            name ->
                in.projects().stream()
                    .filter(p -> p.getMetadata().getName().equals(name))
                    .findFirst())
        .flatMap(
            project ->
                project.getStatus() == null
                    ? Optional.empty()
                    : Conditions.find(project.getStatus().getConditions(), Conditions.READY)
                        .filter(c -> c.getStatus() == ConditionStatus.False)
                        .filter(c -> !"Pending".equals(c.getReason()))
                        .map(
                            c ->
                                new Condition(
                                    Conditions.READY,
                                    ConditionStatus.False,
                                    "ProjectNotReady",
                                    "Project "
                                        + project.getMetadata().getName()
                                        + " is not ready ("
                                        + c.getReason()
                                        + "): "
                                        + c.getMessage())));
  }

  /** The engine a project names, when the project exists. */
  private static Optional<String> engineOfProject(String project, BundleResources in) {
    return in.projects().stream()
        .filter(p -> p.getMetadata().getName().equals(project))
        .map(p -> p.getSpec().getEngineRef().getName())
        .findFirst();
  }
}
