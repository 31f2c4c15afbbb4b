package io.insightengine.operator.engine;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.operator.bundle.ConfigBundleAssembler.Bundle;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The config bundle engine pods mount: one key per manifest file (gzipped in binaryData when the
 * bundle is large), annotated with the bundle's revision (the same hash the engine computes over
 * the mounted files).
 */
// Only the operator's own ConfigMaps are cached whole: never the users'.
@KubernetesDependent(informer = @Informer(labelSelector = EngineResources.MANAGED_BY_SELECTOR))
public class EngineBundleConfigMapDependentResource
    extends CRUDKubernetesDependentResource<ConfigMap, InsightEngine> {
  public EngineBundleConfigMapDependentResource() {
    super(ConfigMap.class);
  }

  @Override
  protected ConfigMap desired(InsightEngine engine, Context<InsightEngine> context) {
    Bundle bundle = EngineBundles.of(engine, context);
    return new ConfigMapBuilder()
        .withMetadata(
            new ObjectMetaBuilder(
                    EngineResources.metadata(engine, EngineResources.bundleName(engine)))
                .withAnnotations(
                    new HashMap<>(Map.of(EngineResources.REVISION_ANNOTATION, bundle.revision())))
                .build())
        .withData(bundle.gzipped() ? null : bundle.files())
        .withBinaryData(bundle.gzipped() ? gzipped(bundle) : null)
        .build();
  }

  /** The gzipped manifests the assembler hashed, base64 as binaryData carries them. */
  private static Map<String, String> gzipped(Bundle bundle) {
    Map<String, String> binary = new java.util.TreeMap<>();
    bundle.stored().forEach((key, gz) -> binary.put(key, Base64.getEncoder().encodeToString(gz)));
    return binary;
  }
}
