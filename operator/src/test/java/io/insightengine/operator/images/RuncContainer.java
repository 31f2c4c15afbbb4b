package io.insightengine.operator.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insightengine.operator.apiserver.Kubectl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An image of the local registry (scripts/image-tools.sh) run as a container by Debian's runc, as a
 * kubelet would run it in a restricted pod: its own user (the image's), a read-only root
 * filesystem, a tmpfs on /tmp (the pod's emptyDir), no capabilities beyond the runtime's defaults,
 * and the host's network (so that all traffic stays on loopback). The image is pulled with skopeo
 * into an OCI layout and unpacked into a runtime bundle with umoci.
 */
public final class RuncContainer implements AutoCloseable {
  /** The local registry the images profile pushes to. */
  public static final String REGISTRY =
      System.getProperty("insight.image.registry", "127.0.0.1:5555");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;
  private final Path bundle;
  private final Process runc;
  private final Path log;

  private RuncContainer(String id, Path bundle, Process runc, Path log) {
    this.id = id;
    this.bundle = bundle;
    this.runc = runc;
    this.log = log;
  }

  /** A file or directory of the host, mounted read-only into the container. */
  public record Mount(Path source, String destination) {}

  /**
   * Starts {@code image} (a name in the local registry, such as insight-engine/engine:0.1.0) with
   * {@code env} added to the image's environment; its output goes to {@code log}.
   */
  public static RuncContainer start(
      String image, Map<String, String> env, List<Mount> mounts, Path log) throws IOException {
    String id = "insight-it-" + UUID.randomUUID().toString().substring(0, 8);
    Path work = Files.createTempDirectory("runc-" + id);
    Path layout = work.resolve("layout");
    Path bundle = work.resolve("bundle");
    ok(
        List.of(
            "skopeo",
            "copy",
            "--quiet",
            "--src-tls-verify=false",
            "docker://" + REGISTRY + "/" + image,
            "oci:" + layout + ":image"),
        Duration.ofMinutes(3));
    ok(
        List.of("umoci", "unpack", "--image", layout + ":image", bundle.toString()),
        Duration.ofMinutes(3));
    deleteTree(layout);

    Path configFile = bundle.resolve("config.json");
    ObjectNode config = (ObjectNode) JSON.readTree(configFile.toFile());
    ObjectNode process = (ObjectNode) config.get("process");
    process.put("terminal", false);
    ArrayNode environment = (ArrayNode) process.get("env");
    env.forEach((name, value) -> environment.add(name + "=" + value));
    ((ObjectNode) config.get("root")).put("readonly", true);
    ArrayNode namespaces = (ArrayNode) config.with("linux").get("namespaces");
    for (int i = namespaces.size() - 1; i >= 0; i--) {
      if ("network".equals(namespaces.get(i).get("type").asText())) {
        namespaces.remove(i);
      }
    }
    ArrayNode mountList = (ArrayNode) config.get("mounts");
    ObjectNode tmp = mountList.addObject();
    tmp.put("destination", "/tmp").put("type", "tmpfs").put("source", "tmpfs");
    tmp.putArray("options").add("nosuid").add("nodev").add("mode=1777").add("size=2g");
    for (Mount mount : mounts) {
      ObjectNode bind = mountList.addObject();
      bind.put("destination", mount.destination())
          .put("type", "bind")
          .put("source", mount.source().toString());
      bind.putArray("options").add("rbind").add("ro");
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(configFile.toFile(), config);

    // In the foreground: runc passes the signals it gets (SIGTERM from destroy()) to the
    // container's process and exits with its exit code.
    Process runc =
        new ProcessBuilder("runc", "run", "--bundle", bundle.toString(), id)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    runc.getOutputStream().close();
    return new RuncContainer(id, work, runc, log);
  }

  public boolean isAlive() {
    return runc.isAlive();
  }

  /** SIGTERM, as the kubelet sends it. */
  public void terminate() {
    runc.destroy();
  }

  public boolean waitFor(Duration timeout) throws InterruptedException {
    return runc.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int exitValue() {
    return runc.exitValue();
  }

  /** The last lines the container printed. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Kills what is left and removes the container and its bundle. */
  @Override
  public void close() throws InterruptedException {
    if (runc.isAlive()) {
      Kubectl.exec(List.of("runc", "kill", id, "KILL"), Duration.ofSeconds(30));
      runc.waitFor(30, TimeUnit.SECONDS);
    }
    Kubectl.exec(List.of("runc", "delete", "--force", id), Duration.ofSeconds(30));
    deleteTree(bundle);
  }

  /** The digest of {@code image} in the local registry. */
  public static String digest(String image) {
    return ok(
            List.of(
                "skopeo",
                "inspect",
                "--tls-verify=false",
                "--format",
                "{{.Digest}}",
                "docker://" + REGISTRY + "/" + image),
            Duration.ofMinutes(1))
        .strip();
  }

  /** The compressed size of {@code image}'s layers in the local registry, in bytes. */
  public static long compressedSize(String image) throws IOException {
    String manifest =
        ok(
            List.of(
                "skopeo",
                "inspect",
                "--raw",
                "--tls-verify=false",
                "docker://" + REGISTRY + "/" + image),
            Duration.ofMinutes(1));
    long size = 0;
    for (var layer : JSON.readTree(manifest).get("layers")) {
      size += layer.get("size").asLong();
    }
    return size;
  }

  private static String ok(List<String> command, Duration timeout) {
    Kubectl.Result result = Kubectl.exec(command, timeout);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          String.join(" ", command)
              + " exited "
              + result.exitCode()
              + " (build the images first: bash scripts/image-tools.sh && ./mvnw package"
              + " -Pimages):\n"
              + result.output());
    }
    return result.output();
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      List<Path> all = new ArrayList<>(paths.toList());
      java.util.Collections.reverse(all);
      for (Path path : all) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
