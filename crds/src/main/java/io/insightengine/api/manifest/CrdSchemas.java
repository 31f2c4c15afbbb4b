package io.insightengine.api.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.CustomResource;
import io.insightengine.api.v1alpha1.common.ApiConstants;
import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CRDs of the group as the build generated them (from the classpath), so that manifests read
 * outside Kubernetes are checked against exactly the schema the API server enforces.
 */
public final class CrdSchemas {
  /** The kinds of the group, in the order a bundle is best applied. */
  public static final List<Class<? extends CustomResource<?, ?>>> KINDS =
      List.of(
          InsightEngine.class,
          Project.class,
          SemanticModel.class,
          DataPolicy.class,
          TrainingPair.class,
          DbtRun.class);

  private final Map<String, Kind> byKind = new LinkedHashMap<>();

  /** A kind with its Java type and its openAPIV3Schema. */
  public record Kind(
      String name, String plural, Class<? extends CustomResource<?, ?>> type, JsonNode schema) {}

  public CrdSchemas() {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    for (Class<? extends CustomResource<?, ?>> type : KINDS) {
      String plural = io.fabric8.kubernetes.api.model.HasMetadata.getPlural(type);
      String resource = "/META-INF/fabric8/" + plural + "." + ApiConstants.GROUP + "-v1.yml";
      try (InputStream in = CrdSchemas.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("generated CRD missing from the classpath: " + resource);
        }
        JsonNode crd = yaml.readTree(in);
        JsonNode schema = crd.at("/spec/versions/0/schema/openAPIV3Schema");
        String kind = crd.at("/spec/names/kind").asText();
        byKind.put(kind, new Kind(kind, plural, type, schema));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
  }

  public Optional<Kind> kind(String kind) {
    return Optional.ofNullable(byKind.get(kind));
  }

  public List<String> kindNames() {
    return List.copyOf(byKind.keySet());
  }
}
