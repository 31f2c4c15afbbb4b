package io.insightengine.engine.bundle;

import io.insightengine.api.dbt.SemanticCompiler;
import io.insightengine.api.dbt.SemanticModelMerger;
import io.insightengine.api.manifest.BundleDirectory;
import io.insightengine.api.manifest.LoadedManifests;
import io.insightengine.api.manifest.ManifestError;
import io.insightengine.api.manifest.ManifestLoader;
import io.insightengine.api.manifest.PartialLoad;
import io.insightengine.api.sql.FirewallPolicy;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.DbtArtifactsSpec;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import io.insightengine.engine.dbt.DbtSources;
import io.insightengine.engine.semantic.SemanticLayer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Reads a bundle directory with the crds loader (validated as the API server would) and compiles
 * each Project on its own: its SemanticModels merged into one semantic layer, plus its policies and
 * training pairs. A project whose resources do not load or compile is refused with the reason (and
 * not served); the other projects are served. Only a file that belongs to no project (not YAML, no
 * kind) refuses the whole directory.
 *
 * <p>The merge order: SemanticModels generated from dbt — label {@code
 * insight-engine.io/generated-from: dbt}, or compiled from {@code spec.dbt} (whose own entries are
 * laid over the compiled ones first) — then the hand-written ones, each group in name order, by the
 * documented merge rule.
 */
public final class ConfigBundleCompiler {
  private static final Logger LOG = Logger.getLogger(ConfigBundleCompiler.class);
  public static final String GENERATED_FROM = "insight-engine.io/generated-from";

  /** Compiles a SemanticModel's {@code spec.dbt} source. */
  @FunctionalInterface
  public interface DbtModels {
    SemanticCompiler.Result compile(String project, DbtArtifactsSpec spec)
        throws DbtSources.Unavailable;
  }

  private final ManifestLoader loader = new ManifestLoader();
  private final SemanticModelMerger merger = new SemanticModelMerger();
  private final DbtModels dbtModels;

  /** A compiler without dbt sources: SemanticModels with {@code spec.dbt} are refused. */
  public ConfigBundleCompiler() {
    this(
        (project, spec) -> {
          throw new DbtSources.Unavailable(
              "DbtArtifactsMissing", "this compiler reads no dbt artifacts");
        });
  }

  public ConfigBundleCompiler(DbtModels dbtModels) {
    this.dbtModels = dbtModels;
  }

