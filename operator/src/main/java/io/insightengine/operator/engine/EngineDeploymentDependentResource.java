package io.insightengine.operator.engine;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.insightengine.api.v1alpha1.engine.AppDatabaseSpec;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.engine.InsightEngineSpec;
import io.insightengine.operator.bundle.ConfigBundleAssembler.Bundle;
import io.insightengine.operator.common.EnvVars;
import io.insightengine.operator.common.RestrictedSecurity;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The engine pods: the bundle ConfigMap mounted read-only where INSIGHT_CONFIG_DIR points (the
 * engine reloads it when it changes, so a new bundle needs no restart), the Secrets and dbt
 * ConfigMaps the bundle refers to mounted whole under INSIGHT_SECRETS_DIR and
 * INSIGHT_DBT_CONFIGMAPS_DIR, explicit app-database settings, health probes, the requested
 * resources, and a locked-down security context (non-root, read-only root filesystem with a
 * writable /tmp, no privilege escalation, no capabilities, the runtime's seccomp profile).
 */
public class EngineDeploymentDependentResource
    extends CRUDKubernetesDependentResource<Deployment, InsightEngine> {
  /** Where each mounted Secret is: {@code <SECRETS_DIR>/<secret name>/<key>}. */
  public static final String SECRETS_DIR = "/var/run/insight-engine/secrets";

  /** Where each dbt ConfigMap is: {@code <DBT_CONFIGMAPS_DIR>/<configmap name>/manifest.json}. */
  public static final String DBT_CONFIGMAPS_DIR = "/var/run/insight-engine/dbt-configmaps";

  public EngineDeploymentDependentResource() {
    super(Deployment.class);
  }

  @Override
  protected Deployment desired(InsightEngine engine, Context<InsightEngine> context) {
    InsightEngineSpec spec = engine.getSpec() != null ? engine.getSpec() : new InsightEngineSpec();
    String name = EngineResources.name(engine);
    List<Mount> mounts = mounts(spec, EngineBundles.of(engine, context));
    var container =
        new ContainerBuilder()
            .withName("engine")
            .withImage(spec.getImage() != null ? spec.getImage() : EngineResources.defaultImage())
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
            .addAllToVolumeMounts(mounts.stream().map(Mount::volumeMount).toList())
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
        .addAllToVolumes(mounts.stream().map(Mount::volume).toList())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * The engine's settings, all explicit (never the engine's defaults): where the bundle, the
   * Secrets and the dbt ConfigMaps are mounted, and its app database. Credentials are not in the
   * environment: the engine reads them from the mounted Secrets, which the kubelet updates in place
   * when they are rotated.
   */
  private static List<EnvVar> env(InsightEngineSpec spec, String name) {
    List<EnvVar> env = new ArrayList<>();
    env.add(EnvVars.of("INSIGHT_CONFIG_DIR", EngineResources.BUNDLE_MOUNT));
    env.add(EnvVars.of("INSIGHT_SECRETS_DIR", SECRETS_DIR));
    env.add(EnvVars.of("INSIGHT_DBT_CONFIGMAPS_DIR", DBT_CONFIGMAPS_DIR));
    env.add(EnvVars.of("QUARKUS_HTTP_PORT", String.valueOf(EngineResources.HTTP_PORT)));
    env.add(
        EnvVars.fromSecret(
            "INSIGHT_INTERNAL_TOKEN",
            EngineInternalTokenSecretDependentResource.name(name),
            "token"));
    AppDatabaseSpec db = appDatabase(spec);
    if (db.getType() == AppDatabaseSpec.Type.POSTGRES) {
      env.add(EnvVars.of("INSIGHT_APP_DATABASE_TYPE", "postgres"));
      env.add(
          EnvVars.of(
              "INSIGHT_APP_DATABASE_CREDENTIALS_SECRET", db.getCredentialsSecret().getName()));
      env.add(
          EnvVars.of(
              "INSIGHT_APP_DATABASE_MAX_POOL_SIZE",
              String.valueOf(db.getMaxPoolSize() != null ? db.getMaxPoolSize() : 10)));
    } else {
      env.add(EnvVars.of("INSIGHT_APP_DATABASE_TYPE", "embedded"));
    }
    return env;
  }

  /** spec.appDatabase with the CRD's defaults: embedded unless postgres with its Secret. */
  private static AppDatabaseSpec appDatabase(InsightEngineSpec spec) {
    AppDatabaseSpec db = spec.getAppDatabase();
    if (db != null
        && db.getType() == AppDatabaseSpec.Type.POSTGRES
        && db.getCredentialsSecret() != null) {
      return db;
    }
    AppDatabaseSpec embedded = new AppDatabaseSpec();
    embedded.setType(AppDatabaseSpec.Type.EMBEDDED);
    return embedded;
  }

  /** A volume and where the engine container mounts it (read-only). */
  record Mount(Volume volume, VolumeMount volumeMount) {}

  /**
   * Every Secret the bundled Projects' datasources and the app database name, and every ConfigMap
   * of dbt artifacts the bundled SemanticModels name: whole (not subPath, so the kubelet updates
   * rotated values in place), read-only, under a directory named after it. In name order, so the
   * pod template changes only when the set does.
   */
  static List<Mount> mounts(InsightEngineSpec spec, Bundle bundle) {
    SortedSet<String> secrets = new TreeSet<>(bundle.credentialsSecrets());
    AppDatabaseSpec db = appDatabase(spec);
    if (db.getCredentialsSecret() != null) {
      secrets.add(db.getCredentialsSecret().getName());
    }
    List<Mount> mounts = new ArrayList<>();
    for (String secret : secrets) {
      String volume = volumeName("secret-", secret);
      mounts.add(
          new Mount(
              new VolumeBuilder()
                  .withName(volume)
                  .withNewSecret()
                  .withSecretName(secret)
                  .endSecret()
                  .build(),
              new VolumeMountBuilder()
                  .withName(volume)
                  .withMountPath(SECRETS_DIR + "/" + secret)
                  .withReadOnly(true)
                  .build()));
    }
    for (String configMap : bundle.dbtConfigMaps()) {
      String volume = volumeName("dbt-", configMap);
      mounts.add(
          new Mount(
              new VolumeBuilder()
                  .withName(volume)
                  .withNewConfigMap()
                  .withName(configMap)
                  .endConfigMap()
                  .build(),
              new VolumeMountBuilder()
                  .withName(volume)
                  .withMountPath(DBT_CONFIGMAPS_DIR + "/" + configMap)
                  .withReadOnly(true)
                  .build()));
    }
    return mounts;
  }

  /**
   * A volume name (a DNS label of at most 63 characters) for any object name (up to 253 characters,
   * dots allowed): the prefix and a short hash of the name.
   */
  static String volumeName(String prefix, String objectName) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(objectName.getBytes(StandardCharsets.UTF_8));
      return prefix + HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
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
