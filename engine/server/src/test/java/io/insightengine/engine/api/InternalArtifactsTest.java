package io.insightengine.engine.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The internal endpoints: token-protected; dbt artifacts compiled and kept per project and DbtRun;
 * the served status the operator reads.
 */
@QuarkusTest
class InternalArtifactsTest {
  private static final String URL = "/internal/v1/projects/shop/dbt-artifacts?dbtRun=shop-nightly";

  private static byte[] manifest() throws Exception {
    return Files.readAllBytes(Path.of("../../dbt/artifacts/manifest.json"));
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
        .body("dbtRun", equalTo("shop-nightly"))
        .body("dbtProject", equalTo("shop"))
        .body("models", greaterThan(5))
        .body("metrics", greaterThan(10));
    given()
        .header("Authorization", "Bearer test-internal-token")
        .when()
        .get(URL)
        .then()
        .statusCode(200)
        .body("dbtRun", equalTo("shop-nightly"))
        .body("revision", notNullValue());
  }

  @Test
  void aDeliveryMustNameItsDbtRun() throws Exception {
    given()
        .contentType(ContentType.JSON)
        .header("Authorization", "Bearer test-internal-token")
        .body(manifest())
        .when()
        .post("/internal/v1/projects/shop/dbt-artifacts")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("?dbtRun="));
  }

  @Test
  void theStatusSaysWhatIsServedAndNeedsTheToken() {
    given().when().get("/internal/v1/status").then().statusCode(401);
    given()
        .header("Authorization", "Bearer test-internal-token")
        .when()
        .get("/internal/v1/status")
        .then()
        .statusCode(200)
        .body("revision", matchesPattern("[0-9a-f]{16}"))
        .body("error", nullValue())
        .body("projects.shop.state", equalTo("Serving"))
        .body("projects.shop.message", containsString("/warehouse"));
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
