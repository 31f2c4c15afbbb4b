package io.insightengine.engine.eval;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightengine.engine.bundle.ValueSampling;
import io.insightengine.engine.pipeline.Answer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluation of one suite through the engine's REST API: every question is asked with {@code
 * POST /api/v1/ask} of the engine serving the suite's config directory ({@link SuiteWarehouse}),
 * and scored against the gold SQL by the suites' rule ({@link ResultSets}). Prints the counts
 * overall and per category and fails when the suite falls behind its accepted figures.
 */
abstract class SuiteEvaluation {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  @Inject ValueSampling sampling;

  /** Whether only the per-category counts may be shown (the accepted figures can say so too). */
  boolean heldOut() {
    return false;
  }

  @Test
  void scoresNoWorseThanTheAcceptedFigures() throws Exception {
    // Answers depend on sampled dimension values: ask once they are in.
    sampling.awaitQueued(Duration.ofMinutes(2));
    Suite suite = SuiteWarehouse.suite;
    Suite.Questions questions = SuiteWarehouse.questions;
    List<SuiteReport.Outcome> outcomes = new ArrayList<>();
    try (Connection c = SuiteWarehouse.gold.getConnection()) {
      c.setReadOnly(true);
      for (Suite.Question q : questions.questions()) {
        outcomes.add(evaluate(suite.project(), q, c));
      }
    }
    SuiteReport report = new SuiteReport(suite.name(), outcomes);
    AcceptedFigures figures = AcceptedFigures.read(AcceptedFigures.FILE);
    boolean heldOut = heldOut() || figures.heldOut(suite.name());
    System.out.print(report.render(heldOut));

    SuiteReport.Counts now = report.overall();
    String accept =
        "to accept these figures: scripts/eval-suite.sh <suite-dir> -Deval.accept=true, or this"
            + " test with -Deval.accept=true (rewrites "
            + AcceptedFigures.FILE
            + ")";
    if (Boolean.getBoolean("eval.accept")) {
      figures.accept(suite.name(), now, heldOut);
      System.out.println("eval " + suite.name() + ": accepted " + now);
      return;
    }
    var accepted = figures.counts(suite.name());
    if (accepted.isEmpty()) {
      System.out.println("eval " + suite.name() + ": no accepted figures yet; " + accept);
      return;
    }
    SuiteReport.Counts before = accepted.get();
    String against = "eval " + suite.name() + ": " + now + " against accepted " + before;
    assertThat(AcceptedFigures.regressions(before, now)).as(against + "; " + accept).isEmpty();
    if (!now.equals(before)) {
      System.out.println(against + ": better; " + accept);
    }
  }

  private static SuiteReport.Outcome evaluate(String project, Suite.Question q, Connection c)
      throws SQLException, IOException {
    Response response =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("question", q.question(), "project", project))
            .when()
            .post("/api/v1/ask");
    // Jackson with exact decimals: RestAssured's JsonPath reads numbers as floats.
    JsonNode body = JSON.readTree(response.asString());
    String status = response.statusCode() == 200 ? body.path("status").asText() : null;
    Map<String, Double> timings = new HashMap<>();
    body.path("timingsMs")
        .fields()
        .forEachRemaining(e -> timings.put(e.getKey(), e.getValue().asDouble()));
    if (Answer.NEEDS_CLARIFICATION.equals(status)) {
      return new SuiteReport.Outcome(
          q,
          q.expectsClarification() ? SuiteReport.CORRECT : SuiteReport.CLARIFICATION,
          null,
          String.join("; ", JSON.convertValue(body.path("clarifications"), String[].class)),
          timings);
    }
    String sql = body.path("sql").asText(null);
    if (!Answer.ANSWERED.equals(status)) {
      // A refused or failed query is SQL that does not answer.
      return new SuiteReport.Outcome(
          q,
          SuiteReport.WRONG,
          sql,
          "HTTP " + response.statusCode() + ": " + body.path("detail").asText(response.asString()),
          timings);
    }
    if (q.expectsClarification()) {
      return new SuiteReport.Outcome(
          q, SuiteReport.WRONG, sql, "answered a question that needs a clarification", timings);
    }
    List<List<Object>> gold = ResultSets.run(c, q.goldSql());
    List<List<Object>> actual = new ArrayList<>();
    for (JsonNode row : body.path("rows")) {
      List<Object> values = new ArrayList<>();
      row.forEach(v -> values.add(ResultSets.normalize(value(v))));
      actual.add(values);
    }
    boolean same = ResultSets.sameAnswer(gold, actual, q.orderMatters());
    return new SuiteReport.Outcome(
        q,
        same ? SuiteReport.CORRECT : SuiteReport.WRONG,
        sql,
        same ? "" : "gold rows " + preview(gold) + "\ngot  rows " + preview(actual),
        timings);
  }

  private static Object value(JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    return v.isNumber() ? v.decimalValue() : v.asText();
  }

  private static String preview(List<List<Object>> rows) {
    return rows.size() + " " + rows.subList(0, Math.min(3, rows.size()));
  }
}
