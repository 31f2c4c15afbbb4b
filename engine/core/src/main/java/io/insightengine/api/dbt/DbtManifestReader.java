package io.insightengine.api.dbt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightengine.api.dbt.DbtProject.DataTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the artifacts dbt writes: {@code manifest.json} (schema v10 to v12, dbt 1.6 on) for models,
 * descriptions, meta, data tests, semantic models and metrics, and optionally {@code catalog.json}
 * (v1) for the column types of the built relations. Fields it does not need are ignored, so newer
 * dbt versions that add fields still read.
 */
public final class DbtManifestReader {
  private static final Pattern MANIFEST_VERSION =
      Pattern.compile("https://schemas\\.getdbt\\.com/dbt/manifest/v(\\d+)\\.json");
  private static final Pattern CATALOG_VERSION =
      Pattern.compile("https://schemas\\.getdbt\\.com/dbt/catalog/v(\\d+)\\.json");
  private static final int OLDEST_MANIFEST = 10;
  private static final int NEWEST_MANIFEST = 12;

  /** {@code ref('name')} or {@code ref('package', 'name')}. */
  private static final Pattern REF =
      Pattern.compile("ref\\((?:\\s*['\"][^'\"]+['\"]\\s*,)?\\s*['\"]([^'\"]+)['\"]\\s*\\)");

  private final ObjectMapper json = new ObjectMapper();

  /** Reads {@code manifest.json} and, when the file exists, {@code catalog.json} beside it. */
  public DbtProject read(Path manifest, Path catalog) throws DbtArtifactException {
    try (InputStream m = Files.newInputStream(manifest)) {
      if (catalog != null && Files.exists(catalog)) {
        try (InputStream c = Files.newInputStream(catalog)) {
          return read(m, c, manifest.toString());
        }
      }
      return read(m, null, manifest.toString());
    } catch (IOException e) {
      throw new DbtArtifactException("cannot read " + manifest + ": " + e.getMessage(), e);
    }
  }

  /** Reads a manifest and an optional catalog; {@code source} names them in errors. */
  public DbtProject read(InputStream manifest, InputStream catalog, String source)
      throws DbtArtifactException {
    JsonNode root = parse(manifest, source);
    checkVersion(root, MANIFEST_VERSION, OLDEST_MANIFEST, NEWEST_MANIFEST, "manifest", source);
    Map<String, Map<String, String>> types =
        catalog == null ? Map.of() : catalogTypes(parse(catalog, source + " (catalog)"), source);

    String project = root.path("metadata").path("project_name").asText(null);
    Map<String, String> modelNames = new LinkedHashMap<>();
    root.path("nodes")
        .forEach(
            node -> {
              if ("model".equals(node.path("resource_type").asText())) {
                modelNames.put(node.path("unique_id").asText(), node.path("name").asText());
              }
            });
    if (project == null) {
      project =
          root.path("nodes").findValuesAsText("package_name").stream().findFirst().orElse(null);
    }

    Map<String, List<DataTest>> testsByModel = new LinkedHashMap<>();
    root.path("nodes")
        .forEach(
            node -> {
              if ("test".equals(node.path("resource_type").asText())) {
                dataTest(node, modelNames)
                    .ifPresent(
                        t ->
                            testsByModel
                                .computeIfAbsent(
                                    node.path("attached_node").asText(firstDependency(node)),
                                    k -> new ArrayList<>())
                                .add(t));
              }
            });

    List<DbtProject.Model> models = new ArrayList<>();
    for (JsonNode node : root.path("nodes")) {
      if (!"model".equals(node.path("resource_type").asText())
          || (project != null && !project.equals(node.path("package_name").asText()))) {
        continue;
      }
      String id = node.path("unique_id").asText();
      models.add(
          model(node, types.getOrDefault(id, Map.of()), testsByModel.getOrDefault(id, List.of())));
    }

    List<DbtProject.SemanticModel> semanticModels = new ArrayList<>();
    root.path("semantic_models").forEach(sm -> semanticModels.add(semanticModel(sm)));
    List<DbtProject.Metric> metrics = new ArrayList<>();
    root.path("metrics").forEach(m -> metrics.add(metric(m)));

    String revision = root.path("metadata").path("invocation_id").asText(null);
    return new DbtProject(project, revision, models, semanticModels, metrics);
  }

