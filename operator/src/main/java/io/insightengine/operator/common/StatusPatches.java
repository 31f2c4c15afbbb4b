package io.insightengine.operator.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.function.Supplier;

/**
 * Status written only when it changed, from a fresh object holding just name, namespace and status:
 * the operator never writes spec (Argo CD sees no drift) and an unchanged status costs no request.
 */
public final class StatusPatches {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusPatches() {}

  /** The status as it was before the reconciler changed it. */
  public static String snapshot(Object status) {
    try {
      return JSON.writeValueAsString(status);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("status does not serialize", e);
    }
  }

  public static <S, R extends CustomResource<?, S>> UpdateControl<R> patchIfChanged(
      R resource, String before, S status, Supplier<R> fresh) {
    if (snapshot(status).equals(before)) {
      return UpdateControl.noUpdate();
    }
    R patch = fresh.get();
    patch.setMetadata(
        new ObjectMetaBuilder()
            .withName(resource.getMetadata().getName())
            .withNamespace(resource.getMetadata().getNamespace())
            .build());
    patch.setStatus(status);
    return UpdateControl.patchStatus(patch);
  }
}
