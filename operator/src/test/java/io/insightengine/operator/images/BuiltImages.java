package io.insightengine.operator.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.insightengine.operator.apiserver.KubeApiServer;
import io.insightengine.operator.engine.EngineResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The names of the images in the local registry: the chart's and the operator's defaults without
 * their registry (the images profile pushes to the local one under the same path and tag).
 */
public final class BuiltImages {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private BuiltImages() {}

  /** The chart's operator image: image.repository at the chart's appVersion. */
  public static String operator() {
    Path chart = KubeApiServer.repoRoot().resolve("helm/insight-engine");
    try {
      JsonNode values = YAML.readTree(chart.resolve("values.yaml").toFile());
      JsonNode meta = YAML.readTree(chart.resolve("Chart.yaml").toFile());
      return withoutRegistry(values.at("/image/repository").asText())
          + ":"
          + meta.get("appVersion").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The operator's default engine image. */
  public static String engine() {
    return withoutRegistry(EngineResources.DEFAULT_IMAGE);
  }

  /** {@code image} without its registry host, as Docker tells one from a path segment. */
  public static String withoutRegistry(String image) {
    int slash = image.indexOf('/');
    String first = slash < 0 ? "" : image.substring(0, slash);
    return first.contains(".") || first.contains(":") || first.equals("localhost")
        ? image.substring(slash + 1)
        : image;
  }
}
