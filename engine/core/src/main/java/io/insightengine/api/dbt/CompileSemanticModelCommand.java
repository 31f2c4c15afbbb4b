package io.insightengine.api.dbt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.insightengine.api.manifest.ManifestError;
import io.insightengine.api.manifest.ManifestException;
import io.insightengine.api.manifest.ManifestLoader;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compile-semantic-model}: dbt artifacts (or a dbt project's files) to a reviewable {@code
 * SemanticModel} manifest, optionally with a hand-written SemanticModel laid over it.
 *
 * <p>Relative paths are resolved against the caller's working directory (given to {@link #run(Path,
 * PrintWriter, PrintWriter, String...)}, so a launcher that changes directory cannot change what
 * they mean). Every error is one line naming the file and the value; exit code 2 for usage errors,
 * 1 for bad input.
 */
@Command(
    name = "compile-semantic-model",
    mixinStandardHelpOptions = true,
    description = "Compiles dbt artifacts into a SemanticModel manifest (*.semantic.yaml).")
public final class CompileSemanticModelCommand implements Callable<Integer> {
  static final int BAD_INPUT = 1;
  static final int USAGE = 2;
  private static final Pattern SELECTOR = Pattern.compile("(?:(tag|path):)?[^:\\s]+");
  private static final Pattern PATH_STEP = Pattern.compile("([^.\\[]+)|\\[(\\d+)]");

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

  private final Path workingDir;
  private final PrintWriter out;
  private final PrintWriter err;

  private CompileSemanticModelCommand(Path workingDir, PrintWriter out, PrintWriter err) {
    this.workingDir = workingDir;
    this.out = out;
    this.err = err;
  }

  /** Input the command refuses: the message is the one line printed. */
  private static final class BadInput extends Exception {
    final int exitCode;

    BadInput(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }
  }

  @Override
  public Integer call() {
    try {
      return compile();
    } catch (BadInput e) {
      err.println("error: " + e.getMessage());
      return e.exitCode;
    } catch (DbtArtifactException e) {
      err.println("error: " + e.getMessage().lines().findFirst().orElse(""));
      return BAD_INPUT;
    } catch (IOException e) {
      err.println("error: " + e);
      return BAD_INPUT;
    }
  }

