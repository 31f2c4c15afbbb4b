package io.insightengine.api.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.api.manifest.ManifestLoader;
import io.insightengine.api.manifest.RepoPaths;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compile command as a caller sees it: paths, exit codes and one-line errors. */
class CompileSemanticModelCommandTest {
  private static final Path ARTIFACTS = RepoPaths.root().resolve("dbt/artifacts");

  @TempDir Path workingDir;

  private record Outcome(int code, String out, String err) {}

  private Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CompileSemanticModelCommand.run(
            workingDir, new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  private static void assertOneLineError(Outcome outcome, String... contains) {
    List<String> errors = outcome.err().lines().filter(l -> l.startsWith("error: ")).toList();
    assertThat(errors).as(outcome.err()).hasSize(1);
    assertThat(errors.get(0)).contains(contains);
    assertThat(outcome.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void relativePathsAreTheCallersNotTheCheckouts() throws Exception {
    Files.createDirectories(workingDir.resolve("in"));
    Files.createDirectories(workingDir.resolve("out"));
    Files.copy(ARTIFACTS.resolve("manifest.json"), workingDir.resolve("in/manifest.json"));
    Files.copy(ARTIFACTS.resolve("catalog.json"), workingDir.resolve("in/catalog.json"));
    Outcome outcome =
        run(
            "--manifest",
            "in/manifest.json",
            "--catalog",
            "in/catalog.json",
            "--select",
            "path:models/marts",
            "--project",
            "shop",
            "--name",
            "shop-dbt",
            "-o",
            "out/shop.semantic.yaml");
    assertThat(outcome.code()).as(outcome.err()).isZero();
    Path written = workingDir.resolve("out/shop.semantic.yaml");
    assertThat(outcome.err()).contains("wrote out/shop.semantic.yaml: 7 models");
    SemanticModel model =
        new ManifestLoader().load(List.of(written)).ofType(SemanticModel.class).get(0);
    assertThat(model.getSpec().getModels()).hasSize(7);
    assertThat(model.getSpec().getModels().get(0).getColumns().get(0).getType())
        .as("types come from the catalog beside it")
        .isNotBlank();
  }

  @Test
  void aMissingFileIsOneLineNamingItAndWhereItWasLookedFor() {
    Outcome outcome = run("--manifest", "nowhere/manifest.json", "--project", "p", "--name", "n");
    assertThat(outcome.code()).isEqualTo(1);
    assertOneLineError(
        outcome,
        "--manifest nowhere/manifest.json",
        workingDir.resolve("nowhere/manifest.json").toString());
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run("--project", "p", "--name", "n").code()).isEqualTo(2);
    Outcome both =
        run("--manifest", "a.json", "--dbt-project", "d", "--project", "p", "--name", "n");
    assertThat(both.code()).isEqualTo(2);
    assertOneLineError(both, "exactly one of --manifest or --dbt-project");
    Outcome unknown = run("--manifest", "a.json", "--project", "p", "--name", "n", "--bogus");
    assertThat(unknown.code()).isEqualTo(2);
    assertOneLineError(unknown, "--bogus");
    Outcome badSelector =
        run("--manifest", "a.json", "--project", "p", "--name", "n", "--select", "config:x");
    assertThat(badSelector.code()).isEqualTo(2);
    assertOneLineError(badSelector, "--select config:x");
  }

  @Test
  void aFileThatIsNotAManifestIsOneLineNamingIt() throws Exception {
    Files.copy(ARTIFACTS.resolve("catalog.json"), workingDir.resolve("catalog.json"));
    Outcome outcome = run("--manifest", "catalog.json", "--project", "p", "--name", "n");
    assertThat(outcome.code()).isEqualTo(1);
    assertOneLineError(outcome, "catalog.json", "is not a dbt manifest");
  }

  @Test
  void aSelectionThatMatchesNothingIsBadInput() {
    Outcome outcome =
        run(
            "--dbt-project",
            RepoPaths.root().resolve("dbt/eval/logistics").toString(),
            "--select",
            "path:models/nothing",
            "--project",
            "p",
            "--name",
            "n");
    assertThat(outcome.code()).isEqualTo(1);
    assertOneLineError(outcome, "--select path:models/nothing", "logistics");
  }

  @Test
  void aBadOverrideNamesTheFileTheEntryAndTheValue() throws Exception {
    Files.writeString(
        workingDir.resolve("overrides.yaml"),
        """
        apiVersion: insight-engine.io/v1alpha1
        kind: SemanticModel
        metadata:
          name: hand-written
        spec:
          projectRef: {name: logistics}
          models:
            - name: parcels
              columns:
                - name: status
                - name: tier
                  values: [gold, 3]
        """);
    Outcome outcome =
        run(
            "--dbt-project",
            RepoPaths.root().resolve("dbt/eval/logistics").toString(),
            "--overrides",
            "overrides.yaml",
            "--project",
            "p",
            "--name",
            "n");
    assertThat(outcome.code()).isEqualTo(1);
    assertOneLineError(
        outcome,
        "--overrides overrides.yaml",
        "spec.models[0](parcels).columns[1](tier).values[1]",
        "(value: 3)");
  }

  @Test
  void warningsAndTheModelGoToTheirStreams() {
    Outcome outcome =
        run(
            "--dbt-project",
            RepoPaths.root().resolve("dbt/eval/logistics").toString(),
            "--select",
            "path:models/marts",
            "--project",
            "logistics",
            "--name",
            "logistics-dbt");
    assertThat(outcome.code()).as(outcome.err()).isZero();
    assertThat(outcome.out()).startsWith("# Generated from dbt project logistics");
    assertThat(outcome.err()).contains("warning: metric revenue_growth_yoy left out");
  }
}
