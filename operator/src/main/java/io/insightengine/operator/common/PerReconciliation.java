package io.insightengine.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.function.Supplier;

/**
 * A value computed once per reconciliation and shared by the dependents and the reconciler that
 * need it (JOSDK calls a dependent's {@code desired} and its conditions more than once).
 */
public final class PerReconciliation {
  private PerReconciliation() {}

  public static <T, P extends HasMetadata> T get(
      Context<P> context, String key, Class<T> type, Supplier<T> compute) {
    var shared = context.managedWorkflowAndDependentResourceContext();
    return shared
        .get(key, type)
        .orElseGet(
            () -> {
              T value = compute.get();
              shared.put(key, value);
              return value;
            });
  }
}
