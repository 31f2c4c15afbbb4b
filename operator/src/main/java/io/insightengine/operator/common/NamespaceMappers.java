package io.insightengine.operator.common;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import io.insightengine.operator.bundle.ConfigBundleAssembler;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which primaries a change concerns, precisely: a change reconciles only the resources that read
 * what changed (a SemanticModel its project's resources, a Project its engine, a bundle ConfigMap
 * the resources it holds), never a whole namespace — at a few thousand resources a namespace-wide
 * mapping makes every change cost thousands of reconciliations.
 *
 * <p>Relations are strings: a primary declares the keys it depends on ({@code Project/shop}, {@code
 * InsightEngine/insight}, {@code Secret/creds}); a changed resource maps to the primaries that
 * declared its key.
 */
public final class NamespaceMappers {
  /** What a Project's validity reads through its SemanticModels: their dbt sources. */
  private static final String SOURCES = "ProjectSources/";

  private NamespaceMappers() {}

  /** The keys a changed secondary resource stands for. */
  public static Set<String> keysOf(HasMetadata changed) {
    String name = changed.getMetadata().getName();
    if (changed instanceof DbtRun run) {
      // A project's validity follows its SemanticModels', which follows their dbt sources.
      return Set.of("DbtRun/" + name, SOURCES + run.getSpec().getProjectRef().getName());
    }
    if (changed instanceof ConfigMap) {
      return Set.of("ConfigMap/" + name);
    }
    if (changed instanceof Project) {
      return Set.of("Project/" + name);
    }
    if (changed instanceof SemanticModel m) {
      return Set.of("Project/" + m.getSpec().getProjectRef().getName());
    }
    if (changed instanceof InsightEngine) {
      return Set.of("InsightEngine/" + name);
    }
    if (changed instanceof Secret) {
      return Set.of("Secret/" + name);
    }
    return Set.of();
  }

  /** What a resource depends on. */
  public static Set<String> dependenciesOf(HasMetadata resource) {
    Set<String> keys = new HashSet<>();
    if (resource instanceof Project p) {
      keys.add("Project/" + p.getMetadata().getName());
      keys.add("InsightEngine/" + p.getSpec().getEngineRef().getName());
      keys.add(SOURCES + p.getMetadata().getName());
      var ds = p.getSpec().getDatasource();
      if (ds != null && ds.getCredentialsSecret() != null) {
        keys.add("Secret/" + ds.getCredentialsSecret().getName());
      }
    } else if (resource instanceof SemanticModel m) {
      keys.add("Project/" + m.getSpec().getProjectRef().getName());
      var dbt = m.getSpec().getDbt();
      if (dbt != null && dbt.getConfigMapRef() != null) {
        keys.add("ConfigMap/" + dbt.getConfigMapRef().getName());
      }
      if (dbt != null && dbt.getDbtRunRef() != null) {
        keys.add("DbtRun/" + dbt.getDbtRunRef().getName());
      }
    } else if (resource instanceof DataPolicy d) {
      keys.add("Project/" + d.getSpec().getProjectRef().getName());
    } else if (resource instanceof TrainingPair t) {
      keys.add("Project/" + t.getSpec().getProjectRef().getName());
    }
    return keys;
  }

  /** The primaries that depend on what changed. */
  public static <S extends HasMetadata, P extends HasMetadata>
      SecondaryToPrimaryMapper<S> dependents(EventSourceContext<P> context) {
    return changed -> {
      if (changed instanceof ConfigMap bundle) {
        return heldBy(bundle, context);
      }
      return dependingOn(keysOf(changed), changed, context);
    };
  }

  /**
   * The primaries that depend on a ConfigMap of dbt artifacts: the SemanticModels that name it, and
   * (through {@code models}, the namespace's SemanticModels) the Projects they describe.
   */
  public static <P extends HasMetadata> SecondaryToPrimaryMapper<ConfigMap> dbtConfigMapDependents(
      EventSourceContext<P> context, Function<String, Stream<SemanticModel>> models) {
    return changed -> {
      String name = changed.getMetadata().getName();
      Set<String> keys = new HashSet<>(keysOf(changed));
      models
          .apply(changed.getMetadata().getNamespace())
          .filter(m -> dependenciesOf(m).contains("ConfigMap/" + name))
          .forEach(m -> keys.add(SOURCES + m.getSpec().getProjectRef().getName()));
      return dependingOn(keys, changed, context);
    };
  }

  private static <P extends HasMetadata> Set<ResourceID> dependingOn(
      Set<String> keys, HasMetadata changed, EventSourceContext<P> context) {
    return context
        .getPrimaryCache()
        .list(changed.getMetadata().getNamespace())
        .filter(p -> dependenciesOf(p).stream().anyMatch(keys::contains))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /**
   * The primaries a bundle ConfigMap holds that do not yet report being in a bundle as they are
   * now. Those already reporting it keep the revision that first held them, so one change does not
   * rewrite the status of every other resource of the engine.
   */
  private static <P extends HasMetadata> Set<ResourceID> heldBy(
      ConfigMap bundle, EventSourceContext<P> context) {
    Set<String> files = ConfigBundleAssembler.storedFiles(bundle);
    return context
        .getPrimaryCache()
        .list(bundle.getMetadata().getNamespace())
        .filter(p -> files.contains(ConfigBundleAssembler.fileName(p)))
        .filter(
            p ->
                !(p instanceof io.fabric8.kubernetes.client.CustomResource<?, ?> cr
                    && BundledResourceReconciler.reportsInBundle(
                        cr.getStatus(), p.getMetadata().getGeneration())))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /** Every primary in the namespace: for rare changes that may concern any of them. */
  public static <S extends HasMetadata, P extends HasMetadata>
      SecondaryToPrimaryMapper<S> allPrimaries(EventSourceContext<P> context) {
    return secondary ->
        context
            .getPrimaryCache()
            .list(secondary.getMetadata().getNamespace())
            .map(ResourceID::fromResource)
            .collect(Collectors.toSet());
  }

  /** A fixed mapping from a resource to the one primary named by a function of it. */
  public static <S extends HasMetadata> SecondaryToPrimaryMapper<S> named(
      Function<S, String> name) {
    return s -> {
      String target = name.apply(s);
      return target == null
          ? Set.of()
          : Set.of(new ResourceID(target, s.getMetadata().getNamespace()));
    };
  }
}
