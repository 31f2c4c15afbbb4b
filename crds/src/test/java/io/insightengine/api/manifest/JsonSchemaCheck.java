package io.insightengine.api.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An independent second opinion on manifests: the CRDs' openAPIV3Schema turned into a JSON Schema
 * (unknown fields forbidden, as strict field validation does) and checked by networknt's validator.
 * It knows nothing of CEL rules or defaulting.
 */
final class JsonSchemaCheck {
  private static final ObjectMapper YAML = new YAMLMapper();
  private final CrdSchemas crds = new CrdSchemas();
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

  /** The violations of every document of {@code file} of our group. */
  List<String> violations(Path file) throws IOException {
    List<String> found = new ArrayList<>();
    try (var documents = YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
      while (documents.hasNextValue()) {
        JsonNode document = (JsonNode) documents.nextValue();
        if (document == null
            || !document.path("apiVersion").asText().startsWith("insight-engine.io/")) {
          continue;
        }
        JsonSchema schema = schemaOf(document.path("kind").asText());
        for (ValidationMessage message : schema.validate(document)) {
          found.add(message.getMessage());
        }
      }
    }
    return found;
  }

  private JsonSchema schemaOf(String kind) {
    ObjectNode schema = crds.kind(kind).orElseThrow().schema().deepCopy();
    ObjectNode properties = (ObjectNode) schema.get("properties");
    properties.putObject("apiVersion").put("type", "string");
    properties.putObject("kind").put("type", "string");
    properties.putObject("metadata").put("type", "object");
    strict(schema);
    return factory.getSchema(schema);
  }

  /** Forbids unknown fields and drops the Kubernetes extensions JSON Schema does not know. */
  private static void strict(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      boolean preserve = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        if (it.next().getKey().startsWith("x-kubernetes-")) {
          it.remove();
        }
      }
      if (object.has("properties") && !preserve && !object.has("additionalProperties")) {
        object.put("additionalProperties", false);
      }
      object.forEach(JsonSchemaCheck::strict);
    } else if (node.isArray()) {
      node.forEach(JsonSchemaCheck::strict);
    }
  }
}
