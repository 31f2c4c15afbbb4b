package io.insightengine.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Comparator;
import java.util.List;

/**
 * The informers the reconcilers read other kinds through, each named after its kind, and reading
 * them back from a reconciliation. Reconcilers read these caches whole (by namespace) rather than
 * as secondary resources: a resource created before the primary it concerns is not indexed under
 * it.
 */
public final class Informers {
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
    return new InformerEventSource<>(configuration.build(), context);
  }

  public static <T extends HasMetadata, P extends HasMetadata> InformerEventSource<T, P> of(
      Class<T> kind, EventSourceContext<P> context, SecondaryToPrimaryMapper<T> mapper) {
    return of(kind, context, mapper, null);
  }

  /**
   * Everything of {@code kind} in the namespace from the informer {@link #of} made, by name (what
   * is built from it never depends on the order informers list things in).
   */
  @SuppressWarnings("unchecked")
  public static <T extends HasMetadata, P extends HasMetadata> List<T> list(
      Context<P> context, Class<T> kind, String namespace) {
    InformerEventSource<T, P> source =
        (InformerEventSource<T, P>)
            context.eventSourceRetriever().getEventSourceFor(kind, kind.getSimpleName());
    return source.list(namespace).sorted(byName()).toList();
  }

  public static <T extends HasMetadata> Comparator<T> byName() {
    return Comparator.comparing(r -> r.getMetadata().getName());
  }
}
