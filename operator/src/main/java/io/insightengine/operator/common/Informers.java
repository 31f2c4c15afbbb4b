package io.insightengine.operator.common;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The informers the reconcilers read other kinds through, each named after its kind, and reading
 * them back from a reconciliation. Reconcilers read these caches whole (by namespace) rather than
 * as secondary resources: a resource created before the primary it concerns is not indexed under
 * it.
 *
 * <p>Secrets and users' ConfigMaps are only checked for existence: their informers cache metadata
 * only (no Secret value, no dbt manifest is held in the operator's memory), see {@link
 * #metadataOnly}.
 */
public final class Informers {
  /** The metadata-only informer on every ConfigMap (dbt artifacts a SemanticModel names). */
  public static final String DBT_CONFIG_MAPS = "DbtConfigMap";

  private Informers() {}

  /** An informer on {@code kind}, named after it, with {@code mapper}; label-selected if given. */
  public static <T extends HasMetadata, P extends HasMetadata> InformerEventSource<T, P> of(
      Class<T> kind,
      EventSourceContext<P> context,
      SecondaryToPrimaryMapper<T> mapper,
      String labelSelector) {
    var configuration =
        InformerEventSourceConfiguration.from(kind, context.getPrimaryResourceClass())
            .withName(kind.getSimpleName())
            .withSecondaryToPrimaryMapper(mapper);
    if (labelSelector != null) {
      configuration.withLabelSelector(labelSelector);
    }
    if (kind.equals(Secret.class)) {
      withMetadataOnly(configuration, context);
    }
    return new InformerEventSource<>(configuration.build(), context);
  }

  public static <T extends HasMetadata, P extends HasMetadata> InformerEventSource<T, P> of(
      Class<T> kind, EventSourceContext<P> context, SecondaryToPrimaryMapper<T> mapper) {
    return of(kind, context, mapper, null);
  }

  /** The informer {@link #DBT_CONFIG_MAPS}: every ConfigMap of the namespace, metadata only. */
  public static <P extends HasMetadata> InformerEventSource<ConfigMap, P> dbtConfigMaps(
      EventSourceContext<P> context, SecondaryToPrimaryMapper<ConfigMap> mapper) {
    var configuration =
        InformerEventSourceConfiguration.from(ConfigMap.class, context.getPrimaryResourceClass())
            .withName(DBT_CONFIG_MAPS)
            .withSecondaryToPrimaryMapper(mapper);
    withMetadataOnly(configuration, context);
    return new InformerEventSource<>(configuration.build(), context);
  }

  /**
   * Caches only the metadata (name, namespace, uid, resourceVersion, generation, labels) of what
   * the informer lists. JOSDK shares one item store between the informers of one event source, one
   * per watched namespace; a store shared by several informers would lose entries when one of them
   * re-lists, so with an explicit list of several namespaces the cache stays whole.
   */
  private static <T extends HasMetadata, P extends HasMetadata> void withMetadataOnly(
      InformerEventSourceConfiguration.Builder<T> configuration, EventSourceContext<P> context) {
    Set<String> namespaces = context.getControllerConfiguration().getEffectiveNamespaces();
    if (InformerConfiguration.allNamespacesWatched(namespaces) || namespaces.size() == 1) {
      configuration.withItemStore(new TransformingItemStore<>(metadataOnly()));
    }
  }

  /** A copy of a resource holding only the metadata the mappers and existence checks read. */
  @SuppressWarnings("unchecked")
  static <T extends HasMetadata> UnaryOperator<T> metadataOnly() {
    return resource -> {
      ObjectMeta m = resource.getMetadata();
      ObjectMeta kept =
          new ObjectMetaBuilder()
              .withName(m.getName())
              .withNamespace(m.getNamespace())
              .withUid(m.getUid())
              .withResourceVersion(m.getResourceVersion())
              .withGeneration(m.getGeneration())
              .withLabels(m.getLabels())
              .build();
      HasMetadata copy;
      if (resource instanceof Secret s) {
        Secret secret = new Secret();
        secret.setType(s.getType());
        copy = secret;
      } else if (resource instanceof ConfigMap) {
        copy = new ConfigMap();
      } else {
        return resource;
      }
      copy.setMetadata(kept);
      return (T) copy;
    };
  }

  /**
   * Everything of {@code kind} in the namespace from the informer {@link #of} made, by name (what
   * is built from it never depends on the order informers list things in).
   */
  public static <T extends HasMetadata, P extends HasMetadata> List<T> list(
      Context<P> context, Class<T> kind, String namespace) {
    return list(context, kind, kind.getSimpleName(), namespace);
  }

  /** Everything in the namespace from the informer named {@code name}, by name. */
  @SuppressWarnings("unchecked")
  public static <T extends HasMetadata, P extends HasMetadata> List<T> list(
      Context<P> context, Class<T> kind, String name, String namespace) {
    InformerEventSource<T, P> source =
        (InformerEventSource<T, P>) context.eventSourceRetriever().getEventSourceFor(kind, name);
    return source.list(namespace).sorted(byName()).toList();
  }

  public static <T extends HasMetadata> Comparator<T> byName() {
    return Comparator.comparing(r -> r.getMetadata().getName());
  }
}
