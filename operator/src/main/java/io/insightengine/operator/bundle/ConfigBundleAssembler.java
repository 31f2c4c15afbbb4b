package io.insightengine.operator.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.insightengine.api.manifest.BundleDirectory;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.operator.validation.ResourceValidator;
import io.insightengine.operator.validation.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Assembles an engine's config bundle: the valid Projects that name the engine, and the valid
 * SemanticModels, DataPolicies and TrainingPairs of those projects, each written as the manifest a
 * user would write (apiVersion, kind, name, spec) into one file — exactly the directory format the
 * standalone engine reads. An invalid resource is left out; the others never wait for it.
 */
public final class ConfigBundleAssembler {
  private static final ObjectMapper YAML =
      new ObjectMapper(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  /**
   * Above this many bytes of manifests the bundle is stored gzipped: a ConfigMap holds at most 1
   * MiB, and YAML compresses about tenfold.
   */
  public static final int PLAIN_LIMIT_BYTES = 512 * 1024;

  private final ResourceValidator validator;
  private final int plainLimitBytes;

  public ConfigBundleAssembler(ResourceValidator validator) {
    this(validator, PLAIN_LIMIT_BYTES);
  }

  public ConfigBundleAssembler(ResourceValidator validator, int plainLimitBytes) {
    this.validator = validator;
    this.plainLimitBytes = plainLimitBytes;
  }

  /**
   * A bundle: file name to manifest; what is stored, by ConfigMap key (the manifests' bytes, or
   * when {@code gzipped} their gzip under {@code <file>.gz} keys in the ConfigMap's binaryData);
   * the revision of what is stored; the verdict on every resource; and what the bundled resources
   * refer to that engine pods mount: the Projects' credentials Secrets, the SemanticModels' dbt
   * ConfigMaps.
   */
  public record Bundle(
      SortedMap<String, String> files,
      boolean gzipped,
      SortedMap<String, byte[]> stored,
      String revision,
      Map<String, Verdict> verdicts,
      SortedSet<String> credentialsSecrets,
      SortedSet<String> dbtConfigMaps) {
    public int projects() {
      return (int) files.keySet().stream().filter(f -> f.startsWith("project-")).count();
    }

    public long invalid() {
      return verdicts.values().stream().filter(v -> !v.valid()).count();
    }
  }

  public Bundle assemble(InsightEngine engine, BundleResources in) {
    SortedMap<String, String> files = new TreeMap<>();
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    String engineName = engine.getMetadata().getName();
    Set<String> projects =
        in.projects().stream()
            .filter(p -> engineName.equals(p.getSpec().getEngineRef().getName()))
            .filter(p -> add(p, validator::validate, in, files, verdicts))
            .map(p -> p.getMetadata().getName())
            .collect(Collectors.toSet());
    in.semanticModels().stream()
        .filter(r -> projects.contains(r.getSpec().getProjectRef().getName()))
        .forEach(r -> add(r, validator::validate, in, files, verdicts));
    in.dataPolicies().stream()
        .filter(r -> projects.contains(r.getSpec().getProjectRef().getName()))
        .forEach(r -> add(r, validator::validate, in, files, verdicts));
    in.trainingPairs().stream()
        .filter(r -> projects.contains(r.getSpec().getProjectRef().getName()))
        .forEach(r -> add(r, validator::validate, in, files, verdicts));
    long size =
        files.values().stream().mapToLong(f -> f.getBytes(StandardCharsets.UTF_8).length).sum();
    boolean gzipped = size > plainLimitBytes;
    SortedMap<String, byte[]> stored = new TreeMap<>();
    files.forEach(
        (name, content) ->
            stored.put(
                gzipped ? name + ".gz" : name,
                gzipped
                    ? BundleDirectory.gzip(content)
                    : content.getBytes(StandardCharsets.UTF_8)));
    // What the engine pods must mount for the bundled resources: only references are bundled.
    SortedSet<String> secrets = new TreeSet<>();
    in.projects().stream()
        .filter(p -> projects.contains(p.getMetadata().getName()))
        .map(p -> p.getSpec().getDatasource())
        .filter(ds -> ds != null && ds.getCredentialsSecret() != null)
        .forEach(ds -> secrets.add(ds.getCredentialsSecret().getName()));
    SortedSet<String> configMaps = new TreeSet<>();
    in.semanticModels().stream()
        .filter(m -> verdicts.containsKey(key(m)) && verdicts.get(key(m)).valid())
        .map(m -> m.getSpec().getDbt())
        .filter(dbt -> dbt != null && dbt.getConfigMapRef() != null)
        .forEach(dbt -> configMaps.add(dbt.getConfigMapRef().getName()));
    return new Bundle(
        files,
        gzipped,
        stored,
        BundleDirectory.revision(stored),
        verdicts,
        Collections.unmodifiableSortedSet(secrets),
        Collections.unmodifiableSortedSet(configMaps));
  }

  /** A resource's manifest as a bundle ConfigMap stores it, plain or gzipped; null when absent. */
  public static String storedManifest(
      io.fabric8.kubernetes.api.model.ConfigMap bundle, String file) {
    if (bundle.getData() != null && bundle.getData().containsKey(file)) {
      return bundle.getData().get(file);
    }
    if (bundle.getBinaryData() != null && bundle.getBinaryData().containsKey(file + ".gz")) {
      try {
        return BundleDirectory.gunzip(
            java.util.Base64.getDecoder().decode(bundle.getBinaryData().get(file + ".gz")));
      } catch (java.io.IOException e) {
        return null;
      }
    }
    return null;
  }

  /** Names of the files a bundle ConfigMap stores, without the {@code .gz} of gzipped ones. */
  public static java.util.Set<String> storedFiles(
      io.fabric8.kubernetes.api.model.ConfigMap bundle) {
    java.util.Set<String> files = new java.util.HashSet<>();
    if (bundle.getData() != null) {
      files.addAll(bundle.getData().keySet());
    }
    if (bundle.getBinaryData() != null) {
      bundle.getBinaryData().keySet().forEach(k -> files.add(k.replaceAll("\\.gz$", "")));
    }
    return files;
  }

  /** The file a resource is written to: {@code <kind>-<name>.yaml}, a valid ConfigMap key. */
  public static String fileName(HasMetadata resource) {
    return resource.getKind().toLowerCase(Locale.ROOT)
        + "-"
        + resource.getMetadata().getName()
        + ".yaml";
  }

  /**
   * Whether an annotation is one Kubernetes and its tools write (kubectl's
   * last-applied-configuration, deployment revisions ...): the prefixes {@code kubernetes.io/},
   * {@code k8s.io/} and their subdomains are reserved for them. A user's annotations stay.
   */
  static boolean writtenByKubernetes(String key) {
    int slash = key.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String prefix = key.substring(0, slash);
    return prefix.equals("kubernetes.io")
        || prefix.endsWith(".kubernetes.io")
        || prefix.equals("k8s.io")
        || prefix.endsWith(".k8s.io");
  }

  /** Key of a resource in {@link Bundle#verdicts()}. */
  public static String key(HasMetadata resource) {
    return resource.getKind() + "/" + resource.getMetadata().getName();
  }

  private static <T extends CustomResource<?, ?>> boolean add(
      T resource,
      BiFunction<T, BundleResources, Verdict> validate,
      BundleResources in,
      SortedMap<String, String> files,
      Map<String, Verdict> verdicts) {
    Verdict verdict = validate.apply(resource, in);
    verdicts.put(key(resource), verdict);
    if (verdict.valid()) {
      files.put(fileName(resource), manifest(resource));
    }
    return verdict.valid();
  }

  /**
   * The resource as its author would write it: name, labels and annotations (the engine orders the
   * SemanticModel merge by the label {@code insight-engine.io/generated-from}), spec; no status, no
   * server-side metadata, no annotations written by Kubernetes tools.
   */
  public static String manifest(CustomResource<?, ?> resource) {
    ObjectNode root = YAML.createObjectNode();
    root.put("apiVersion", resource.getApiVersion());
    root.put("kind", resource.getKind());
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("name", resource.getMetadata().getName());
    SortedMap<String, String> labels = new TreeMap<>();
    if (resource.getMetadata().getLabels() != null) {
      labels.putAll(resource.getMetadata().getLabels());
    }
    SortedMap<String, String> annotations = new TreeMap<>();
    if (resource.getMetadata().getAnnotations() != null) {
      resource.getMetadata().getAnnotations().entrySet().stream()
          .filter(a -> !writtenByKubernetes(a.getKey()))
          .forEach(a -> annotations.put(a.getKey(), a.getValue()));
    }
    if (!labels.isEmpty()) {
      metadata.set("labels", YAML.valueToTree(labels));
    }
    if (!annotations.isEmpty()) {
      metadata.set("annotations", YAML.valueToTree(annotations));
    }
    JsonNode spec = YAML.valueToTree(resource.getSpec());
    root.set("spec", spec);
    try {
      return YAML.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + key(resource), e);
    }
  }
}
