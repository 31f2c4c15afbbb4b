package io.insightengine.engine.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input is refused cleanly: every refusal is a 4xx with a problem+json body that says what to
 * change, and the OpenAPI document declares every status an endpoint answers.
 */
@QuarkusTest
class RequestValidationTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[1,2,3]",
        "\"orders\"",
        "{\"question\":{\"a\":1}}",
        "{\"question\": false}",
        "{\"question\": 42}",
        "{}",
        "{\"question\": \"   \"}",
        "{\"question\": \"revenue\", \"project\": \"\"}",
        "{\"question\": \"revenue\", \"project\": \"Shop; drop\"}",
        "{\"question\": \"revenue\", \"project\": 7}",
        "{\"question\": \"revenue\", \"query\": {\"select\": []}}",
        "{\"question\": \"revenue\"",
        "{\"question\": \"revenue\", \"question\": \"orders\"}",
      })
  void aMalformedQuestionIsA400Problem(String body) {
    for (String endpoint : List.of("/api/v1/ask", "/api/v1/generate-sql", "/api/v1/sql/generate")) {
      given()
          .contentType(ContentType.JSON)
          .body(body)
          .post(endpoint)
          .then()
          .statusCode(400)
          .contentType(Problem.MEDIA_TYPE)
          .body("status", equalTo(400))
          .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
    }
  }

  @Test
  void aQuestionLongerThanTheLimitIsA400Problem() {
    given()
        .contentType(ContentType.JSON)
        .body(java.util.Map.of("question", "revenue ".repeat(400)))
        .post("/api/v1/generate-sql")
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE)
        .body("detail", containsString("longer than 2000"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"sql\": 1}", "{\"sql\": \"\"}", "{}", "[\"select 1\"]"})
  void malformedSqlIsA400Problem(String body) {
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/sql/execute")
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "limit=abc",
        "limit=0",
        "limit=501",
        "project=%00",
        "project=",
        "limit=",
        "limit=5&limit=6"
      })
  void badHistoryParametersAreA400Problem(String query) {
    given()
        .urlEncodingEnabled(false)
        .get("/api/v1/sql/history?" + query)
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE);
  }

  @Test
  void aRequestTargetOverTheLimitIs414Problem() {
    given()
        .get("/api/v1/sql/history?project=" + "p".repeat(9000))
        .then()
        .statusCode(414)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", containsString("uri-too-long"))
        .body("detail", containsString("8 KB (insight.http.max-uri-length)"));
    given()
        .get("/api/v1/sql/history?project=" + "p".repeat(7000))
        .then()
        .statusCode(400) // within the limit: the project name itself is what is wrong
        .contentType(Problem.MEDIA_TYPE);
  }

  @Test
  void aWrongMethodIs405WithAllowAndAWrongMediaTypeIs415() {
    given()
        .delete("/api/v1/ask")
        .then()
        .statusCode(405)
        .header("Allow", "POST")
        .contentType(Problem.MEDIA_TYPE);
    given()
        .post("/api/v1/sql/history")
        .then()
        .statusCode(405)
        .header("Allow", "GET, HEAD")
        .contentType(Problem.MEDIA_TYPE);
    given()
        .contentType(ContentType.TEXT)
        .body("revenue")
        .post("/api/v1/ask")
        .then()
        .statusCode(415)
        .contentType(Problem.MEDIA_TYPE);
  }

  @Test
  void theOpenApiDocumentDeclaresEveryStatusAndWhatIsRequiredOrNullable() throws Exception {
    JsonNode api =
        new ObjectMapper()
            .readTree(given().accept(ContentType.JSON).get("/openapi?format=json").asString());
    assertThat(statuses(api, "/api/v1/ask", "post"))
        .contains("200", "400", "404", "413", "415", "422", "503", "504");
    assertThat(statuses(api, "/api/v1/sql/execute", "post"))
        .contains("200", "400", "404", "413", "415", "422", "503", "504");
    assertThat(statuses(api, "/api/v1/sql/history", "get")).contains("200", "400", "503");
    JsonNode problem =
        api.at("/paths/~1api~1v1~1ask/post/responses/422/content/application~1problem+json");
    assertThat(problem.at("/schema/$ref").asText()).isEqualTo("#/components/schemas/Problem");
    JsonNode schemas = api.at("/components/schemas");
    assertThat(texts(schemas.at("/QuestionRequest/required"))).contains("question");
    assertThat(texts(schemas.at("/SqlRequest/required"))).contains("sql");
    for (String nullable : List.of("question", "sql", "generator", "rowCount", "error")) {
      assertThat(texts(schemas.at("/Entry/properties/" + nullable + "/type")))
          .as("Entry.%s", nullable)
          .contains("null");
    }
  }

  private static List<String> statuses(JsonNode api, String path, String method) {
    List<String> codes = new ArrayList<>();
    api.path("paths")
        .path(path)
        .path(method)
        .path("responses")
        .fieldNames()
        .forEachRemaining(codes::add);
    return codes;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
