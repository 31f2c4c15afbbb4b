package io.insightengine.api.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.insightengine.api.v1alpha1.common.ApiConstants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads directories and files of Kubernetes manifests (multi-document YAML, several kinds) into
 * typed custom resources, applying the CRDs' defaults and validating them as the API server would:
 * the engine's standalone mode and the tests read the same YAML that users apply.
 *
 * <p>Every problem is collected, each naming the file, the document and the field path; nothing is
 * returned unless all documents are valid.
 */
public final class ManifestLoader {
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile(ApiConstants.DNS_SUBDOMAIN);
  private static final Pattern DNS_LABEL = Pattern.compile(ApiConstants.DNS_LABEL);

  private final CrdSchemas schemas = new CrdSchemas();
  private final StructuralValidator validator = new StructuralValidator();
  private final ObjectMapper yaml = new YAMLMapper(new YAMLFactory());
  private final ObjectMapper typed =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Loads every {@code .yaml} / {@code .yml} file under {@code directory}, in path order. */
  public LoadedManifests loadDirectory(Path directory) throws ManifestException {
    if (!Files.isDirectory(directory)) {
      throw new ManifestException(
          List.of(new ManifestError(directory.toString(), 0, null, null, null, "not a directory")));
    }
    return load(BundleDirectory.manifestFiles(directory));
  }

  /**
   * Loads every manifest under {@code directory} that is valid and reports the others with the
   * project they name, so that one project's broken manifest does not stop the other projects from
   * being served.
   */
  public PartialLoad loadDirectoryPartially(Path directory) {
    Accumulator acc = new Accumulator();
    if (!Files.isDirectory(directory)) {
      acc.fail(new ManifestError(directory.toString(), 0, null, null, null, "not a directory"));
    } else {
      for (Path file : BundleDirectory.manifestFiles(directory)) {
        try {
          read(file.toString(), BundleDirectory.readText(file), acc);
        } catch (IOException e) {
          acc.fail(new ManifestError(file.toString(), 0, null, null, null, "cannot read: " + e));
        }
      }
    }
    return new PartialLoad(new LoadedManifests(acc.manifests, acc.skipped), acc.refused);
  }

  /** Loads the given files, in order. */
  public LoadedManifests load(List<Path> files) throws ManifestException {
    Accumulator acc = new Accumulator();
    for (Path file : files) {
      try {
        read(file.toString(), BundleDirectory.readText(file), acc);
      } catch (IOException e) {
        acc.fail(new ManifestError(file.toString(), 0, null, null, null, "cannot read: " + e));
      }
    }
    return acc.result();
  }

  /** Loads manifests from text; {@code source} names it in errors. */
  public LoadedManifests load(String source, String content) throws ManifestException {
    Accumulator acc = new Accumulator();
    read(source, content, acc);
    return acc.result();
  }

  private final class Accumulator {
    final List<LoadedManifests.Manifest> manifests = new ArrayList<>();
    final List<LoadedManifests.Skipped> skipped = new ArrayList<>();
    final List<ManifestError> errors = new ArrayList<>();
    final List<PartialLoad.Refused> refused = new ArrayList<>();
    final Set<String> seen = new HashSet<>();

    /** The project the document being read belongs to, when it says. */
    String project;

    void fail(ManifestError error) {
      errors.add(error);
      refused.add(new PartialLoad.Refused(error, project));
    }

    void failAll(List<ManifestError> all) {
      all.forEach(this::fail);
    }

    LoadedManifests result() throws ManifestException {
      if (!errors.isEmpty()) {
        throw new ManifestException(errors);
      }
      return new LoadedManifests(manifests, skipped);
    }
  }

