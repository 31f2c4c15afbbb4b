package io.insightengine.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The manifests of a config directory that connect a project to its warehouse: a Project whose
 * datasource is a PostgreSQL server and a {@code kind: Secret} with the role's credentials. One
 * writer, so that {@code serve-dbt} and every other producer of a config directory write the same
 * files a user would.
 */
public final class ConfigManifests {
  static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private ConfigManifests() {}

  /** A PostgreSQL warehouse as a Project's datasource names it. */
  public record Postgres(
      String host, int port, String database, List<String> schemas, String sslMode) {}

  /** A Project served from {@code warehouse} with the credentials of Secret {@code secretName}. */
  public static String project(
      String name, String description, Postgres warehouse, String secretName) {
    ObjectNode root = manifest("insight-engine.io/v1alpha1", "Project", name);
    ObjectNode spec = root.putObject("spec");
    spec.putObject("engineRef").put("name", "insight");
    spec.put("description", description);
    ObjectNode ds = spec.putObject("datasource");
    ds.put("type", "postgres");
    ds.put("host", warehouse.host());
    ds.put("port", warehouse.port());
    ds.put("database", warehouse.database());
    ArrayNode list = ds.putArray("schemas");
    warehouse.schemas().forEach(list::add);
    ds.put("sslMode", warehouse.sslMode());
    ds.putObject("credentialsSecret").put("name", secretName);
    return yaml(root);
  }

  /** A Secret with a username and a password, as the engine reads warehouse credentials. */
  public static String secret(String name, String username, String password) {
    ObjectNode root = manifest("v1", "Secret", name);
    root.put("type", "Opaque");
    ObjectNode data = root.putObject("stringData");
    data.put("username", username);
    data.put("password", password);
    return yaml(root);
  }

  /** Writes {@code content} readable by its owner only: it holds a password. */
  public static void writePrivate(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content);
  }

  static ObjectNode manifest(String apiVersion, String kind, String name) {
    ObjectNode root = YAML.createObjectNode();
    root.put("apiVersion", apiVersion);
    root.put("kind", kind);
    root.putObject("metadata").put("name", name);
    return root;
  }

  static String yaml(ObjectNode root) {
    try {
      return YAML.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
