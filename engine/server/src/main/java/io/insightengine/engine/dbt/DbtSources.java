package io.insightengine.engine.dbt;

import io.insightengine.api.dbt.DbtArtifactException;
import io.insightengine.api.dbt.DbtManifestReader;
import io.insightengine.api.dbt.DbtProject;
import io.insightengine.api.dbt.SemanticCompiler;
import io.insightengine.api.manifest.BundleDirectory;
import io.insightengine.api.v1alpha1.semantic.DbtArtifactsSpec;
import io.insightengine.engine.config.EngineConfig;
import io.insightengine.engine.resources.SecretStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dbt artifacts a SemanticModel's {@code spec.dbt} names, compiled with its {@code select}:
 * {@code configMapRef} from the mounted ConfigMap directory (a cluster) or a {@code kind:
 * ConfigMap} manifest of the config directory (standalone); {@code dbtRunRef} from the latest
 * delivery of that DbtRun. Compiled results are cached by content and selection, so a reload that
 * changes something else does not recompile a large manifest.
 */
@ApplicationScoped
public class DbtSources {
  private final Optional<Path> configMapsDir;
  private final SecretStore store;
  private final DbtArtifactsInbox inbox;
  private final DbtManifestReader reader = new DbtManifestReader();
  private final SemanticCompiler compiler = new SemanticCompiler();
  private final Map<String, SemanticCompiler.Result> compiled = new ConcurrentHashMap<>();

  @jakarta.inject.Inject
  public DbtSources(EngineConfig config, SecretStore store, DbtArtifactsInbox inbox) {
    this(config.dbt().configmapsDir(), store, inbox);
  }

  /**
   * ConfigMaps mounted under {@code configMapsDir}, else among {@code store}'s manifests; DbtRun
   * deliveries from {@code inbox}.
   */
  public DbtSources(Optional<Path> configMapsDir, SecretStore store, DbtArtifactsInbox inbox) {
    this.configMapsDir = configMapsDir;
    this.store = store;
    this.inbox = inbox;
  }

  /** The artifacts cannot be had (yet); the message says which and where they were looked for. */
  public static final class Unavailable extends Exception {
    private final String reason;

    public Unavailable(String reason, String message) {
      super(message);
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  /** The compiled model for {@code spec} of a SemanticModel of {@code project}. */
  public SemanticCompiler.Result compile(String project, DbtArtifactsSpec spec) throws Unavailable {
    Artifacts artifacts = artifacts(project, spec);
    String key = artifacts.digest() + "|" + String.join(",", spec.getSelect());
    SemanticCompiler.Result cached = compiled.get(key);
    if (cached != null) {
      return cached;
    }
    try {
      DbtProject dbt =
          reader.read(
              new ByteArrayInputStream(artifacts.manifest()),
              artifacts.catalog() == null ? null : new ByteArrayInputStream(artifacts.catalog()),
              artifacts.origin());
      SemanticCompiler.Result result = compiler.compile(dbt, spec.getSelect());
      if (compiled.size() > 256) {
        compiled.clear(); // bounded: artifacts change rarely, a full recompile is fine
      }
      compiled.put(key, result);
      return result;
    } catch (DbtArtifactException e) {
      throw new Unavailable("InvalidDbtArtifacts", artifacts.origin() + ": " + e.getMessage());
    }
  }

  /**
   * A cheap fingerprint of every source the given specs name (file sizes and times of mounted
   * ConfigMaps, the latest delivery id): when it changes, the bundle is compiled again. Called on
   * every bundle check with the specs of all projects, so the app database is asked once.
   */
  public String fingerprint(Collection<DbtArtifactsSpec> specs) {
    StringBuilder f = new StringBuilder();
    if (specs.stream().anyMatch(spec -> spec.getDbtRunRef() != null)) {
      f.append(inbox.lastDeliveryId()).append(';');
    }
    for (DbtArtifactsSpec spec : specs) {
      if (spec.getConfigMapRef() != null) {
        String name = spec.getConfigMapRef().getName();
        for (String file :
            List.of("manifest.json", "manifest.json.gz", "catalog.json", "catalog.json.gz")) {
          configMapsDir
              .map(d -> d.resolve(name).resolve(file))
              .filter(Files::isRegularFile)
              .ifPresent(p -> f.append(p).append(':').append(stamp(p)).append(';'));
        }
      }
    }
    return f.toString();
  }

  private static String stamp(Path p) {
    try {
      return Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return "?";
    }
  }

  private record Artifacts(byte[] manifest, byte[] catalog, String origin) {
    String digest() {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(manifest);
        if (catalog != null) {
          sha.update((byte) 0);
          sha.update(catalog);
        }
        return HexFormat.of().formatHex(sha.digest());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private Artifacts artifacts(String project, DbtArtifactsSpec spec) throws Unavailable {
    if (spec.getDbtRunRef() != null) {
      String run = spec.getDbtRunRef().getName();
      return inbox
          .latest(project, run)
          .map(d -> new Artifacts(d.manifest(), null, "DbtRun " + run + " delivery " + d.id()))
          .orElseThrow(
              () ->
                  new Unavailable(
                      "DbtArtifactsPending",
                      "DbtRun "
                          + run
                          + " has not delivered dbt artifacts yet: the project is served once"
                          + " a run succeeds"));
    }
    String name = spec.getConfigMapRef().getName();
    Optional<Path> dir = configMapsDir.map(d -> d.resolve(name)).filter(Files::isDirectory);
    if (dir.isPresent()) {
      byte[] manifest = read(dir.get(), "manifest.json");
      if (manifest == null) {
        throw new Unavailable(
            "DbtArtifactsMissing", "ConfigMap " + name + " has no manifest.json (or .gz)");
      }
      return new Artifacts(manifest, read(dir.get(), "catalog.json"), "ConfigMap " + name);
    }
    Map<String, byte[]> data = store.manifests().configMap(name);
    if (data == null) {
      throw new Unavailable(
          "DbtArtifactsMissing",
          "ConfigMap "
              + name
              + " not found"
              + configMapsDir.map(d -> " (neither mounted in " + d + " nor").orElse(" (not")
              + " declared in the config directory)");
    }
    byte[] manifest = value(data, "manifest.json");
    if (manifest == null) {
      throw new Unavailable(
          "DbtArtifactsMissing", "ConfigMap " + name + " has no key manifest.json (or .gz)");
    }
    return new Artifacts(manifest, value(data, "catalog.json"), "ConfigMap " + name);
  }

  /** {@code key} of a mounted ConfigMap, or its gzip under {@code key.gz}; null when neither. */
  private static byte[] read(Path dir, String key) throws Unavailable {
    try {
      if (Files.isRegularFile(dir.resolve(key))) {
        return Files.readAllBytes(dir.resolve(key));
      }
      if (Files.isRegularFile(dir.resolve(key + ".gz"))) {
        return gunzip(Files.readAllBytes(dir.resolve(key + ".gz")));
      }
      return null;
    } catch (IOException e) {
      throw new Unavailable("DbtArtifactsMissing", "cannot read " + dir.resolve(key) + ": " + e);
    }
  }

  private static byte[] value(Map<String, byte[]> data, String key) throws Unavailable {
    if (data.containsKey(key)) {
      return data.get(key);
    }
    return data.containsKey(key + ".gz") ? gunzip(data.get(key + ".gz")) : null;
  }

  private static byte[] gunzip(byte[] gz) throws Unavailable {
    try {
      return BundleDirectory.gunzip(gz).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Unavailable("InvalidDbtArtifacts", "not gzip: " + e.getMessage());
    }
  }
}
