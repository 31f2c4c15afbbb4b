package io.insightengine.engine.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The REST API on the embedded default: a real PostgreSQL loaded with the dbt-built demo warehouse,
 * the quickstart bundle, "today" pinned to 2026-11-23.
 */
@QuarkusTest
class QueryApiTest {
  @TestHTTPResource("/")
  URL root;

  @Test
  void answersAQuestionWithSqlRowsAndAnExplanation() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("question", "How many orders were placed last month?"))
        .when()
        .post("/api/v1/ask")
        .then()
        .statusCode(200)
        .body("status", equalTo("answered"))
        .body("project", equalTo("shop"))
        .body("sql", containsString("marts.fct_orders"))
        .body("sql", containsString("DATE '2026-10-01'"))
        .body("rows.size()", equalTo(1))
        .body("rows[0][0]", greaterThan(0))
        .body("explanation", startsWith("Computed orders (number of orders placed"))
        .body("explanation", containsString("last month (2026-10-01 to 2026-10-31)"))
        .body("summary", notNullValue())
        .body("timingsMs", hasKey("interpret"))
        .body("timingsMs", hasKey("execute"))
        .body("correlationId", notNullValue());
  }

  @Test
  void generateSqlDoesNotRunIt() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("question", "revenue by region this year"))
        .when()
        .post("/api/v1/generate-sql")
        .then()
        .statusCode(200)
        .body("sql", containsString("GROUP BY"))
        .body("rows", nullValue())
        .body("timingsMs", not(hasKey("execute")));
  }

  @Test
  void anUnclearQuestionAsksInsteadOfGuessing() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("question", "How are we doing?"))
        .when()
        .post("/api/v1/sql/generate")
        .then()
        .statusCode(200)
        .body("status", equalTo("needs_clarification"))
        .body("sql", nullValue())
        .body("clarifications.size()", greaterThan(0));
  }

  @Test
  void aClarificationOffersReadingsThatAnswerWhenSentBack() {
    // "healthiest" names nothing in the shop: asked back, with the reading left without it.
    io.restassured.response.Response asked =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("question", "revenue of our healthiest regions in 2025"))
            .when()
            .post("/api/v1/ask");
    asked
        .then()
        .statusCode(200)
        .body("status", equalTo("needs_clarification"))
        .body("unplaced", hasItem("healthiest"))
        .body("clarifications[0]", containsString("\"healthiest\""))
        .body("readings[0].label", containsString("leaving out \"healthiest\""))
        .body("readings[0].query.select[0].kind", equalTo("metric"));
    Map<String, Object> chosen = asked.jsonPath().getMap("readings[0].query");
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("question", "revenue of our healthiest regions in 2025", "query", chosen))
        .when()
        .post("/api/v1/ask")
        .then()
        .statusCode(200)
        .body("status", equalTo("answered"))
        .body("sql", containsString("DATE '2025-01-01'"))
        .body("query.select[0].name", equalTo("revenue"))
        .body("sql", containsString("GROUP BY"))
        .body("rows.size()", greaterThan(1));
  }

  @Test
  void aSemanticQueryThatNamesNothingIsA400ProblemAndSqlNeverTravels() {
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "question",
                "profit by region",
                "query",
                Map.of("select", java.util.List.of(Map.of("kind", "metric", "name", "profit")))))
        .when()
        .post("/api/v1/ask")
        .then()
        .statusCode(400)
        .contentType(containsString("application/problem+json"))
        .body("type", containsString("invalid-semantic-query"))
        .body("detail", containsString("profit"));
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "question",
                "profit by region",
                "query",
                Map.of("select", java.util.List.of(Map.of("kind", "sql", "text", "select 1")))))
        .when()
        .post("/api/v1/ask")
        .then()
        .statusCode(400);
  }

  @Test
  void callerSqlGoesThroughTheSameStagesAndGetsALimit() {
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "sql", "select region, count(*) as orders from marts.fct_orders group by region"))
        .when()
        .post("/api/v1/sql/execute")
        .then()
        .statusCode(200)
        .body("sql", containsString("LIMIT 1000"))
        .body("columns.name", hasItem("region"))
        .body("rows.size()", equalTo(4));
  }

  @Test
  void piiInResultsIsMasked() {
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "sql", "select email, phone from marts.dim_customers order by customer_id limit 5"))
        .when()
        .post("/api/v1/sql/execute")
        .then()
        .statusCode(200)
        .body("rows.collect { it[0] }", everyItem(containsString("***@")))
        .body("rows.collect { it[1] }", everyItem(startsWith("+*")));
  }

  @Test
  void aTextValueLongerThanTheCellLengthIsCutMaskedAndSaid() {
    // 1,500 customers' addresses twice: about 90,000 characters in one cell.
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "sql",
                "select string_agg(email || ' ' || email, ', ' order by customer_id) as contacts"
                    + " from marts.dim_customers"))
        .when()
        .post("/api/v1/sql/execute")
        .then()
        .statusCode(200)
        .body("rows[0][0].length()", lessThanOrEqualTo(65_536))
        .body("rows[0][0]", startsWith("j***@shop.example.net j***@shop.example.net, "))
        .body("rows[0][0]", not(matchesPattern("(?s).*[a-z][.][a-z]+[0-9]+@.*")))
        .body("truncated", equalTo(true))
        .body("truncation", equalTo("1 text value longer than 65536 characters cut to 65536"))
        .body("summary", containsString("(truncated)"));
  }

  @Test
  void anAmplifiedResultIsCutByTheWarehouseAndBoundedInBytes() {
    // 20 values of 50 MB each (1 GB): the warehouse cuts each to the cell length before sending.
    long start = System.nanoTime();
    io.restassured.response.Response huge =
        given()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "sql",
                    "select o.order_id, lpad('x', 50000000, 'y') as pad from (select order_id"
                        + " from marts.fct_orders order by order_id limit 20) o"))
            .when()
            .post("/api/v1/sql/execute");
    long took = System.nanoTime() - start;
    huge.then()
        .statusCode(200)
        .body("rows.size()", equalTo(20))
        .body("rows[0][1].length()", equalTo(65_536))
        .body("truncation", equalTo("20 text values longer than 65536 characters cut to 65536"));
    // The order of the query survives the warehouse's cut.
    java.util.List<Integer> ids = huge.path("rows.collect { it[0] }");
    org.assertj.core.api.Assertions.assertThat(ids).isSorted();
    // 1,000 rows of 100,000 characters: reading stops at the project's 10 MiB.
    io.restassured.response.Response wide =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("sql", "select lpad('x', 100000, 'y') as pad from marts.fct_orders"))
            .when()
            .post("/api/v1/sql/execute");
    wide.then()
        .statusCode(200)
        .body("truncated", equalTo(true))
        .body("truncation", startsWith("more than 10485760 bytes: the first 159 rows are shown"));
    System.out.printf(
        "[figures] 20 x 50 MB values: answered in %.0f ms, %,d bytes; 1,000 x 100 KB: %,d bytes%n",
        took / 1e6, huge.asByteArray().length, wide.asByteArray().length);
  }

  @Test
  void aRequestBodyOverThePublicLimitIsRefusedBeforeItIsRead() throws Exception {
    // 2 MB declared, none of it sent: the 413 comes from the headers alone.
    try (RawHttp http = new RawHttp(root)) {
      http.send(RawHttp.post("/api/v1/ask", null, "Content-Length: 2000000"));
      assertThat(http.response())
          .startsWith("HTTP/1.1 413")
          .containsIgnoringCase("content-type: application/problem+json")
          .contains("body-too-large")
          .contains("1 MB (insight.http.max-body-size)");
    }
    // Chunked: stopped once past the limit, with the same problem.
    try (RawHttp http = new RawHttp(root)) {
      http.send(RawHttp.post("/api/v1/ask", null, "Transfer-Encoding: chunked"));
      http.send(RawHttp.chunk("{\"question\": \"".getBytes(StandardCharsets.US_ASCII)));
      http.send(RawHttp.chunk(RawHttp.spaces(1024 * 1024 + 1)));
      assertThat(http.response())
          .startsWith("HTTP/1.1 413")
          .containsIgnoringCase("content-type: application/problem+json")
          .contains("body-too-large");
    }
  }

  @Test
  void aChunkedRequestBodyWithinTheLimitIsAnswered() throws Exception {
    try (RawHttp http = new RawHttp(root)) {
      http.send(RawHttp.post("/api/v1/generate-sql", null, "Transfer-Encoding: chunked"));
      http.send(RawHttp.chunk("{\"question\": ".getBytes(StandardCharsets.US_ASCII)));
      http.send(RawHttp.chunk(RawHttp.spaces(500_000)));
      http.send(RawHttp.chunk("\"how many orders\"}".getBytes(StandardCharsets.US_ASCII)));
      http.send(RawHttp.chunk(new byte[0]));
      assertThat(http.response()).startsWith("HTTP/1.1 200").contains("\"sql\"");
    }
  }

  @Test
  void warehouseErrorsDoNotEchoTheData() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("sql", "select email::int from marts.dim_customers order by customer_id"))
        .when()
        .post("/api/v1/sql/execute")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("detail", containsString("invalid input syntax for type integer"))
        .body("detail", not(containsString("@")));
  }

  @Test
  void writesAreRefusedAsProblemJson() {
    given()
        .contentType(ContentType.JSON)
        .header(CorrelationId.HEADER, "test-correlation-1")
        .body(Map.of("sql", "delete from marts.fct_orders"))
        .when()
        .post("/api/v1/sql/execute")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .header(CorrelationId.HEADER, "test-correlation-1")
        .body("type", startsWith("https://insight-engine.io/problems/sql-refused/"))
        .body("status", equalTo(422))
        .body("correlationId", equalTo("test-correlation-1"))
        .body("detail", notNullValue());
  }

  @Test
  void stackedStatementsAreRefused() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("sql", "select 1 from marts.fct_orders; drop table marts.fct_orders"))
        .when()
        .post("/api/v1/sql/execute")
        .then()
        .statusCode(422)
        .contentType("application/problem+json");
  }

  @Test
  void badRequestsAreProblems() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("question", ""))
        .when()
        .post("/api/v1/ask")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", startsWith("question must not be empty"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("question", "orders", "project", "nope"))
        .when()
        .post("/api/v1/ask")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("no project nope"));
    given()
        .contentType(ContentType.JSON)
        .body("{not json")
        .when()
        .post("/api/v1/ask")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  void historyRecordsQuestionsAndOutcomes() {
    given()
        .contentType(ContentType.JSON)
        .header(CorrelationId.HEADER, "history-check-1")
        .body(Map.of("question", "How many customers do we have?"))
        .when()
        .post("/api/v1/ask")
        .then()
        .statusCode(200);

    // History is written off the request path: wait for the row (at most 10 s).
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!given()
            .when()
            .get("/api/v1/sql/history?limit=20")
            .asString()
            .contains("history-check-1")
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    given()
        .when()
        .get("/api/v1/sql/history?limit=20")
        .then()
        .statusCode(200)
        .body("findAll { it.correlationId == 'history-check-1' }.status", hasItem("answered"))
        .body("findAll { it.correlationId == 'history-check-1' }.rowCount", hasItem(1));
  }

  @Test
  void healthMetricsAndOpenApiAreServed() {
    given()
        .when()
        .get("/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name == 'config-bundle' }.data.projects", equalTo("shop"));
    given().when().get("/health/live").then().statusCode(200);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("question", "orders by status"))
        .when()
        .post("/api/v1/ask")
        .then()
        .statusCode(200);
    given()
        .when()
        .get("/metrics")
        .then()
        .statusCode(200)
        .body(containsString("insight_pipeline_stage_seconds_count{stage=\"interpret\""));
    given()
        .when()
        .get("/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/api/v1/sql/execute"));
  }
}
