package io.insightengine.operator.engine;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The bearer token of the engine's internal endpoints, shared by the engine pods and the dbt jobs
 * that deliver artifacts: random, created once and never rewritten (rotating it is deleting the
 * Secret; the operator creates a new one).
 */
// Only the operator's own Secrets are cached (with their values): never the users' Secrets.
@KubernetesDependent(informer = @Informer(labelSelector = EngineResources.MANAGED_BY_SELECTOR))
public class EngineInternalTokenSecretDependentResource
    extends KubernetesDependentResource<Secret, InsightEngine>
    implements Creator<Secret, InsightEngine>, GarbageCollected<InsightEngine> {
  /** The dependent's (and its informer's) name in the engine's workflow. */
  public static final String NAME = "internal-token";

  private static final SecureRandom RANDOM = new SecureRandom();

  public EngineInternalTokenSecretDependentResource() {
    super(Secret.class);
  }

  public static String name(String engine) {
    return engine + "-internal";
  }

  @Override
  protected ResourceID targetSecondaryResourceID(
      InsightEngine engine, Context<InsightEngine> context) {
    return new ResourceID(
        name(engine.getMetadata().getName()), engine.getMetadata().getNamespace());
  }

  @Override
  protected Secret desired(InsightEngine engine, Context<InsightEngine> context) {
    byte[] token = new byte[32];
    RANDOM.nextBytes(token);
    return new SecretBuilder()
        .withMetadata(EngineResources.metadata(engine, name(engine.getMetadata().getName())))
        .withType("Opaque")
        .withStringData(
            Map.of("token", Base64.getUrlEncoder().withoutPadding().encodeToString(token)))
        .build();
  }
}
