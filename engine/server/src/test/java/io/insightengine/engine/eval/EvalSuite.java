package io.insightengine.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.insightengine.engine.bundle.ConfigBundleCompiler;
import io.insightengine.engine.bundle.ProjectRuntime;
import io.insightengine.engine.generate.GenerationRequest;
import io.insightengine.engine.generate.GenerationResult;
import io.insightengine.engine.generate.OfflineSemanticGenerator;
import io.insightengine.engine.interpret.QuestionInterpreter;
import io.insightengine.engine.interpret.TimeExpressions;
import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.semantic.DimensionValueSampler;
import io.insightengine.engine.warehouse.DatasourceSettings;
import io.insightengine.engine.warehouse.Warehouse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The evaluation of the offline pipeline: every question of {@code eval/questions.yaml} is
 * interpreted and generated against the quickstart's semantic model, then the generated SQL and the
 * gold SQL both run on the demo warehouse (a real embedded PostgreSQL loaded from the dbt-built
 * script) and their results are compared. Prints correct / wrong / clarification.
 *
 * <p>Run: {@code ./mvnw -pl engine/server test -Dtest=EvalSuiteTest} (the test asserts the goals),
 * or this class's main.
 */
public final class EvalSuite {
  /** The outcome of one question. */
  public record Outcome(String id, String question, String kind, String detail) {}

  /** All outcomes, with counts by kind. */
  public record Report(List<Outcome> outcomes) {
    long count(String kind) {
      return outcomes.stream().filter(o -> o.kind().equals(kind)).count();
    }

    double share(String kind) {
      return 100.0 * count(kind) / outcomes.size();
    }

    String summary() {
      return String.format(
          "eval: %d questions: %d correct (%.1f%%), %d wrong (%.1f%%), %d clarification (%.1f%%)",
          outcomes.size(),
          count("correct"),
          share("correct"),
          count("wrong"),
          share("wrong"),
          count("clarification"),
          share("clarification"));
    }
  }

  public static Report run(Path questions, Path bundle, Path warehouseScript) throws Exception {
    JsonNode suite = new YAMLMapper().readTree(questions.toFile());
    LocalDate today = LocalDate.parse(suite.path("today").asText());
    ProjectRuntime project =
        new ConfigBundleCompiler().compile(bundle).defaultProject().orElseThrow();
    QuestionInterpreter interpreter =
        new QuestionInterpreter(
            new TimeExpressions(
                Clock.fixed(today.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC)));
    OfflineSemanticGenerator generator = new OfflineSemanticGenerator();
    List<Outcome> outcomes = new ArrayList<>();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      try (Connection admin = postgres.getPostgresDatabase().getConnection();
          Statement st = admin.createStatement()) {
        st.execute("create database warehouse");
      }
      var warehouse = postgres.getDatabase("postgres", "warehouse");
      try (Connection c = warehouse.getConnection();
          Statement st = c.createStatement()) {
        st.execute(Files.readString(warehouseScript));
      }
      DatasourceSettings settings =
          new DatasourceSettings(
              "localhost",
              postgres.getPort(),
              "warehouse",
              List.of("marts"),
              "disable",
              "postgres",
              "postgres",
              2,
              Duration.ofSeconds(10),
              "the evaluation's warehouse");
      try (Warehouse pool = Warehouse.open(project.name(), settings)) {
        Duration timeout = Duration.ofSeconds(30);
        DimensionValueSampler.sample(
            project.semantics(),
            DimensionValueSampler.columnTypes(project.semantics(), pool, timeout),
            pool,
            timeout,
            200);
      }
      try (Connection c = warehouse.getConnection()) {
        c.setReadOnly(true);
        for (JsonNode q : suite.path("questions")) {
          outcomes.add(evaluate(q, interpreter, generator, project, today, c));
        }
      }
    }
    return new Report(outcomes);
  }

  private static Outcome evaluate(
      JsonNode q,
      QuestionInterpreter interpreter,
      OfflineSemanticGenerator generator,
      ProjectRuntime project,
      LocalDate today,
      Connection c) {
    String id = q.path("id").asText();
    String question = q.path("question").asText();
    boolean expectsClarification = "clarification".equals(q.path("expect").asText());
    Interpretation intent = interpreter.interpret(question, project.semantics());
    GenerationResult result =
        generator.generate(new GenerationRequest(question, intent, project.semantics(), today));
    if (result instanceof GenerationResult.NeedsClarification clarification) {
      return new Outcome(
          id,
          question,
          expectsClarification ? "correct" : "clarification",
          clarification.message());
    }
    String sql = ((GenerationResult.Generated) result).sql();
    if (expectsClarification) {
      return new Outcome(
          id, question, "wrong", "answered a question that needs a clarification:\n" + sql);
    }
    try {
      List<List<Object>> gold = ResultSets.run(c, q.path("gold").asText());
      List<List<Object>> actual = ResultSets.run(c, sql);
      boolean same = ResultSets.sameAnswer(gold, actual);
      return new Outcome(
          id,
          question,
          same ? "correct" : "wrong",
          same ? sql : sql + "\n  gold rows " + preview(gold) + "\n  got  rows " + preview(actual));
    } catch (SQLException e) {
      return new Outcome(id, question, "wrong", sql + "\n  failed: " + e.getMessage());
    }
  }

  private static String preview(List<List<Object>> rows) {
    return rows.size() + " " + rows.subList(0, Math.min(3, rows.size()));
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : "../..");
    Report report =
        run(
            root.resolve("engine/server/src/test/resources/eval/questions.yaml"),
            root.resolve("examples/quickstart"),
            root.resolve("dbt/artifacts/warehouse.sql"));
    print(report, true);
  }

  static void print(Report report, boolean details) {
    Map<String, Integer> byKind = new TreeMap<>();
    for (Outcome o : report.outcomes()) {
      byKind.merge(o.kind(), 1, Integer::sum);
      if (details && !o.kind().equals("correct")) {
        System.out.printf(
            "%-13s %-28s %s%n  %s%n",
            o.kind().toUpperCase(), o.id(), o.question(), o.detail().replace("\n", "\n  "));
      }
    }
    System.out.println(report.summary());
  }
}
