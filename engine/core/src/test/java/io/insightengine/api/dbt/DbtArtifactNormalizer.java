package io.insightengine.api.dbt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes dbt's artifacts reproducible so the committed copies can be checked fresh: removes what
 * changes between runs of the same project (timestamps, invocation ids, absolute paths, the owner,
 * dbt's own macros and docs) and sorts keys. The invocation id becomes a hash of the normalized
 * content, so it still identifies what was compiled.
 */
final class DbtArtifactNormalizer {
  private static final String FIXED_TIME = "2024-01-01T00:00:00Z";
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final List<String> absolutePaths;

  DbtArtifactNormalizer(List<String> absolutePaths) {
    this.absolutePaths = absolutePaths;
  }

  String manifest(JsonNode manifest) throws Exception {
    ObjectNode root = manifest.deepCopy();
    String project = root.path("metadata").path("project_name").asText();
    for (String section : List.of("macros", "docs")) {
      ObjectNode kept = JsonNodeFactory.instance.objectNode();
      root.path(section)
          .fields()
          .forEachRemaining(
              e -> {
                if (project.equals(e.getValue().path("package_name").asText())) {
                  kept.set(e.getKey(), e.getValue());
                }
              });
      root.set(section, kept);
    }
    return finish(root);
  }

  String catalog(JsonNode catalog) throws Exception {
    ObjectNode root = catalog.deepCopy();
    root.path("nodes")
        .forEach(n -> ((ObjectNode) n.path("metadata")).put("owner", "warehouse_owner"));
    root.path("sources")
        .forEach(n -> ((ObjectNode) n.path("metadata")).put("owner", "warehouse_owner"));
    return finish(root);
  }

  private String finish(ObjectNode root) throws Exception {
    ObjectNode metadata = (ObjectNode) root.path("metadata");
    metadata.put("generated_at", FIXED_TIME);
    metadata.put("invocation_id", "");
    for (String time : List.of("invocation_started_at", "run_started_at")) { // the latter: dbt 1.11
      if (metadata.has(time)) {
        metadata.put(time, FIXED_TIME);
      }
    }
    metadata.set("env", JsonNodeFactory.instance.objectNode());
    metadata.putNull("user_id");
    JsonNode normalized = normalize(root);
    String withoutId = json.writeValueAsString(normalized);
    String id =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(withoutId.getBytes(StandardCharsets.UTF_8)));
    ((ObjectNode) normalized.path("metadata"))
        .put("invocation_id", "sha256-" + id.substring(0, 32));
    return json.writeValueAsString(normalized) + "\n";
  }

  /** Sorted keys, fixed timestamps, paths relative to the project. */
  private JsonNode normalize(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode value = e.getValue();
        if (e.getKey().equals("created_at") && value.isNumber()) {
          value = JsonNodeFactory.instance.numberNode(0);
        } else if (e.getKey().equals("root_path") && value.isTextual()) {
          value = JsonNodeFactory.instance.textNode(".");
        }
        sorted.put(e.getKey(), normalize(value));
      }
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      sorted.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> out.add(normalize(item)));
      return out;
    }
    if (node.isTextual()) {
      String text = node.asText();
      for (String path : absolutePaths) {
        text = text.replace(path + "/", "").replace(path, ".");
      }
      return JsonNodeFactory.instance.textNode(text);
    }
    return node;
  }

  static List<String> paths(String... paths) {
    return new ArrayList<>(List.of(paths));
  }
}