  private int compile() throws BadInput, DbtArtifactException, IOException {
    if ((manifest == null) == (dbtProject == null)) {
      throw new BadInput(USAGE, "give exactly one of --manifest or --dbt-project");
    }
    if (catalog != null && manifest == null) {
      throw new BadInput(USAGE, "--catalog goes with --manifest, not --dbt-project");
    }
    for (String selector : select) {
      if (!SELECTOR.matcher(selector).matches()) {
        throw new BadInput(
            USAGE, "--select " + selector + ": expected a model name, tag:<tag> or path:<path>");
      }
    }
    DbtProject dbt =
        manifest != null
            ? new DbtManifestReader()
                .read(
                    existing("--manifest", manifest),
                    catalog == null ? null : existing("--catalog", catalog))
            : new DbtProjectFilesReader().read(directory("--dbt-project", dbtProject));
    if (!select.isEmpty()
        && dbt.models().stream().noneMatch(m -> SemanticCompiler.selected(m, select))) {
      throw new BadInput(
          BAD_INPUT,
          "--select "
              + String.join(",", select)
              + " matches no model of dbt project "
              + dbt.name());
    }
    SemanticCompiler.Result result = new SemanticCompiler().compile(dbt, select);
    result.warnings().forEach(w -> err.println("warning: " + w));
    SemanticModelSpec spec = result.spec();
    if (overrides != null) {
      spec = new SemanticModelMerger().merge(spec, handWritten(existing("--overrides", overrides)));
    }
    String source =
        manifest != null ? "dbt artifacts " + result.revision() : "dbt project " + dbt.name();
    String yaml = new SemanticModelWriter().write(name, project, spec, source);
    // What is written must load in the engine: refuse to write anything it would not serve.
    String target = output == null ? "the written SemanticModel" : output.toString();
    check(target, yaml);
    if (output == null) {
      out.print(yaml);
    } else {
      Path file = workingDir.resolve(output);
      if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
        throw new BadInput(BAD_INPUT, "-o " + output + ": no directory " + file.getParent());
      }
      Files.writeString(file, yaml);
      err.printf(
          "wrote %s: %d models, %d metrics, %d relationships%n",
          output,
          spec.getModels().size(),
          spec.getMetrics().size(),
          spec.getRelationships().size());
    }
    out.flush();
    return 0;
  }

  private Path existing(String option, Path path) throws BadInput {
    Path file = workingDir.resolve(path);
    if (!Files.isRegularFile(file)) {
      throw new BadInput(BAD_INPUT, option + " " + path + ": no such file (" + file + ")");
    }
    return file;
  }

  private Path directory(String option, Path path) throws BadInput {
    Path dir = workingDir.resolve(path);
    if (!Files.isDirectory(dir)) {
      throw new BadInput(BAD_INPUT, option + " " + path + ": no such directory (" + dir + ")");
    }
    return dir;
  }

  private SemanticModelSpec handWritten(Path file) throws BadInput, IOException {
    String text = Files.readString(file);
    try {
      List<SemanticModel> models =
          new ManifestLoader().load(overrides.toString(), text).ofType(SemanticModel.class);
      if (models.size() != 1) {
        throw new BadInput(
            BAD_INPUT,
            "--overrides "
                + overrides
                + ": expected one SemanticModel manifest, found "
                + models.size());
      }
      return models.get(0).getSpec();
    } catch (ManifestException e) {
      throw new BadInput(BAD_INPUT, "--overrides " + describe(e.errors(), text));
    }
  }

  private static void check(String target, String yaml) throws BadInput {
    try {
      new ManifestLoader().load(target, yaml);
    } catch (ManifestException e) {
      throw new BadInput(
          BAD_INPUT, "the compiled model does not load: " + describe(e.errors(), yaml));
    }
  }

  /**
   * The first error on one line, its list indexes followed by the name of the entry and the value
   * found there, e.g. {@code spec.models[0](orders).columns[2](tier).values[1]: ... (value: 3)}.
   */
  static String describe(List<ManifestError> errors, String yaml) {
    ManifestError first = errors.get(0);
    String line = first.toString();
    if (first.field() != null && first.document() > 0) {
      try (MappingIterator<JsonNode> docs =
          new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
        JsonNode node = null;
        for (int i = 0; i < first.document() && docs.hasNextValue(); i++) {
          node = docs.nextValue();
        }
        StringBuilder named = new StringBuilder();
        Matcher step = PATH_STEP.matcher(first.field());
        while (node != null && step.find()) {
          if (step.group(1) != null) {
            named.append(named.length() == 0 ? "" : ".").append(step.group(1));
            node = node.get(step.group(1));
          } else {
            named.append(step.group());
            node = node.get(Integer.parseInt(step.group(2)));
            JsonNode entryName = node == null ? null : node.get("name");
            if (entryName != null && entryName.isValueNode()) {
              named.append('(').append(entryName.asText()).append(')');
            }
          }
        }
        line = line.replace(first.field() + ":", named + ":");
        if (node != null && node.isValueNode()) {
          line += " (value: " + node.asText() + ")";
        }
      } catch (IOException | RuntimeException e) {
        // the loader's own message stands
      }
    }
    return line + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more problems)" : "");
  }

  /** Runs the command in the JVM's working directory on the standard streams; never exits. */
  public static int run(String... args) {
    return run(Path.of("").toAbsolutePath(), args);
  }

  /** Runs the command with relative paths resolved against {@code workingDir}; never exits. */
  public static int run(Path workingDir, String... args) {
    return run(
        workingDir, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the command on the given streams; never exits. */
  public static int run(Path workingDir, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new CompileSemanticModelCommand(workingDir, out, err));
    cli.setOut(out).setErr(err);
    // A usage error is its message and a pointer to --help, not the whole usage text.
    cli.setParameterExceptionHandler(
        (e, a) -> {
          err.println("error: " + e.getMessage());
          err.println("see compile-semantic-model --help");
          return USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, c, p) -> {
          err.println("error: " + e);
          return BAD_INPUT;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }
}
