package io.insightengine.engine.dbt;

import io.insightengine.api.dbt.DbtArtifactException;
import io.insightengine.api.dbt.DbtManifestReader;
import io.insightengine.api.dbt.DbtProject;
import io.insightengine.api.dbt.SemanticCompiler;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * dbt artifacts that DbtRun jobs deliver after a successful run: compiled at once with the same
 * semantic compiler the standalone tools use, and kept per project (the latest). Minimal for now:
 * the compiled model is reported, not yet merged into the served configuration — the operator's
 * bundle stays the source of truth.
 */
@ApplicationScoped
public class DbtArtifactsInbox {
  private final DbtManifestReader reader = new DbtManifestReader();
  private final SemanticCompiler compiler = new SemanticCompiler();
  private final Map<String, Received> latest = new ConcurrentHashMap<>();

  /** What a delivery compiled to. */
  public record Received(
      String project,
      String dbtProject,
      String revision,
      int models,
      int metrics,
      List<String> warnings,
      String receivedAt) {}

  public Received receive(String project, byte[] manifest) throws DbtArtifactException {
    DbtProject dbt = reader.read(new ByteArrayInputStream(manifest), null, "manifest.json");
    SemanticCompiler.Result result = compiler.compile(dbt, List.of());
    Received received =
        new Received(
            project,
            dbt.name(),
            result.revision(),
            result.spec().getModels().size(),
            result.spec().getMetrics().size(),
            result.warnings(),
            Instant.now().toString());
    latest.put(project, received);
    return received;
  }

  public Optional<Received> latest(String project) {
    return Optional.ofNullable(latest.get(project));
  }
}
