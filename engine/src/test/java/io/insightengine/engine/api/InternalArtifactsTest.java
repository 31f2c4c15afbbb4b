package io.insightengine.engine.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The internal dbt-artifacts endpoint: token-protected, compiles what it receives. */
@QuarkusTest
class InternalArtifactsTest {
  private static final String URL = "/internal/v1/projects/shop/dbt-artifacts";

  private static byte[] manifest() throws Exception {
    return Files.readAllBytes(Path.of("../dbt/artifacts/manifest.json"));
  }

  @Test
  void withoutTheTokenNothingIsAccepted() throws Exception {
    given()
        .contentType(ContentType.JSON)
        .body(manifest())
        .when()
        .post(URL)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("type", containsString("unauthorized"));
    given()
        .contentType(ContentType.JSON)
        .header("Authorization", "Bearer guess")
        .body(manifest())
        .when()
        .post(URL)
        .then()
        .statusCode(401);
  }

  @Test
  void aDeliveredManifestIsCompiledAndKept() throws Exception {
    given()
        .contentType(ContentType.JSON)
        .header("Authorization", "Bearer test-internal-token")
        .body(manifest())
        .when()
        .post(URL)
        .then()
        .statusCode(202)
        .body("project", equalTo("shop"))
        .body("dbtProject", equalTo("shop"))
        .body("models", greaterThan(5))
        .body("metrics", greaterThan(10));
    given()
        .header("Authorization", "Bearer test-internal-token")
        .when()
        .get(URL)
        .then()
        .statusCode(200)
        .body("models", greaterThan(5));
  }

  @Test
  void badDeliveriesAreRefusedClearly() {
    given()
        .contentType(ContentType.JSON)
        .header("Authorization", "Bearer test-internal-token")
        .body("{\"not\": \"a manifest\"}")
        .when()
        .post(URL)
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .contentType(ContentType.JSON)
        .header("Authorization", "Bearer test-internal-token")
        .body("{}")
        .when()
        .post("/internal/v1/projects/nope/dbt-artifacts")
        .then()
        .statusCode(404);
  }
}
