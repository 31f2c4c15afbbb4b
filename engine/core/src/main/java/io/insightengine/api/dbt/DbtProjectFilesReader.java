package io.insightengine.api.dbt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.insightengine.api.dbt.DbtProject.DataTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a dbt project's own files when no manifest exists: {@code dbt_project.yml} (name, model
 * paths, {@code +schema} per folder) and the YAML property files under the model paths (models with
 * descriptions, meta, columns and data tests; semantic models; metrics). Column types come from
 * {@code data_type} where the YAML gives one, since without a catalog nothing else knows them.
 */
public final class DbtProjectFilesReader {
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  public DbtProject read(Path projectDir) throws DbtArtifactException {
    Path projectFile = projectDir.resolve("dbt_project.yml");
    if (!Files.isRegularFile(projectFile)) {
      throw new DbtArtifactException(projectDir + " is not a dbt project (no dbt_project.yml)");
    }
    MessageDigest digest = sha256();
    JsonNode project = readYaml(projectFile, digest);
    String name = project.path("name").asText(null);
    if (name == null) {
      throw new DbtArtifactException(projectFile + " has no name");
    }
    List<String> modelPaths = new ArrayList<>();
    project.path("model-paths").forEach(p -> modelPaths.add(p.asText()));
    if (modelPaths.isEmpty()) {
      modelPaths.add("models");
    }

    Map<String, JsonNode> documented = new LinkedHashMap<>();
    Map<String, String> sqlPaths = new LinkedHashMap<>();
    List<DbtProject.SemanticModel> semanticModels = new ArrayList<>();
    List<DbtProject.Metric> metrics = new ArrayList<>();
    for (String modelPath : modelPaths) {
      Path root = projectDir.resolve(modelPath);
      if (!Files.isDirectory(root)) {
        continue;
      }
      for (Path file : files(root)) {
        String relative = projectDir.relativize(file).toString().replace('\\', '/');
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".sql")) {
          sqlPaths.put(fileName.substring(0, fileName.length() - 4), relative);
          update(digest, file);
        } else if (fileName.matches(".*\\.ya?ml")) {
          JsonNode doc = readYaml(file, digest);
          doc.path("models").forEach(m -> documented.put(m.path("name").asText(), m));
          doc.path("semantic_models")
              .forEach(sm -> semanticModels.add(DbtManifestReader.semanticModel(sm)));
          doc.path("metrics").forEach(m -> metrics.add(metric(m)));
        }
      }
    }

    List<DbtProject.Model> models = new ArrayList<>();
    for (Map.Entry<String, String> sql : sqlPaths.entrySet()) {
      JsonNode yamlModel = documented.getOrDefault(sql.getKey(), yaml.createObjectNode());
      models.add(model(sql.getKey(), sql.getValue(), yamlModel, project.path("models").path(name)));
    }
    String revision = "files-" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    return new DbtProject(name, revision, models, semanticModels, metrics);
  }

  private DbtProject.Model model(String name, String path, JsonNode node, JsonNode folderConfig) {
    List<DbtProject.Column> columns = new ArrayList<>();
    List<DataTest> tests = new ArrayList<>();
    for (JsonNode column : node.path("columns")) {
      String columnName = column.path("name").asText();
      columns.add(
          new DbtProject.Column(
              columnName,
              text(column, "data_type"),
              text(column, "description"),
              DbtManifestReader.meta(column)));
      for (JsonNode test : tests(column)) {
        dataTest(test, columnName).ifPresent(tests::add);
      }
    }
    for (JsonNode test : tests(node)) {
      dataTest(test, null).ifPresent(tests::add);
    }
    String schema = text(node.path("config"), "schema");
    if (schema == null) {
      schema = folderSchema(folderConfig, path);
    }
    List<String> tags = new ArrayList<>();
    node.path("config").path("tags").forEach(t -> tags.add(t.asText()));
    node.path("tags").forEach(t -> tags.add(t.asText()));
    String alias = text(node.path("config"), "alias");
    return new DbtProject.Model(
        name,
        null,
        schema,
        alias == null ? name : alias,
        text(node, "description"),
        path,
        tags,
        DbtManifestReader.meta(node),
        columns,
        tests,
        node.hasNonNull("time_spine") || name.equals("metricflow_time_spine"));
  }

  /** The last {@code +schema} set on the folders of {@code path} in dbt_project.yml. */
  private static String folderSchema(JsonNode config, String path) {
    String schema = text(config, "+schema");
    String[] parts = path.split("/");
    JsonNode node = config;
    for (int i = 1; i < parts.length - 1; i++) { // skip the model path itself and the file
      node = node.path(parts[i]);
      String here = text(node, "+schema");
      if (here != null) {
        schema = here;
      }
    }
    return schema;
  }

  private static List<JsonNode> tests(JsonNode node) {
    List<JsonNode> tests = new ArrayList<>();
    node.path("data_tests").forEach(tests::add);
    node.path("tests").forEach(tests::add);
    return tests;
  }

  private static java.util.Optional<DataTest> dataTest(JsonNode test, String column) {
    String kind =
        test.isTextual()
            ? test.asText()
            : test.fieldNames().hasNext() ? test.fieldNames().next() : "";
    JsonNode args = test.path(kind);
    if (args.has("arguments")) {
      args = args.get("arguments"); // dbt 1.10 nests test arguments
    }
    String name = kind.contains(".") ? kind.substring(kind.lastIndexOf('.') + 1) : kind;
    List<String> values = DbtManifestReader.values(args.path("values"));
    List<String> combination = new ArrayList<>();
    args.path("combination_of_columns").forEach(v -> combination.add(v.asText()));
    return switch (name) {
      case "unique" ->
          java.util.Optional.of(
              new DataTest(DataTest.Kind.UNIQUE, column, List.of(), List.of(), null, null));
      case "not_null" ->
          java.util.Optional.of(
              new DataTest(DataTest.Kind.NOT_NULL, column, List.of(), List.of(), null, null));
      case "accepted_values" ->
          java.util.Optional.of(
              new DataTest(DataTest.Kind.ACCEPTED_VALUES, column, List.of(), values, null, null));
      case "relationships" ->
          java.util.Optional.of(
              new DataTest(
                  DataTest.Kind.RELATIONSHIPS,
                  column,
                  List.of(),
                  List.of(),
                  DbtManifestReader.refName(text(args, "to")),
                  text(args, "field")));
      case "unique_combination_of_columns" ->
          java.util.Optional.of(
              new DataTest(
                  DataTest.Kind.UNIQUE_COMBINATION, null, combination, List.of(), null, null));
      default -> java.util.Optional.empty();
    };
  }

  private static DbtProject.Metric metric(JsonNode m) {
    JsonNode params = m.path("type_params");
    List<String> filters = new ArrayList<>(filterList(m.path("filter")));
    String unsupported = null;
    JsonNode measure = params.path("measure");
    filters.addAll(filterList(measure.path("filter")));
    if (measure.has("alias") || measure.path("join_to_timespine").asBoolean(false)) {
      unsupported = "measure options (alias, join_to_timespine)";
    }
    if (!filterList(params.path("numerator").path("filter")).isEmpty()
        || !filterList(params.path("denominator").path("filter")).isEmpty()) {
      unsupported = "filters on ratio inputs";
    }
    List<String> inputs = new ArrayList<>();
    for (JsonNode input : params.path("metrics")) {
      inputs.add(input.isTextual() ? input.asText() : text(input, "name"));
      if (input.isObject()
          && (input.has("filter") || input.has("offset_window") || input.has("alias"))) {
        unsupported = "filters, offsets or aliases on derived inputs";
      }
    }
    return DbtManifestReader.metric(
        m,
        nameOf(measure),
        filters,
        nameOf(params.path("numerator")),
        nameOf(params.path("denominator")),
        inputs,
        unsupported);
  }

  private static String nameOf(JsonNode node) {
    return node.isTextual() ? node.asText() : text(node, "name");
  }

  private static List<String> filterList(JsonNode filter) {
    List<String> filters = new ArrayList<>();
    if (filter.isTextual()) {
      filters.add(filter.asText());
    } else {
      filter.forEach(f -> filters.add(f.asText()));
    }
    return filters;
  }

  private JsonNode readYaml(Path file, MessageDigest digest) throws DbtArtifactException {
    try {
      byte[] bytes = Files.readAllBytes(file);
      digest.update(bytes);
      JsonNode node = yaml.readTree(bytes);
      return node == null ? yaml.createObjectNode() : node;
    } catch (IOException e) {
      throw new DbtArtifactException(file + " is not valid YAML: " + e.getMessage(), e);
    }
  }

  private static void update(MessageDigest digest, Path file) throws DbtArtifactException {
    try {
      digest.update(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new DbtArtifactException("cannot read " + file, e);
    }
  }

  private static List<Path> files(Path root) throws DbtArtifactException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new DbtArtifactException("cannot list " + root, e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }
}
