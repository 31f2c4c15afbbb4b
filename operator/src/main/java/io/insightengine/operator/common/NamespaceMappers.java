package io.insightengine.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.Set;
import java.util.stream.Collectors;

/** Mappers for resources whose change may concern every primary of their namespace. */
public final class NamespaceMappers {
  private NamespaceMappers() {}

  /**
   * Every primary in the secondary's namespace: a Project, SemanticModel or Secret can change what
   * is valid for any engine or resource next to it, and namespaces hold few of those.
   */
  public static <S extends HasMetadata, P extends HasMetadata>
      SecondaryToPrimaryMapper<S> allPrimaries(EventSourceContext<P> context) {
    return secondary ->
        context
            .getPrimaryCache()
            .list(secondary.getMetadata().getNamespace())
            .map(ResourceID::fromResource)
            .collect(Collectors.toSet());
  }

  public static Set<ResourceID> none() {
    return Set.of();
  }
}
