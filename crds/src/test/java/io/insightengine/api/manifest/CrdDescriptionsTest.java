package io.insightengine.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What {@code kubectl explain} shows of the generated CRDs: it prints a field's description, not
 * its schema's {@code default} or {@code minimum}/{@code maximum}, so each description says them;
 * and {@code kubectl get} shows why a resource is not Ready.
 */
class CrdDescriptionsTest {
  private static final Path GENERATED = Path.of("target/classes/META-INF/fabric8");
  private static final YAMLMapper YAML = new YAMLMapper();

  private static List<JsonNode> crds() throws IOException {
    List<JsonNode> crds = new ArrayList<>();
    try (Stream<Path> files = Files.list(GENERATED)) {
      for (Path f : files.filter(f -> f.toString().endsWith("-v1.yml")).sorted().toList()) {
        crds.add(YAML.readTree(f.toFile()));
      }
    }
    assertThat(crds).hasSize(CrdSchemas.KINDS.size());
    return crds;
  }

  @Test
  void everyDefaultAndRangeIsInItsFieldsDescription() throws IOException {
    List<String> missing = new ArrayList<>();
    for (JsonNode crd : crds()) {
      String kind = crd.path("spec").path("names").path("kind").asText();
      for (JsonNode version : crd.path("spec").path("versions")) {
        walk(kind, version.path("schema").path("openAPIV3Schema"), missing);
      }
    }
    assertThat(missing).isEmpty();
  }

  private static void walk(String path, JsonNode schema, List<String> missing) {
    String description = schema.path("description").asText("");
    if (schema.has("default")) {
      String value = schema.get("default").asText();
      if (!description.contains("Default: " + value + ".")) {
        missing.add(path + ": no \"Default: " + value + ".\" in its description");
      }
    }
    if (schema.has("minimum") || schema.has("maximum")) {
      String min = schema.has("minimum") ? number(schema.get("minimum")) : null;
      String max = schema.has("maximum") ? number(schema.get("maximum")) : null;
      String said =
          min != null && max != null
              ? "Range: " + min + " to " + max + "."
              : min != null ? "At least " + min + "." : "At most " + max + ".";
      if (!description.contains(said)) {
        missing.add(path + ": no \"" + said + "\" in its description");
      }
    }
    schema
        .path("properties")
        .fields()
        .forEachRemaining(p -> walk(path + "." + p.getKey(), p.getValue(), missing));
    if (schema.has("items")) {
      walk(path + "[]", schema.get("items"), missing);
    }
    if (schema.has("additionalProperties") && schema.get("additionalProperties").isObject()) {
      walk(path + "{}", schema.get("additionalProperties"), missing);
    }
  }

  private static String number(JsonNode n) {
    return n.isIntegralNumber() || n.asDouble() == Math.rint(n.asDouble())
        ? String.valueOf(n.asLong())
        : n.asText();
  }

  @Test
  void everyKindShowsReadyAndItsReason() throws IOException {
    for (JsonNode crd : crds()) {
      List<String> columns = new ArrayList<>();
      for (JsonNode column :
          crd.path("spec").path("versions").get(0).path("additionalPrinterColumns")) {
        columns.add(column.path("name").asText() + "=" + column.path("jsonPath").asText());
      }
      assertThat(columns)
          .as(crd.path("metadata").path("name").asText())
          .contains(
              "Ready=.status.conditions[?(@.type==\"Ready\")].status",
              "Reason=.status.conditions[?(@.type==\"Ready\")].reason");
    }
  }
}
