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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
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

  private final ResourceValidator validator;

  public ConfigBundleAssembler(ResourceValidator validator) {
    this.validator = validator;
  }

  /**
   * A bundle: file name to manifest, its revision, and the verdict on every resource considered.
   */
  public record Bundle(
      SortedMap<String, String> files, String revision, Map<String, Verdict> verdicts) {
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
    Map<String, byte[]> bytes = new TreeMap<>();
    files.forEach((name, content) -> bytes.put(name, content.getBytes(StandardCharsets.UTF_8)));
    return new Bundle(files, BundleDirectory.revision(bytes), verdicts);
  }

  /** The file a resource is written to: {@code <kind>-<name>.yaml}, a valid ConfigMap key. */
  public static String fileName(HasMetadata resource) {
    return resource.getKind().toLowerCase(Locale.ROOT)
        + "-"
        + resource.getMetadata().getName()
        + ".yaml";
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

  /** The resource as its author would write it: no status, no server-side metadata. */
  public static String manifest(CustomResource<?, ?> resource) {
    ObjectNode root = YAML.createObjectNode();
    root.put("apiVersion", resource.getApiVersion());
    root.put("kind", resource.getKind());
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("name", resource.getMetadata().getName());
    JsonNode spec = YAML.valueToTree(resource.getSpec());
    root.set("spec", spec);
    try {
      return YAML.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + key(resource), e);
    }
  }
}
