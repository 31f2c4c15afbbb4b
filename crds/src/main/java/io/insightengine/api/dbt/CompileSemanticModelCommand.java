package io.insightengine.api.dbt;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compile-semantic-model}: dbt artifacts (or a dbt project's files) to a reviewable {@code
 * SemanticModel} manifest, optionally with a hand-written SemanticModel laid over it.
 */
@Command(
    name = "compile-semantic-model",
    mixinStandardHelpOptions = true,
    description = "Compiles dbt artifacts into a SemanticModel manifest (*.semantic.yaml).")
public final class CompileSemanticModelCommand implements Callable<Integer> {
  @Option(names = "--manifest", description = "dbt's target/manifest.json")
  Path manifest;

  @Option(names = "--catalog", description = "dbt's target/catalog.json (column types)")
  Path catalog;

  @Option(
      names = "--dbt-project",
      description = "a dbt project directory, read when there is no manifest")
  Path dbtProject;

  @Option(
      names = "--select",
      split = ",",
      description = "models to expose: name, tag:x, path:models/marts")
  List<String> select = new ArrayList<>();

  @Option(
      names = "--overrides",
      description = "a hand-written SemanticModel manifest to lay over the compiled one")
  Path overrides;

  @Option(
      names = "--project",
      required = true,
      description = "the Project the SemanticModel belongs to")
  String project;

  @Option(
      names = "--name",
      required = true,
      description = "metadata.name of the written SemanticModel")
  String name;

  @Option(
      names = {"-o", "--output"},
      description = "file to write; standard output when omitted")
  Path output;

  @Override
  public Integer call() throws Exception {
    if ((manifest == null) == (dbtProject == null)) {
      System.err.println("give exactly one of --manifest or --dbt-project");
      return 2;
    }
    DbtProject dbt =
        manifest != null
            ? new DbtManifestReader().read(manifest, catalog)
            : new DbtProjectFilesReader().read(dbtProject);
    SemanticCompiler.Result result = new SemanticCompiler().compile(dbt, select);
    result.warnings().forEach(w -> System.err.println("warning: " + w));
    SemanticModelSpec spec = result.spec();
    if (overrides != null) {
      SemanticModel handWritten =
          new YAMLMapper().readValue(overrides.toFile(), SemanticModel.class);
      spec = new SemanticModelMerger().merge(spec, handWritten.getSpec());
    }
    String source =
        manifest != null ? "dbt artifacts " + result.revision() : "dbt project " + dbt.name();
    String yaml = new SemanticModelWriter().write(name, project, spec, source);
    if (output == null) {
      System.out.print(yaml);
    } else {
      Files.writeString(output, yaml);
      System.err.printf(
          "wrote %s: %d models, %d metrics, %d relationships%n",
          output,
          spec.getModels().size(),
          spec.getMetrics().size(),
          spec.getRelationships().size());
    }
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new CompileSemanticModelCommand()).execute(args));
  }
}
