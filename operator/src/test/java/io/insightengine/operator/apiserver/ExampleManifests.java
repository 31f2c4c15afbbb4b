package io.insightengine.operator.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The manifests of an examples/ directory, as the API server takes them. */
public final class ExampleManifests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  private ExampleManifests() {}

  /** Every document of every YAML file under {@code dir} (relative to the repository), in order. */
  public static List<GenericKubernetesResource> read(String dir) {
    List<GenericKubernetesResource> all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(KubeApiServer.repoRoot().resolve(dir))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (JsonNode node :
            YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class).readAll()) {
          if (node != null && !node.isEmpty()) {
            all.add(JSON.treeToValue(node, GenericKubernetesResource.class));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  /** The documents of {@code yaml}, applied server-side into {@code namespace}. */
  public static void applyYaml(KubernetesClient client, String namespace, String yaml) {
    try {
      for (JsonNode node : YAML.readValues(YAML.createParser(yaml), JsonNode.class).readAll()) {
        if (node != null && !node.isEmpty()) {
          client
              .resource(JSON.treeToValue(node, GenericKubernetesResource.class))
              .inNamespace(namespace)
              .fieldManager("kubectl")
              .serverSideApply();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Applies them server-side into {@code namespace}, as `kubectl apply --server-side` would. */
  public static void apply(KubernetesClient client, String namespace, String dir) {
    for (GenericKubernetesResource resource : read(dir)) {
      client.resource(resource).inNamespace(namespace).fieldManager("kubectl").serverSideApply();
    }
  }
}
