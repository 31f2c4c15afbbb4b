package io.insightengine.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An evaluation suite: where its warehouse, its semantic model and its questions come from. Either
 * a suite directory in the format of {@code dbt/eval/<suite>/} (a dbt project compiled from its
 * files, {@code load.sql}, {@code questions.yaml}) or the demo shop (hand-written or dbt-compiled
 * SemanticModel manifests, the dbt-built warehouse script, the engine's own question file).
 *
 * @param name the suite's name: its key in the accepted figures
 * @param project the name of the project serving it
 * @param dbtProject the dbt project to compile, or null when {@code semanticModels} are given
 * @param select the dbt selectors of the models to expose
 * @param semanticModels SemanticModel manifests to serve as they are (when no dbt project)
 * @param withoutSemanticLayer whether the dbt project's files that declare {@code semantic_models}
 *     or {@code metrics} are left out, as most real dbt projects have neither
 */
record Suite(
    String name,
    String project,
    Path questionsFile,
    Path loadScript,
    Path dbtProject,
    List<String> select,
    List<Path> semanticModels,
    boolean withoutSemanticLayer) {

  /** The default marts selector of the suites in {@code dbt/eval/}. */
  static final String MARTS = "path:models/marts";

  /** A suite directory: its dbt project, {@code load.sql} and {@code questions.yaml}. */
  static Suite directory(Path dir, String select) {
    Path abs = dir.toAbsolutePath().normalize();
    String name = abs.getFileName().toString();
    return new Suite(
        name,
        name,
        abs.resolve("questions.yaml"),
        abs.resolve("load.sql"),
        abs,
        List.of(select.split(",")),
        List.of(),
        false);
  }

  /**
   * The same suite served from its dbt models, descriptions and tests alone: its semantic layer
   * left out, so its metrics are not known and its time dimensions only from the warehouse.
   */
  Suite withoutSemanticLayer(String variant) {
    return new Suite(
        variant, project, questionsFile, loadScript, dbtProject, select, semanticModels, true);
  }

  /**
   * The demo shop: the engine's own questions on the dbt-built warehouse, served by the given
   * SemanticModel manifests of {@code examples/quickstart}.
   */
  static Suite shop(String name, String... manifests) {
    Path root = Path.of("../..").toAbsolutePath().normalize();
    return new Suite(
        name,
        "shop",
        root.resolve("engine/server/src/test/resources/eval/questions.yaml"),
        root.resolve("dbt/artifacts/warehouse.sql"),
        null,
        List.of(),
        java.util.Arrays.stream(manifests)
            .map(m -> root.resolve("examples/quickstart").resolve(m))
            .toList(),
        false);
  }

  /** One question and what answers it. */
  record Question(
      String id, String question, String category, boolean orderMatters, String goldSql) {
    boolean expectsClarification() {
      return goldSql == null;
    }
  }

  /** The reference date and the questions. */
  record Questions(LocalDate referenceDate, List<Question> questions) {}

  /**
   * Reads the question file: the suite format ({@code reference_date}; {@code category}, {@code
   * order_matters}, {@code gold_sql}) or the demo's older one ({@code today}; the first of {@code
   * capabilities} as the category, {@code gold}, {@code expect: clarification}).
   */
  Questions questions() throws IOException {
    JsonNode root = new YAMLMapper().readTree(questionsFile.toFile());
    LocalDate date =
        LocalDate.parse(
            root.has("reference_date")
                ? root.path("reference_date").asText()
                : root.path("today").asText());
    List<Question> questions = new ArrayList<>();
    for (JsonNode q : root.path("questions")) {
      JsonNode gold = q.has("gold_sql") ? q.path("gold_sql") : q.path("gold");
      boolean clarification =
          gold.isNull()
              || gold.isMissingNode()
              || "clarification".equals(q.path("expect").asText());
      String category =
          q.has("category")
              ? q.path("category").asText()
              : q.path("capabilities").path(0).asText("uncategorised");
      questions.add(
          new Question(
              q.path("id").asText(),
              q.path("question").asText(),
              category,
              q.path("order_matters").asBoolean(false),
              clarification ? null : gold.asText()));
    }
    return new Questions(date, questions);
  }

  /** The warehouse script; a suite's generator writes it (and the seeds) when it is missing. */
  Path ensureLoadScript() throws IOException, InterruptedException {
    if (Files.isRegularFile(loadScript)) {
      return loadScript;
    }
    Path generator = loadScript.resolveSibling("gen_seeds.py");
    if (!Files.isRegularFile(generator)) {
      throw new IOException(loadScript + " is missing and there is no gen_seeds.py to write it");
    }
    Process p =
        new ProcessBuilder("python3", "gen_seeds.py")
            .directory(generator.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (p.waitFor() != 0 || !Files.isRegularFile(loadScript)) {
      throw new IOException(generator + " exited " + p.exitValue() + " without " + loadScript);
    }
    return loadScript;
  }
}
