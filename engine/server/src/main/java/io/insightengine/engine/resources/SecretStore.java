package io.insightengine.engine.resources;

import io.insightengine.engine.config.EngineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Secret values by Secret name and key: first the mounted Secret (a directory per Secret, a file
 * per key, read at every lookup so a rotated Secret is used without a restart), then the {@code
 * kind: Secret} manifests of the config directory (standalone). Values never leave this class in a
 * message: errors name the Secret and the key only.
 */
@ApplicationScoped
public class SecretStore {
  private final Optional<Path> mounted;
  private volatile CoreManifests manifests = CoreManifests.none();

  @jakarta.inject.Inject
  public SecretStore(EngineConfig config) {
    this(config.secretsDir());
  }

  /** Secrets mounted under {@code mounted} (a directory per Secret), else manifests. */
  public SecretStore(Optional<Path> mounted) {
    this.mounted = mounted;
  }

  /** Thrown when a Secret or one of its keys is missing; the message names both, no value. */
  public static final class MissingSecret extends Exception {
    public MissingSecret(String message) {
      super(message);
    }
  }

  /** The config directory's Secret and ConfigMap manifests, re-read with every bundle. */
  public void use(CoreManifests manifests) {
    this.manifests = manifests;
  }

  public CoreManifests manifests() {
    return manifests;
  }

  /** The value of {@code key} in Secret {@code name}, as UTF-8 text without a trailing newline. */
  public String value(String name, String key) throws MissingSecret {
    Optional<Path> dir = mounted.map(d -> d.resolve(name)).filter(Files::isDirectory);
    if (dir.isPresent()) {
      Path file = dir.get().resolve(key);
      if (!Files.isRegularFile(file)) {
        throw new MissingSecret("Secret " + name + " has no key " + key);
      }
      try {
        return strip(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new MissingSecret("cannot read key " + key + " of Secret " + name);
      }
    }
    Map<String, byte[]> secret = manifests.secret(name);
    if (secret == null) {
      throw new MissingSecret(
          "Secret "
              + name
              + " not found"
              + mounted.map(d -> " (neither mounted in " + d + " nor").orElse(" (not")
              + " declared in the config directory)");
    }
    byte[] value = secret.get(key);
    if (value == null) {
      throw new MissingSecret("Secret " + name + " has no key " + key);
    }
    return strip(new String(value, StandardCharsets.UTF_8));
  }

  /**
   * Changes when a mounted Secret among {@code names} changes (the kubelet swaps a rotated Secret's
   * files in place): the bundle check then connects with the new credentials.
   */
  public String fingerprint(java.util.Collection<String> names) {
    if (mounted.isEmpty()) {
      return "";
    }
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      for (String name : new java.util.TreeSet<>(names)) {
        Path dir = mounted.get().resolve(name);
        if (!Files.isDirectory(dir)) {
          continue;
        }
        try (var files = Files.list(dir)) {
          for (Path file :
              files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
            sha.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(file));
          }
        } catch (IOException e) {
          sha.update((byte) 1); // unreadable now: compared again at the next check
        }
      }
      return java.util.HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Files written by editors and `echo` end with a newline that is not part of the password. */
  private static String strip(String value) {
    return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
  }
}
