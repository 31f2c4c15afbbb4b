package io.insightengine.operator.engine;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.insightengine.api.v1alpha1.engine.AppDatabaseSpec;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.engine.InsightEngineSpec;
import io.insightengine.operator.common.EnvVars;
import io.insightengine.operator.common.RestrictedSecurity;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine pods: the bundle ConfigMap mounted read-only where INSIGHT_CONFIG_DIR points (the
 * engine reloads it when it changes, so a new bundle needs no restart), app-database credentials
 * from their Secret, health probes, the requested resources, and a locked-down security context
 * (non-root, read-only root filesystem with a writable /tmp, no privilege escalation, no
 * capabilities, the runtime's seccomp profile).
 */
public class EngineDeploymentDependentResource
    extends CRUDKubernetesDependentResource<Deployment, InsightEngine> {
  public EngineDeploymentDependentResource() {
    super(Deployment.class);
  }

  @Override
  protected Deployment desired(InsightEngine engine, Context<InsightEngine> context) {
    InsightEngineSpec spec = engine.getSpec() != null ? engine.getSpec() : new InsightEngineSpec();
    String name = EngineResources.name(engine);
    var container =
        new ContainerBuilder()
            .withName("engine")
            .withImage(spec.getImage() != null ? spec.getImage() : EngineResources.DEFAULT_IMAGE)
            .withImagePullPolicy(
                spec.getImagePullPolicy() != null ? spec.getImagePullPolicy().name() : null)
            .addNewPort()
            .withName("http")
            .withContainerPort(EngineResources.HTTP_PORT)
            .withProtocol("TCP")
            .endPort()
            .withEnv(env(spec, name))
            .withResources(
                spec.getResources() != null ? spec.getResources() : new ResourceRequirements())
            .withLivenessProbe(probe("/health/live", 3))
            .withReadinessProbe(probe("/health/ready", 1))
            .withStartupProbe(
                new ProbeBuilder(probe("/health/started", 1)).withFailureThreshold(60).build())
            .addNewVolumeMount()
            .withName("bundle")
            .withMountPath(EngineResources.BUNDLE_MOUNT)
            .withReadOnly(true)
            .endVolumeMount()
            .addNewVolumeMount()
            .withName("tmp")
            .withMountPath("/tmp")
            .endVolumeMount()
            .withSecurityContext(
                RestrictedSecurity.container().withReadOnlyRootFilesystem(true).build())
            .build();
    return new DeploymentBuilder()
        .withMetadata(EngineResources.metadata(engine, name))
        .withNewSpec()
        // With autoscaling the HorizontalPodAutoscaler owns the replica count.
        .withReplicas(spec.getAutoscaling() != null ? null : EngineResources.replicas(engine))
        .withNewSelector()
        .withMatchLabels(EngineResources.selector(engine))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(EngineResources.labels(engine))
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(name)
        .withSecurityContext(RestrictedSecurity.podContext())
        .withContainers(container)
        .addNewVolume()
        .withName("bundle")
        .withNewConfigMap()
        .withName(EngineResources.bundleName(engine))
        .endConfigMap()
        .endVolume()
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static List<EnvVar> env(InsightEngineSpec spec, String name) {
    List<EnvVar> env = new ArrayList<>();
    env.add(EnvVars.of("INSIGHT_CONFIG_DIR", EngineResources.BUNDLE_MOUNT));
    env.add(EnvVars.of("QUARKUS_HTTP_PORT", String.valueOf(EngineResources.HTTP_PORT)));
    env.add(
        EnvVars.fromSecret(
            "INSIGHT_INTERNAL_TOKEN",
            EngineInternalTokenSecretDependentResource.name(name),
            "token"));
    AppDatabaseSpec db = spec.getAppDatabase();
    if (db != null
        && db.getType() == AppDatabaseSpec.Type.POSTGRES
        && db.getCredentialsSecret() != null) {
      String secret = db.getCredentialsSecret().getName();
      env.add(EnvVars.fromSecret("INSIGHT_APP_DATABASE_JDBC_URL", secret, "jdbcUrl"));
      env.add(EnvVars.fromSecret("INSIGHT_APP_DATABASE_USERNAME", secret, "username"));
      env.add(EnvVars.fromSecret("INSIGHT_APP_DATABASE_PASSWORD", secret, "password"));
    }
    return env;
  }

  private static Probe probe(String path, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .withPeriodSeconds(10)
        .withFailureThreshold(failureThreshold)
        .build();
  }
}
