package io.insightengine.operator.common;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Kubernetes events on a resource's important transitions, for `kubectl describe` and alerts. */
public final class Events {
  private static final Logger LOG = Logger.getLogger(Events.class);

  private Events() {}

  public static void normal(
      KubernetesClient client, HasMetadata about, String reason, String message) {
    record(client, about, "Normal", reason, message);
  }

  public static void warning(
      KubernetesClient client, HasMetadata about, String reason, String message) {
    record(client, about, "Warning", reason, message);
  }

  private static void record(
      KubernetesClient client, HasMetadata about, String type, String reason, String message) {
    String now = Instant.now().toString();
    try {
      client
          .v1()
          .events()
          .inNamespace(about.getMetadata().getNamespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(about.getMetadata().getName() + "." + UUID.randomUUID())
                  .withNamespace(about.getMetadata().getNamespace())
                  .endMetadata()
                  .withInvolvedObject(
                      new ObjectReferenceBuilder()
                          .withApiVersion(about.getApiVersion())
                          .withKind(about.getKind())
                          .withName(about.getMetadata().getName())
                          .withNamespace(about.getMetadata().getNamespace())
                          .withUid(about.getMetadata().getUid())
                          .build())
                  .withType(type)
                  .withReason(reason)
                  .withMessage(message.length() > 1000 ? message.substring(0, 1000) : message)
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
          "could not record event %s for %s: %s",
          reason, about.getMetadata().getName(), e.getMessage());
    }
  }
}