  /** Thrown when the bundle cannot be served; the message says what to fix. */
  public static final class InvalidBundle extends Exception {
    public InvalidBundle(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Thrown for one project; becomes its {@link ProjectRefusal}. */
  private static final class Refused extends Exception {
    final String reason;

    Refused(String reason, String message) {
      super(message);
      this.reason = reason;
    }
  }

  public ConfigBundle compile(Path directory) throws InvalidBundle {
    PartialLoad load = loader.loadDirectoryPartially(directory);
    if (!load.unattributed().isEmpty()) {
      throw new InvalidBundle(
          load.unattributed().stream()
              .map(ManifestError::toString)
              .collect(Collectors.joining("; ")),
          null);
    }
    LoadedManifests loaded = load.valid();
    TreeSet<String> names = new TreeSet<>();
    loaded.ofType(Project.class).forEach(p -> names.add(p.getMetadata().getName()));
    load.refused().stream()
        .filter(r -> "Project".equals(r.error().kind()))
        .forEach(r -> names.add(r.project()));
    Map<String, ProjectRuntime> projects = new LinkedHashMap<>();
    Map<String, ProjectRefusal> refused = new LinkedHashMap<>();
    Map<String, List<DbtArtifactsSpec>> dbtSources = new LinkedHashMap<>();
    for (String name : names) {
      List<DbtArtifactsSpec> sources =
          ofProject(loaded.ofType(SemanticModel.class), name, m -> m.getSpec().getProjectRef())
              .stream()
              .map(m -> m.getSpec().getDbt())
              .filter(java.util.Objects::nonNull)
              .toList();
      dbtSources.put(name, sources);
      try {
        List<ManifestError> errors = load.of(name);
        if (!errors.isEmpty()) {
          throw new Refused(
              "InvalidResource",
              errors.stream().map(ManifestError::toString).collect(Collectors.joining("; ")));
        }
        Project project =
            loaded.ofType(Project.class).stream()
                .filter(p -> p.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow();
        projects.put(name, compileProject(project, loaded));
      } catch (Refused e) {
        refused.put(name, new ProjectRefusal(e.reason, e.getMessage()));
        LOG.warnf("project %s refused (%s): %s", name, e.reason, e.getMessage());
      }
    }
    if (names.isEmpty()) {
      throw new InvalidBundle(directory + " declares no Project", null);
    }
    return new ConfigBundle(
        revision(directory),
        Instant.now(),
        Map.copyOf(projects),
        Map.copyOf(refused),
        Map.copyOf(dbtSources));
  }

  private ProjectRuntime compileProject(Project project, LoadedManifests loaded) throws Refused {
    String name = project.getMetadata().getName();
    List<SemanticModel> models =
        new ArrayList<>(
            ofProject(loaded.ofType(SemanticModel.class), name, m -> m.getSpec().getProjectRef()));
    if (models.isEmpty()) {
      throw new Refused(
          "NoSemanticModel", "no SemanticModel refers to project " + name + ": nothing to answer");
    }
    models.sort(
        Comparator.comparing((SemanticModel m) -> !isGenerated(m))
            .thenComparing(m -> m.getMetadata().getName()));
    SemanticModelSpec merged = null;
    for (SemanticModel model : models) {
      SemanticModelSpec spec = effectiveSpec(name, model);
      merged = merged == null ? spec : merger.merge(merged, spec);
    }
    SemanticLayer semantics;
    try {
      semantics = new SemanticLayer(merged);
    } catch (RuntimeException e) {
      throw new Refused("InvalidSemanticModel", "the merged semantic model: " + e.getMessage());
    }
    if (semantics.models().isEmpty()) {
      throw new Refused(
          "NoSemanticModel", "the SemanticModels of project " + name + " declare no model");
    }
    return new ProjectRuntime(
        project,
        semantics,
        ofProject(loaded.ofType(DataPolicy.class), name, p -> p.getSpec().getProjectRef()),
        ofProject(loaded.ofType(TrainingPair.class), name, p -> p.getSpec().getProjectRef()),
        FirewallPolicy.forTables(
            semantics.tables(), project.getSpec().getDatasource().getSchemas()),
        null);
  }

  /** The model as written, or compiled from its dbt source with its own entries laid over it. */
  private SemanticModelSpec effectiveSpec(String project, SemanticModel model) throws Refused {
    SemanticModelSpec spec = model.getSpec();
    if (spec.getDbt() == null) {
      return spec;
    }
    try {
      SemanticCompiler.Result compiled = dbtModels.compile(project, spec.getDbt());
      compiled
          .warnings()
          .forEach(w -> LOG.debugf("SemanticModel %s, dbt: %s", model.getMetadata().getName(), w));
      SemanticModelSpec base = compiled.spec();
      base.setProjectRef(spec.getProjectRef());
      return merger.merge(base, spec);
    } catch (DbtSources.Unavailable e) {
      throw new Refused(
          e.reason(), "SemanticModel " + model.getMetadata().getName() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      throw new Refused(
          "InvalidDbtArtifacts",
          "SemanticModel " + model.getMetadata().getName() + ": " + e.getMessage());
    }
  }

  private static <T> List<T> ofProject(
      List<T> resources,
      String project,
      java.util.function.Function<T, io.insightengine.api.v1alpha1.common.LocalObjectReference>
          ref) {
    return resources.stream().filter(r -> project.equals(ref.apply(r).getName())).toList();
  }

  private static boolean isGenerated(SemanticModel model) {
    Map<String, String> labels = model.getMetadata().getLabels();
    return model.getSpec().getDbt() != null
        || labels != null && "dbt".equals(labels.get(GENERATED_FROM));
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
