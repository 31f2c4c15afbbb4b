package io.insightengine.operator.engine;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import java.util.HashMap;
import java.util.Map;

/** Names and labels of what the operator creates for an InsightEngine. */
public final class EngineResources {
  /** Where engine pods mount the bundle; the engine's INSIGHT_CONFIG_DIR. */
  public static final String BUNDLE_MOUNT = "/etc/insight-engine/bundle";

  /** Annotation on the bundle ConfigMap with the revision of its content. */
  public static final String REVISION_ANNOTATION = "insight-engine.io/bundle-revision";

  /** The label every object the operator creates carries, as a selector. */
  public static final String MANAGED_BY_SELECTOR =
      "app.kubernetes.io/managed-by=insight-engine-operator";

  public static final String DEFAULT_IMAGE = "ghcr.io/insight-engine/engine:0.1.0";

  /**
   * The engine image of an InsightEngine that names none: {@code insight.operator.engine-image}
   * (env INSIGHT_OPERATOR_ENGINE_IMAGE, set by the Helm chart's {@code engine.image}), else {@link
   * #DEFAULT_IMAGE}.
   */
  public static String defaultImage() {
    return org.eclipse.microprofile.config.ConfigProvider.getConfig()
        .getOptionalValue("insight.operator.engine-image", String.class)
        .filter(image -> !image.isBlank())
        .orElse(DEFAULT_IMAGE);
  }

  public static final int HTTP_PORT = 8080;

  /** The engine's Service port (to the pods' {@link #HTTP_PORT}). */
  public static final int SERVICE_PORT = 80;

  private EngineResources() {}

  /** Deployment, Service, ServiceAccount, Role and RoleBinding are all named after the engine. */
  public static String name(InsightEngine engine) {
    return engine.getMetadata().getName();
  }

  public static String bundleName(InsightEngine engine) {
    return engine.getMetadata().getName() + "-bundle";
  }

  /** Metadata of something the engine owns: its name, the engine's namespace, the labels. */
  public static ObjectMeta metadata(InsightEngine engine, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(engine.getMetadata().getNamespace())
        .withLabels(labels(engine))
        .build();
  }

  /** Labels on everything, the first two also the pods' selector. */
  public static Map<String, String> labels(InsightEngine engine) {
    // Mutable: JOSDK adds its own metadata to desired objects.
    return new HashMap<>(
        Map.of(
            "app.kubernetes.io/name",
            "insight-engine",
            "app.kubernetes.io/instance",
            engine.getMetadata().getName(),
            "app.kubernetes.io/component",
            "engine",
            "app.kubernetes.io/managed-by",
            "insight-engine-operator"));
  }

  public static Map<String, String> selector(InsightEngine engine) {
    return Map.of(
        "app.kubernetes.io/name",
        "insight-engine",
        "app.kubernetes.io/instance",
        engine.getMetadata().getName());
  }

  public static int replicas(InsightEngine engine) {
    var spec = engine.getSpec();
    return spec != null && spec.getReplicas() != null ? spec.getReplicas() : 1;
  }
}