  private void read(String source, String content, Accumulator acc) {
    int document = 1;
    try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(content)) {
      for (; documents.hasNextValue(); document++) {
        JsonNode node = documents.nextValue();
        acc.project = null;
        if (node == null || node.isNull() || node.isMissingNode()) {
          continue; // an empty document, e.g. a trailing ---
        }
        readDocument(source, document, node, acc);
      }
    } catch (IOException | RuntimeException e) {
      acc.project = null; // a file that is not YAML belongs to no project we can tell
      acc.fail(
          new ManifestError(source, document, null, null, null, "not valid YAML: " + brief(e)));
    }
  }

  private void readDocument(String source, int document, JsonNode node, Accumulator acc) {
    if (!node.isObject()) {
      acc.fail(
          new ManifestError(source, document, null, null, null, "a manifest must be a mapping"));
      return;
    }
    ObjectNode object = (ObjectNode) node;
    String apiVersion = object.path("apiVersion").asText("");
    String kindName = object.path("kind").asText("");
    String name = object.path("metadata").path("name").asText(null);
    acc.project =
        "Project".equals(kindName)
            ? name
            : object.path("spec").path("projectRef").path("name").asText(null);
    if (apiVersion.isEmpty() || kindName.isEmpty()) {
      acc.fail(
          new ManifestError(
              source,
              document,
              null,
              name,
              apiVersion.isEmpty() ? "apiVersion" : "kind",
              "Required value"));
      return;
    }
    if (!apiVersion.startsWith(ApiConstants.GROUP + "/")) {
      acc.skipped.add(new LoadedManifests.Skipped(source, document, apiVersion, kindName));
      return;
    }
    var kind = schemas.kind(kindName);
    if (kind.isEmpty()) {
      acc.fail(
          new ManifestError(
              source,
              document,
              kindName,
              name,
              "kind",
              "Unsupported value: \""
                  + kindName
                  + "\": supported values: "
                  + String.join(", ", schemas.kindNames())));
      return;
    }
    if (!apiVersion.equals(ApiConstants.API_VERSION)) {
      acc.fail(
          new ManifestError(
              source,
              document,
              kindName,
              name,
              "apiVersion",
              "Unsupported value: \""
                  + apiVersion
                  + "\": supported values: \""
                  + ApiConstants.API_VERSION
                  + "\""));
      return;
    }
    List<ManifestError> errors = new ArrayList<>();
    checkMetadata(
        object.path("metadata"),
        (field, detail) ->
            errors.add(new ManifestError(source, document, kindName, name, field, detail)));
    for (StructuralValidator.Violation v :
        validator.defaultAndValidate(kind.get().schema(), object)) {
      errors.add(new ManifestError(source, document, kindName, name, v.field(), v.detail()));
    }
    if (!errors.isEmpty()) {
      acc.failAll(errors);
      return;
    }
    String namespace = object.path("metadata").path("namespace").asText("");
    if (!acc.seen.add(kindName + "/" + namespace + "/" + name)) {
      acc.fail(
          new ManifestError(
              source,
              document,
              kindName,
              name,
              "metadata.name",
              "Duplicate value: \"" + name + "\": another " + kindName + " has this name"));
      return;
    }
    try {
      HasMetadata resource = typed.treeToValue(object, kind.get().type());
      acc.manifests.add(new LoadedManifests.Manifest(source, document, resource));
    } catch (JsonProcessingException e) {
      acc.fail(new ManifestError(source, document, kindName, name, jsonPath(e), brief(e)));
    }
  }

  private interface ErrorSink {
    void add(String field, String detail);
  }

  private static void checkMetadata(JsonNode metadata, ErrorSink errors) {
    if (!metadata.isObject()) {
      errors.add("metadata", "Required value");
      return;
    }
    String name = metadata.path("name").asText("");
    if (name.isEmpty()) {
      errors.add("metadata.name", "Required value: name or generateName is required");
    } else if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
      errors.add(
          "metadata.name",
          "Invalid value: \""
              + name
              + "\": a lowercase RFC 1123 subdomain must consist of lower"
              + " case alphanumeric characters, '-' or '.', and must start and end with an"
              + " alphanumeric character");
    }
    String namespace = metadata.path("namespace").asText("");
    if (!namespace.isEmpty()
        && (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches())) {
      errors.add(
          "metadata.namespace",
          "Invalid value: \""
              + namespace
              + "\": a lowercase RFC 1123 label must consist of lower"
              + " case alphanumeric characters or '-', and must start and end with an alphanumeric"
              + " character");
    }
  }

  private static String jsonPath(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException mapping)) {
      return null;
    }
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : mapping.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String brief(Exception e) {
    String message =
        e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    if (e instanceof JsonProcessingException j && j.getLocation() != null) {
      message +=
          " (line "
              + j.getLocation().getLineNr()
              + ", column "
              + j.getLocation().getColumnNr()
              + ")";
    }
    return message;
  }
}
