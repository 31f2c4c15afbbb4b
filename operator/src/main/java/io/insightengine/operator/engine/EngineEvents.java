package io.insightengine.operator.engine;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Kubernetes events on an engine's important transitions, for `kubectl describe`. */
final class EngineEvents {
  private static final Logger LOG = Logger.getLogger(EngineEvents.class);

  private EngineEvents() {}

  static void bundleChanged(KubernetesClient client, InsightEngine engine, String from, String to) {
    String now = Instant.now().toString();
    try {
      client
          .v1()
          .events()
          .inNamespace(engine.getMetadata().getNamespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(engine.getMetadata().getName() + "." + UUID.randomUUID())
                  .withNamespace(engine.getMetadata().getNamespace())
                  .endMetadata()
                  .withInvolvedObject(
                      new ObjectReferenceBuilder()
                          .withApiVersion(engine.getApiVersion())
                          .withKind(engine.getKind())
                          .withName(engine.getMetadata().getName())
                          .withNamespace(engine.getMetadata().getNamespace())
                          .withUid(engine.getMetadata().getUid())
                          .build())
                  .withType("Normal")
                  .withReason("BundleUpdated")
                  .withMessage("config bundle revision " + from + " -> " + to)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .withNewSource()
                  .withComponent("insight-engine-operator")
                  .endSource()
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      // An event is a courtesy; failing to write one must not fail the reconciliation.
      LOG.warnf(
          "could not record event for %s: %s", engine.getMetadata().getName(), e.getMessage());
    }
  }
}
