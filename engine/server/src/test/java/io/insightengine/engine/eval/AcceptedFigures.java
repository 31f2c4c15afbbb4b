package io.insightengine.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ratchet: the figures last accepted per suite (committed in {@code accepted.yaml}). A suite
 * may not lose a correct answer nor gain a wrong one against them; an improvement is recorded by
 * running with {@code -Deval.accept=true}, which rewrites the suite's entry.
 */
final class AcceptedFigures {
  /** Where the figures live, from the engine/server module (the tests' working directory). */
  static final Path FILE = Path.of("src/test/resources/eval/accepted.yaml");

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
  private static final String HEADER =
      """
      # The evaluation figures last accepted per suite (SuiteEvaluation's ratchet): a suite fails
      # when its correct count falls or its wrong count rises against these. Rewritten by running
      # the suite with -Deval.accept=true; held-out suites print only their per-category table.
      """;

  private final Path file;
  private final ObjectNode root;

  private AcceptedFigures(Path file, ObjectNode root) {
    this.file = file;
    this.root = root;
  }

  static AcceptedFigures read(Path file) throws IOException {
    JsonNode root = Files.isRegularFile(file) ? YAML.readTree(file.toFile()) : null;
    return new AcceptedFigures(file, root instanceof ObjectNode o ? o : YAML.createObjectNode());
  }

  Optional<SuiteReport.Counts> counts(String suite) {
    JsonNode s = root.get(suite);
    return s == null
        ? Optional.empty()
        : Optional.of(
            new SuiteReport.Counts(
                s.path("correct").asInt(),
                s.path("wrong").asInt(),
                s.path("clarification").asInt()));
  }

  /** Whether the suite's questions must stay unseen: only its per-category counts are shown. */
  boolean heldOut(String suite) {
    return root.path(suite).path("heldOut").asBoolean(false);
  }

  /** What got worse from {@code before} to {@code now}: lost correct or gained wrong answers. */
  static List<String> regressions(SuiteReport.Counts before, SuiteReport.Counts now) {
    List<String> worse = new ArrayList<>();
    if (now.correct() < before.correct()) {
      worse.add((before.correct() - now.correct()) + " correct answer(s) lost");
    }
    if (now.wrong() > before.wrong()) {
      worse.add((now.wrong() - before.wrong()) + " wrong answer(s) gained");
    }
    return worse;
  }

  /** Records {@code counts} as the suite's accepted figures, keeping its held-out mark. */
  void accept(String suite, SuiteReport.Counts counts, boolean heldOut) throws IOException {
    ObjectNode s = root.putObject(suite);
    s.put("correct", counts.correct());
    s.put("wrong", counts.wrong());
    s.put("clarification", counts.clarification());
    if (heldOut) {
      s.put("heldOut", true);
    }
    Files.writeString(file, HEADER + YAML.writeValueAsString(root));
  }
}
