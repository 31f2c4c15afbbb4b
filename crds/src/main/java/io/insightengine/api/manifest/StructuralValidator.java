package io.insightengine.api.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Defaults and validates a manifest against a CRD's structural schema the way the API server does:
 * defaults first, then types, required fields, enums, patterns, bounds, unknown fields (strict
 * field validation) and CEL rules, with the API server's message formats.
 *
 * <p>Why not a JSON-schema library: Kubernetes' structural schemas are not JSON Schema (defaulting,
 * x-kubernetes-int-or-string, x-kubernetes-preserve-unknown-fields, CEL rules scoped to each
 * object, strict unknown-field errors), and a standalone engine should report the same errors, in
 * the same words, that {@code kubectl apply} reports. The tests still check every example with a
 * JSON-schema library as an independent second opinion.
 */
final class StructuralValidator {
  private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private final CelRules cel = new CelRules();
  private final Map<String, Pattern> patterns = new java.util.concurrent.ConcurrentHashMap<>();

  /** A violation at a field path, in the API server's words. */
  record Violation(String field, String detail, boolean blocksRules) {
    Violation(String field, String detail) {
      this(field, detail, false);
    }

    @Override
    public String toString() {
      return field + ": " + detail;
    }
  }

  /** Applies defaults to {@code document} (in place) and returns what is wrong with it. */
  List<Violation> defaultAndValidate(JsonNode rootSchema, ObjectNode document) {
    List<Violation> violations = new ArrayList<>();
    List<RuleCheck> ruleChecks = new ArrayList<>();
    JsonNode properties = rootSchema.path("properties");
    for (Iterator<Map.Entry<String, JsonNode>> it = document.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (ROOT_FIELDS.contains(name)) {
        continue;
      }
      if (!properties.has(name)) {
        violations.add(new Violation(name, "unknown field \"" + name + "\""));
      } else if (field.getValue().isNull()) {
        it.remove();
      } else {
        walk(properties.get(name), field.getValue(), name, violations, ruleChecks);
      }
    }
    for (JsonNode required : rootSchema.path("required")) {
      if (!document.has(required.asText())) {
        violations.add(new Violation(required.asText(), "Required value"));
      }
    }
    // As the API server does: a wrong type or an unsupported enum value skips the CEL rules.
    if (ruleChecks.isEmpty() && !hasRules(rootSchema)) {
      return violations;
    }
    if (violations.stream().anyMatch(Violation::blocksRules)) {
      violations.add(new Violation("", RULES_SKIPPED));
    } else {
      for (RuleCheck check : ruleChecks) {
        check.evaluate(cel).ifPresent(violations::add);
      }
    }
    return violations;
  }

  private final Map<JsonNode, Boolean> schemasWithRules =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  /** Whether the CRD has CEL rules at all: only then does the API server run (or skip) them. */
  private boolean hasRules(JsonNode schema) {
    return schemasWithRules.computeIfAbsent(
        schema, s -> !s.findValues("x-kubernetes-validations").isEmpty());
  }

  static final String RULES_SKIPPED =
      "Invalid value: \"null\": some validation rules were not checked because the object was"
          + " invalid; correct the existing errors to complete validation";

  /** A CEL rule to evaluate on one value once the structure is known to be valid. */
  private record RuleCheck(String path, JsonNode validation, JsonNode value) {
    java.util.Optional<Violation> evaluate(CelRules cel) {
      return cel.violation(validation.path("rule").asText(), value)
          .map(
              reason -> {
                String message =
                    validation.hasNonNull("message")
                        ? validation.get("message").asText()
                        : "failed rule: " + validation.path("rule").asText();
                return new Violation(
                    path, "Invalid value: \"" + jsonType(value) + "\": " + message);
              });
    }
  }

  private void walk(
      JsonNode schema, JsonNode node, String path, List<Violation> out, List<RuleCheck> rules) {
    if (!hasType(schema, node)) {
      String actual = jsonType(node);
      out.add(
          new Violation(
              path,
              "Invalid value: \""
                  + actual
                  + "\": "
                  + path
                  + " in body must be of type "
                  + schema.path("type").asText()
                  + ": \""
                  + actual
                  + "\"",
              true));
      return;
    }
    if (node.isObject()) {
      walkObject(schema, (ObjectNode) node, path, out, rules);
    } else if (node.isArray()) {
      walkArray(schema, (ArrayNode) node, path, out, rules);
    } else {
      checkScalar(schema, node, path, out);
    }
    for (JsonNode validation : schema.path("x-kubernetes-validations")) {
      rules.add(new RuleCheck(path, validation, node));
    }
  }

