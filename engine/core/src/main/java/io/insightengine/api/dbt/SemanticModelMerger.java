package io.insightengine.api.dbt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lays hand-written SemanticModel entries over those compiled from dbt. The rule:
 *
 * <ul>
 *   <li>Entries of a list are matched by their key: models, columns, dimensions, measures, metrics,
 *       hierarchies and named filters by {@code name} (a model also by {@code dbtModel}), glossary
 *       terms by {@code term} (ignoring case), relationships by their two models and key columns. A
 *       hand-written entry without a match is added after the compiled ones.
 *   <li>In a matched entry, every field the hand-written entry sets wins; fields it leaves out keep
 *       the compiled value. {@code synonyms} are the exception: both lists are kept (compiled
 *       first, duplicates dropped), since a hand-written synonym never makes a dbt one wrong; so
 *       are the word lists of {@code valueSynonyms}, value by value. Other lists (primaryKey,
 *       values, timeGrains, a measure's nonAdditiveDimension.windowGroupings ...) are replaced
 *       whole, and a measure's {@code aggTimeDimension} and {@code nonAdditiveDimension} fields
 *       like any other field.
 *   <li>Nothing compiled can be removed by omission: to hide a dbt model, leave it out of {@code
 *       dbt.select}.
 * </ul>
 */
public final class SemanticModelMerger {
  private static final Map<String, List<String>> KEYS =
      Map.of(
          "models", List.of("name"),
          "columns", List.of("name"),
          "dimensions", List.of("name"),
          "measures", List.of("name"),
          "metrics", List.of("name"),
          "hierarchies", List.of("name"),
          "filters", List.of("name"),
          "glossary", List.of("term"),
          "relationships", List.of("from", "fromColumns", "to", "toColumns"));

  private final ObjectMapper mapper = new ObjectMapper();

  /** {@code compiled} with {@code handWritten} laid over it; neither argument is changed. */
  public SemanticModelSpec merge(SemanticModelSpec compiled, SemanticModelSpec handWritten) {
    ObjectNode base = mapper.valueToTree(compiled);
    mergeObject(base, mapper.valueToTree(handWritten));
    try {
      return mapper.treeToValue(base, SemanticModelSpec.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("merged semantic model does not map back to its type", e);
    }
  }

  private void mergeObject(ObjectNode base, JsonNode over) {
    over.fields()
        .forEachRemaining(
            field -> {
              String name = field.getKey();
              JsonNode value = field.getValue();
              JsonNode current = base.get(name);
              if (current instanceof ObjectNode object
                  && value.isObject()
                  && name.equals("valueSynonyms")) {
                unionPerKey(object, value);
              } else if (current instanceof ObjectNode object && value.isObject()) {
                mergeObject(object, value);
              } else if (current instanceof ArrayNode array
                  && value.isArray()
                  && KEYS.containsKey(name)) {
                mergeKeyed(name, array, (ArrayNode) value);
              } else if (current instanceof ArrayNode array
                  && value.isArray()
                  && name.equals("synonyms")) {
                union(array, (ArrayNode) value);
              } else {
                base.set(name, value.deepCopy());
              }
            });
  }

  private void mergeKeyed(String list, ArrayNode base, ArrayNode over) {
    List<JsonNode> added = new ArrayList<>();
    for (JsonNode entry : over) {
      ObjectNode match = null;
      for (JsonNode candidate : base) {
        if (sameEntry(list, candidate, entry)) {
          match = (ObjectNode) candidate;
          break;
        }
      }
      if (match != null) {
        mergeObject(match, entry);
      } else {
        added.add(entry.deepCopy());
      }
    }
    added.forEach(base::add);
  }

  private static boolean sameEntry(String list, JsonNode compiled, JsonNode handWritten) {
    if (list.equals("models")
        && handWritten.hasNonNull("dbtModel")
        && handWritten.get("dbtModel").equals(compiled.get("dbtModel"))) {
      return true;
    }
    for (String key : KEYS.get(list)) {
      JsonNode a = compiled.get(key);
      JsonNode b = handWritten.get(key);
      boolean equal =
          list.equals("glossary")
              ? a != null && b != null && a.asText().equalsIgnoreCase(b.asText())
              : a != null && a.equals(b);
      if (!equal) {
        return false;
      }
    }
    return true;
  }

  /** valueSynonyms: per stored value, the words of both sides, as for synonyms. */
  private static void unionPerKey(ObjectNode base, JsonNode over) {
    over.fields()
        .forEachRemaining(
            e -> {
              if (base.get(e.getKey()) instanceof ArrayNode words && e.getValue().isArray()) {
                union(words, (ArrayNode) e.getValue());
              } else {
                base.set(e.getKey(), e.getValue().deepCopy());
              }
            });
  }

  private static void union(ArrayNode base, ArrayNode over) {
    List<String> seen = new ArrayList<>();
    base.forEach(s -> seen.add(s.asText().toLowerCase(Locale.ROOT)));
    for (JsonNode s : over) {
      if (!seen.contains(s.asText().toLowerCase(Locale.ROOT))) {
        seen.add(s.asText().toLowerCase(Locale.ROOT));
        base.add(s);
      }
    }
  }
}
