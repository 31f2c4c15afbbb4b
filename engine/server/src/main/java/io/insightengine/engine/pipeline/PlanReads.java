package io.insightengine.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * What PostgreSQL's plan of a query says it reads: the relations its scans read ({@code
 * schema.name}) and the set-returning functions it scans, from {@code EXPLAIN (VERBOSE, FORMAT
 * JSON)}. The optimize stage compares them with what the firewall allowed: the planner resolves
 * names as the database does, so a query the firewall read differently (a name it took for a CTE, a
 * search_path it resolved otherwise) is caught before it runs.
 *
 * <p>Functions inside expressions are not compared: the plan prints them as text, and a view's own
 * definition contributes expressions the caller did not write.
 */
record PlanReads(Set<String> relations, Set<String> functions) {

  static PlanReads of(JsonNode explain) {
    Set<String> relations = new TreeSet<>();
    Set<String> functions = new TreeSet<>();
    for (JsonNode statement : explain) {
      walk(statement.path("Plan"), relations, functions);
    }
    return new PlanReads(relations, functions);
  }

  private static void walk(JsonNode node, Set<String> relations, Set<String> functions) {
    if (node.isMissingNode()) {
      return;
    }
    String schema = node.path("Schema").asText("");
    if (node.has("Relation Name")) {
      relations.add(qualified(schema, node.path("Relation Name").asText()));
    }
    if (node.has("Function Name")) {
      functions.add(qualified(schema, node.path("Function Name").asText()));
    }
    for (JsonNode child : node.path("Plans")) {
      walk(child, relations, functions);
    }
  }

  private static String qualified(String schema, String name) {
    return schema.isEmpty() ? name : schema + "." + name;
  }
}