  private void walkObject(
      JsonNode schema, ObjectNode node, String path, List<Violation> out, List<RuleCheck> rules) {
    JsonNode properties = schema.path("properties");
    properties
        .fields()
        .forEachRemaining(
            p -> {
              if (!node.hasNonNull(p.getKey()) && p.getValue().has("default")) {
                node.set(p.getKey(), p.getValue().get("default").deepCopy());
              }
            });
    for (JsonNode required : schema.path("required")) {
      if (!node.hasNonNull(required.asText())) {
        out.add(new Violation(path + "." + required.asText(), "Required value"));
      }
    }
    JsonNode additional = schema.path("additionalProperties");
    boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String childPath = path + "." + field.getKey();
      if (field.getValue().isNull()) {
        it.remove(); // the API server drops nulls of non-nullable fields
      } else if (properties.has(field.getKey())) {
        walk(properties.get(field.getKey()), field.getValue(), childPath, out, rules);
      } else if (additional.isObject()) {
        walk(additional, field.getValue(), childPath, out, rules);
      } else if (!preserveUnknown) {
        out.add(new Violation(childPath, "unknown field \"" + childPath + "\""));
      }
    }
    if (schema.has("maxProperties") && node.size() > schema.get("maxProperties").asInt()) {
      out.add(
          new Violation(
              path,
              "Too many: "
                  + node.size()
                  + ": must have at most "
                  + schema.get("maxProperties").asInt()
                  + " items"));
    }
  }

  private void walkArray(
      JsonNode schema, ArrayNode node, String path, List<Violation> out, List<RuleCheck> rules) {
    if (schema.has("maxItems") && node.size() > schema.get("maxItems").asInt()) {
      out.add(
          new Violation(
              path,
              "Too many: "
                  + node.size()
                  + ": must have at most "
                  + schema.get("maxItems").asInt()
                  + " items"));
    }
    if (schema.has("minItems") && node.size() < schema.get("minItems").asInt()) {
      out.add(
          new Violation(
              path,
              "Invalid value: "
                  + node.size()
                  + ": "
                  + path
                  + " in body should have at least "
                  + schema.get("minItems").asInt()
                  + " items"));
    }
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isNull()) {
        walk(schema.path("items"), node.get(i), path + "[" + i + "]", out, rules);
      }
    }
  }

  private void checkScalar(JsonNode schema, JsonNode node, String path, List<Violation> out) {
    JsonNode allowed = schema.path("enum");
    if (allowed.isArray() && allowed.size() > 0) {
      boolean found = false;
      for (JsonNode value : allowed) {
        found |= value.equals(node) || value.asText().equals(node.asText());
      }
      if (!found) {
        String supported =
            java.util.stream.StreamSupport.stream(allowed.spliterator(), false)
                .map(v -> "\"" + v.asText() + "\"")
                .collect(Collectors.joining(", "));
        out.add(
            new Violation(
                path,
                "Unsupported value: " + display(node) + ": supported values: " + supported,
                true));
        return;
      }
    }
    if (node.isTextual()) {
      String text = node.asText();
      int length = text.codePointCount(0, text.length());
      if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
        out.add(
            new Violation(
                path,
                "Too long: may not be more than " + schema.get("maxLength").asInt() + " bytes"));
      }
      if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
        out.add(
            new Violation(
                path,
                "Invalid value: "
                    + display(node)
                    + ": "
                    + path
                    + " in body should be at least "
                    + schema.get("minLength").asInt()
                    + " chars long"));
      }
      if (schema.has("pattern")) {
        String regex = schema.get("pattern").asText();
        if (!patterns.computeIfAbsent(regex, Pattern::compile).matcher(text).find()) {
          out.add(
              new Violation(
                  path,
                  "Invalid value: "
                      + display(node)
                      + ": "
                      + path
                      + " in body should match '"
                      + regex
                      + "'"));
        }
      }
    }
    if (node.isNumber()) {
      if (schema.has("maximum") && node.asDouble() > schema.get("maximum").asDouble()) {
        out.add(
            new Violation(
                path,
                "Invalid value: "
                    + node.asText()
                    + ": "
                    + path
                    + " in body should be less than or equal to "
                    + schema.get("maximum").asLong()));
      }
      if (schema.has("minimum") && node.asDouble() < schema.get("minimum").asDouble()) {
        out.add(
            new Violation(
                path,
                "Invalid value: "
                    + node.asText()
                    + ": "
                    + path
                    + " in body should be greater than or equal to "
                    + schema.get("minimum").asLong()));
      }
    }
  }

  private static boolean hasType(JsonNode schema, JsonNode node) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return node.isIntegralNumber() || node.isTextual();
    }
    return switch (schema.path("type").asText("")) {
      case "object" -> node.isObject();
      case "array" -> node.isArray();
      case "string" -> node.isTextual();
      case "integer" -> node.isIntegralNumber();
      case "number" -> node.isNumber();
      case "boolean" -> node.isBoolean();
      default -> true; // untyped: x-kubernetes-preserve-unknown-fields
    };
  }

  private static String jsonType(JsonNode node) {
    if (node.isObject()) {
      return "object";
    }
    if (node.isArray()) {
      return "array";
    }
    if (node.isIntegralNumber()) {
      return "integer";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "boolean";
    }
    return "string";
  }

  private static String display(JsonNode node) {
    return node.isTextual() ? "\"" + node.asText() + "\"" : node.toString();
  }
}
