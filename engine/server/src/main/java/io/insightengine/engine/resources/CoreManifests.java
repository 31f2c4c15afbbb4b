package io.insightengine.engine.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.insightengine.api.manifest.BundleDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code v1} Secrets and ConfigMaps of a config directory, as {@code kubectl apply} takes them
 * ({@code data} base64, {@code stringData} / {@code binaryData}): how a standalone engine is given
 * what a cluster mounts. Values are bytes; nothing here is ever logged.
 */
public final class CoreManifests {
  private static final YAMLMapper YAML = new YAMLMapper();

  private final Map<String, Map<String, byte[]>> secrets;
  private final Map<String, Map<String, byte[]>> configMaps;

  private CoreManifests(
      Map<String, Map<String, byte[]>> secrets, Map<String, Map<String, byte[]>> configMaps) {
    this.secrets = secrets;
    this.configMaps = configMaps;
  }

  public static CoreManifests none() {
    return new CoreManifests(Map.of(), Map.of());
  }

  /** Reads every Secret and ConfigMap manifest under {@code directory}; other kinds are skipped. */
  public static CoreManifests read(Path directory) {
    Map<String, Map<String, byte[]>> secrets = new HashMap<>();
    Map<String, Map<String, byte[]>> configMaps = new HashMap<>();
    List<Path> files;
    try {
      files = BundleDirectory.manifestFiles(directory);
    } catch (RuntimeException e) {
      return none();
    }
    for (Path file : files) {
      try (MappingIterator<JsonNode> docs =
          YAML.readerFor(JsonNode.class).readValues(BundleDirectory.readText(file))) {
        while (docs.hasNextValue()) {
          JsonNode doc = docs.nextValue();
          if (doc == null || !"v1".equals(doc.path("apiVersion").asText())) {
            continue;
          }
          String name = doc.path("metadata").path("name").asText("");
          switch (doc.path("kind").asText()) {
            case "Secret" -> secrets.put(name, values(doc, "data", "stringData"));
            case "ConfigMap" -> configMaps.put(name, values(doc, "binaryData", "data"));
            default -> {}
          }
        }
      } catch (IOException | RuntimeException e) {
        // Not YAML: the bundle compiler reports the file; it holds no Secret we can use.
      }
    }
    return new CoreManifests(secrets, configMaps);
  }

  /** Keys of {@code base64Field} are decoded, keys of {@code textField} taken as UTF-8 text. */
  private static Map<String, byte[]> values(JsonNode doc, String base64Field, String textField) {
    Map<String, byte[]> values = new LinkedHashMap<>();
    doc.path(base64Field)
        .fields()
        .forEachRemaining(
            e -> values.put(e.getKey(), Base64.getMimeDecoder().decode(e.getValue().asText())));
    doc.path(textField)
        .fields()
        .forEachRemaining(
            e -> values.put(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
    return values;
  }

  public Map<String, byte[]> secret(String name) {
    return secrets.get(name);
  }

  public Map<String, byte[]> configMap(String name) {
    return configMaps.get(name);
  }
}
