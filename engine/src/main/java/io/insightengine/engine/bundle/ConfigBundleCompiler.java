package io.insightengine.engine.bundle;

import io.insightengine.api.dbt.SemanticModelMerger;
import io.insightengine.api.manifest.BundleDirectory;
import io.insightengine.api.manifest.LoadedManifests;
import io.insightengine.api.manifest.ManifestException;
import io.insightengine.api.manifest.ManifestLoader;
import io.insightengine.api.sql.FirewallPolicy;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import io.insightengine.engine.semantic.SemanticLayer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a bundle directory with the crds loader (validated as the API server would) and compiles
 * it: per Project, its SemanticModels merged into one semantic layer — models generated from dbt
 * (label {@code insight-engine.io/generated-from: dbt}) first, hand-written ones laid over them in
 * name order by the documented merge rule — plus its policies and training pairs.
 */
public final class ConfigBundleCompiler {
  public static final String GENERATED_FROM = "insight-engine.io/generated-from";

  private final ManifestLoader loader = new ManifestLoader();
  private final SemanticModelMerger merger = new SemanticModelMerger();

  /** Thrown when the bundle cannot be served; the message says what to fix. */
  public static final class InvalidBundle extends Exception {
    public InvalidBundle(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public ConfigBundle compile(Path directory) throws InvalidBundle {
    LoadedManifests loaded;
    try {
      loaded = loader.loadDirectory(directory);
    } catch (ManifestException e) {
      throw new InvalidBundle(e.getMessage(), e);
    }
    Map<String, ProjectRuntime> projects = new LinkedHashMap<>();
    for (Project project : loaded.ofType(Project.class)) {
      String name = project.getMetadata().getName();
      List<SemanticModel> models =
          new ArrayList<>(
              loaded.ofType(SemanticModel.class).stream()
                  .filter(m -> name.equals(m.getSpec().getProjectRef().getName()))
                  .toList());
      if (models.isEmpty()) {
        throw new InvalidBundle("project " + name + " has no SemanticModel", null);
      }
      models.sort(
          Comparator.comparing((SemanticModel m) -> !isGenerated(m))
              .thenComparing(m -> m.getMetadata().getName()));
      SemanticModelSpec merged = models.get(0).getSpec();
      for (SemanticModel overlay : models.subList(1, models.size())) {
        merged = merger.merge(merged, overlay.getSpec());
      }
      List<DataPolicy> policies =
          loaded.ofType(DataPolicy.class).stream()
              .filter(p -> name.equals(p.getSpec().getProjectRef().getName()))
              .toList();
      List<TrainingPair> pairs =
          loaded.ofType(TrainingPair.class).stream()
              .filter(p -> name.equals(p.getSpec().getProjectRef().getName()))
              .toList();
      SemanticLayer semantics = new SemanticLayer(merged);
      projects.put(
          name,
          new ProjectRuntime(
              project, semantics, policies, pairs, FirewallPolicy.forTables(semantics.tables())));
    }
    if (projects.isEmpty()) {
      throw new InvalidBundle(directory + " declares no Project", null);
    }
    return new ConfigBundle(revision(directory), Instant.now(), Map.copyOf(projects));
  }

  private static boolean isGenerated(SemanticModel model) {
    Map<String, String> labels = model.getMetadata().getLabels();
    return labels != null && "dbt".equals(labels.get(GENERATED_FROM));
  }

  /** A content hash of the bundle's YAML files (names and bytes), stable across machines. */
  public static String revision(Path directory) throws InvalidBundle {
    try {
      return BundleDirectory.revision(directory);
    } catch (java.io.UncheckedIOException e) {
      throw new InvalidBundle("cannot read " + directory + ": " + e.getMessage(), e);
    }
  }
}
