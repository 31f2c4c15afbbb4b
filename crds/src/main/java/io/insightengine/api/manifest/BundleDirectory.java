package io.insightengine.api.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The config bundle as a directory of manifest files, the one format both transports share: the
 * standalone engine reads a directory, and in Kubernetes the operator writes the same files into a
 * ConfigMap that engine pods mount. Its revision is a hash of the file names and contents, so the
 * operator (from the ConfigMap it writes) and the engine (from the files it reads) compute the same
 * value.
 */
public final class BundleDirectory {
  private BundleDirectory() {}

  /**
   * The manifest files ({@code *.yaml}, {@code *.yml}, gzipped or not) under {@code directory},
   * sorted by relative path. Entries whose name starts with a dot are skipped at every level: a
   * mounted ConfigMap holds each file twice, once in a hidden {@code ..<timestamp>} directory and
   * once as a symlink to it.
   */
  public static List<Path> manifestFiles(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml(\\.gz)?"))
          .filter(f -> !hidden(directory.relativize(f)))
          .sorted((a, b) -> relative(directory, a).compareTo(relative(directory, b)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  /**
   * A manifest file's text; {@code .gz} files are gunzipped (the operator gzips a bundle too large
   * for a ConfigMap's plain data).
   */
  public static String readText(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    return file.getFileName().toString().endsWith(".gz")
        ? gunzip(bytes)
        : new String(bytes, StandardCharsets.UTF_8);
  }

  /** The text of a gzipped manifest. */
  public static String gunzip(byte[] gz) throws IOException {
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Gzips a manifest the way {@link #readText} reads it back; same input, same bytes. */
  public static byte[] gzip(String text) {
    var out = new java.io.ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The revision of the bundle in {@code directory}. */
  public static String revision(Path directory) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (Path file : manifestFiles(directory)) {
      try {
        files.put(relative(directory, file), Files.readAllBytes(file));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return revision(files);
  }

  /** The revision of a bundle given as relative file names and contents. */
  public static String revision(Map<String, byte[]> files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
        digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(file.getValue());
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String relative(Path directory, Path file) {
    return directory.relativize(file).toString().replace('\\', '/');
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