  private JsonNode parse(InputStream in, String source) throws DbtArtifactException {
    try {
      JsonNode root = json.readTree(in);
      if (root == null || !root.isObject()) {
        throw new DbtArtifactException(source + " is not a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new DbtArtifactException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new DbtArtifactException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  private static void checkVersion(
      JsonNode root, Pattern pattern, int oldest, int newest, String what, String source)
      throws DbtArtifactException {
    String schema = root.path("metadata").path("dbt_schema_version").asText("");
    Matcher m = pattern.matcher(schema);
    if (!m.matches()) {
      throw new DbtArtifactException(
          source
              + " is not a dbt "
              + what
              + " (metadata.dbt_schema_version is \""
              + schema
              + "\")");
    }
    int version = Integer.parseInt(m.group(1));
    if (version < oldest || version > newest) {
      throw new DbtArtifactException(
          source
              + " is a dbt "
              + what
              + " v"
              + version
              + "; this reader supports v"
              + oldest
              + " to v"
              + newest
              + " (dbt 1.6 and later)");
    }
  }

  private static Map<String, Map<String, String>> catalogTypes(JsonNode catalog, String source)
      throws DbtArtifactException {
    checkVersion(catalog, CATALOG_VERSION, 1, 1, "catalog", source + " (catalog)");
    Map<String, Map<String, String>> types = new LinkedHashMap<>();
    catalog
        .path("nodes")
        .fields()
        .forEachRemaining(
            entry -> {
              Map<String, String> columns = new LinkedHashMap<>();
              List<JsonNode> ordered = new ArrayList<>();
              entry.getValue().path("columns").forEach(ordered::add);
              ordered.sort(Comparator.comparingInt(c -> c.path("index").asInt()));
              ordered.forEach(c -> columns.put(c.path("name").asText(), c.path("type").asText()));
              types.put(entry.getKey(), columns);
            });
    return types;
  }

  private DbtProject.Model model(
      JsonNode node, Map<String, String> catalogColumns, List<DataTest> tests) {
    Map<String, DbtProject.Column> columns = new LinkedHashMap<>();
    // Catalog order is the table's column order; documented columns the catalog lacks follow.
    catalogColumns.forEach((name, type) -> columns.put(name, null));
    node.path("columns").forEach(c -> columns.put(c.path("name").asText(), null));
    List<DbtProject.Column> result = new ArrayList<>();
    for (String name : columns.keySet()) {
      JsonNode documented = findColumn(node.path("columns"), name);
      String type = catalogColumns.getOrDefault(name, text(documented, "data_type"));
      result.add(
          new DbtProject.Column(name, type, text(documented, "description"), meta(documented)));
    }
    return new DbtProject.Model(
        node.path("name").asText(),
        text(node, "database"),
        text(node, "schema"),
        Optional.ofNullable(text(node, "alias")).orElse(node.path("name").asText()),
        text(node, "description"),
        text(node, "original_file_path"),
        strings(node.path("tags")),
        meta(node),
        result,
        tests,
        node.hasNonNull("time_spine")
            || "metricflow_time_spine".equals(node.path("name").asText()));
  }

  private static JsonNode findColumn(JsonNode columns, String name) {
    if (columns.has(name)) {
      return columns.get(name);
    }
    for (JsonNode c : columns) {
      if (name.equalsIgnoreCase(c.path("name").asText())) {
        return c;
      }
    }
    return null;
  }

  private static Optional<DataTest> dataTest(JsonNode node, Map<String, String> modelNames) {
    JsonNode metadata = node.path("test_metadata");
    JsonNode kwargs = metadata.path("kwargs");
    String column =
        Optional.ofNullable(text(node, "column_name")).orElse(text(kwargs, "column_name"));
    return switch (metadata.path("name").asText("")) {
      case "unique" ->
          Optional.of(new DataTest(DataTest.Kind.UNIQUE, column, List.of(), List.of(), null, null));
      case "not_null" ->
          Optional.of(
              new DataTest(DataTest.Kind.NOT_NULL, column, List.of(), List.of(), null, null));
      case "accepted_values" ->
          Optional.of(
              new DataTest(
                  DataTest.Kind.ACCEPTED_VALUES,
                  column,
                  List.of(),
                  values(kwargs.path("values")),
                  null,
                  null));
      case "relationships" -> {
        String to = refName(text(kwargs, "to"));
        if (to == null) {
          // The referenced model is the dependency that is not the tested model.
          String attached = node.path("attached_node").asText();
          for (JsonNode dep : node.path("depends_on").path("nodes")) {
            if (!dep.asText().equals(attached) && modelNames.containsKey(dep.asText())) {
              to = modelNames.get(dep.asText());
            }
          }
        }
        yield Optional.of(
            new DataTest(
                DataTest.Kind.RELATIONSHIPS,
                column,
                List.of(),
                List.of(),
                to,
                text(kwargs, "field")));
      }
      case "unique_combination_of_columns" ->
          Optional.of(
              new DataTest(
                  DataTest.Kind.UNIQUE_COMBINATION,
                  null,
                  strings(kwargs.path("combination_of_columns")),
                  List.of(),
                  null,
                  null));
      default -> Optional.empty();
    };
  }

  private static String firstDependency(JsonNode node) {
    return node.path("depends_on").path("nodes").path(0).asText("");
  }

  /** The model name of {@code ref('name')} (or {@code ref('package', 'name')}). */
  static String refName(String ref) {
    if (ref == null) {
      return null;
    }
    Matcher m = REF.matcher(ref);
    return m.find() ? m.group(1) : null;
  }

  /** A semantic model as dbt writes it, in the manifest and in the project's YAML alike. */
  static DbtProject.SemanticModel semanticModel(JsonNode sm) {
    List<DbtProject.Entity> entities = new ArrayList<>();
    sm.path("entities")
        .forEach(
            e ->
                entities.add(
                    new DbtProject.Entity(text(e, "name"), text(e, "type"), text(e, "expr"))));
    List<DbtProject.Dimension> dimensions = new ArrayList<>();
    sm.path("dimensions")
        .forEach(
            d ->
                dimensions.add(
                    new DbtProject.Dimension(
                        text(d, "name"),
                        text(d, "type"),
                        text(d, "expr"),
                        text(d, "description"),
                        text(d, "label"),
                        text(d.path("type_params"), "time_granularity"))));
    List<DbtProject.Measure> measures = new ArrayList<>();
    sm.path("measures")
        .forEach(
            m ->
                measures.add(
                    new DbtProject.Measure(
                        text(m, "name"),
                        text(m, "agg"),
                        text(m, "expr"),
                        text(m, "description"),
                        text(m, "label"),
                        text(m, "agg_time_dimension"),
                        nonAdditive(m.get("non_additive_dimension")))));
    String model = refName(text(sm, "model"));
    if (model == null) {
      model = text(sm.path("node_relation"), "alias");
    }
    return new DbtProject.SemanticModel(
        text(sm, "name"),
        model,
        text(sm, "description"),
        text(sm.path("defaults"), "agg_time_dimension"),
        entities,
        dimensions,
        measures);
  }

  /** {@code non_additive_dimension}: an object, or (in hand-written YAML) just the name. */
  private static DbtProject.NonAdditive nonAdditive(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return new DbtProject.NonAdditive(node.asText(), null, List.of());
    }
    return new DbtProject.NonAdditive(
        text(node, "name"), text(node, "window_choice"), strings(node.path("window_groupings")));
  }

  private static DbtProject.Metric metric(JsonNode m) {
    JsonNode params = m.path("type_params");
    List<String> filters = new ArrayList<>();
    m.path("filter")
        .path("where_filters")
        .forEach(f -> filters.add(f.path("where_sql_template").asText()));
    String measure = null;
    String unsupported = null;
    JsonNode measureNode = params.path("measure");
    if (measureNode.isObject()) {
      measure = text(measureNode, "name");
      measureNode
          .path("filter")
          .path("where_filters")
          .forEach(f -> filters.add(f.path("where_sql_template").asText()));
      if (measureNode.hasNonNull("alias")
          || measureNode.hasNonNull("join_to_timespine")
              && measureNode.get("join_to_timespine").asBoolean()) {
        unsupported = "measure options (alias, join_to_timespine)";
      }
    }
    String numerator = inputName(params.path("numerator"));
    String denominator = inputName(params.path("denominator"));
    if (hasFilter(params.path("numerator")) || hasFilter(params.path("denominator"))) {
      unsupported = "filters on ratio inputs";
    }
    List<String> inputs = new ArrayList<>();
    for (JsonNode input : params.path("metrics")) {
      inputs.add(inputName(input));
      if (hasFilter(input)
          || input.hasNonNull("offset_window")
          || input.hasNonNull("offset_to_grain")
          || input.hasNonNull("alias")) {
        unsupported = "filters, offsets or aliases on derived inputs";
      }
    }
    return metric(m, measure, filters, numerator, denominator, inputs, unsupported);
  }

  /** A metric from its node and what the caller read of its type parameters. */
  static DbtProject.Metric metric(
      JsonNode m,
      String measure,
      List<String> filters,
      String numerator,
      String denominator,
      List<String> inputs,
      String unsupported) {
    String type = m.path("type").asText("");
    if (!List.of("simple", "ratio", "derived").contains(type)) {
      unsupported = type + " metrics";
    }
    return new DbtProject.Metric(
        text(m, "name"),
        text(m, "label"),
        text(m, "description"),
        type,
        meta(m),
        measure,
        filters,
        numerator,
        denominator,
        text(m.path("type_params"), "expr"),
        inputs,
        unsupported);
  }

  private static String inputName(JsonNode input) {
    return input.isObject() ? text(input, "name") : (input.isTextual() ? input.asText() : null);
  }

  private static boolean hasFilter(JsonNode input) {
    return input.path("filter").path("where_filters").size() > 0;
  }

  /** meta and config.meta merged (dbt 1.10 moved meta under config). */
  static Map<String, Object> meta(JsonNode node) {
    Map<String, Object> meta = new LinkedHashMap<>();
    if (node == null) {
      return meta;
    }
    for (JsonNode source : List.of(node.path("config").path("meta"), node.path("meta"))) {
      source.fields().forEachRemaining(e -> meta.putIfAbsent(e.getKey(), plain(e.getValue())));
    }
    return meta;
  }

  private static Object plain(JsonNode value) {
    if (value.isArray()) {
      List<Object> list = new ArrayList<>();
      value.forEach(v -> list.add(plain(v)));
      return list;
    }
    if (value.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      value.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
      return map;
    }
    return value.isNull() ? null : value.asText();
  }

  private static String text(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }

  /**
   * accepted_values as text, whatever their JSON type (numbers, booleans, dates); a null is left
   * out, since accepted_values never tests nulls.
   */
  static List<String> values(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(
        v -> {
          if (!v.isNull()) {
            list.add(v.asText());
          }
        });
    return list;
  }

  private static List<String> strings(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(v -> list.add(v.asText()));
    return list;
  }
}
