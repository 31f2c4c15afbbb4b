package io.insightengine.engine.dbt;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A SemanticModel compiled from a DbtRun's delivered artifacts: until the run delivers, its project
 * is not served and says why; the delivery makes it serve, without a restart.
 */
@QuarkusTest
@TestProfile(DbtRunDeliveryTest.ModelFromADbtRun.class)
class DbtRunDeliveryTest {
  static final Path DIR = quickstartWithADbtRunModel();

  /** The quickstart, its committed compiled model replaced by one naming a DbtRun. */
  public static class ModelFromADbtRun implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("insight.config-dir", DIR.toString(), "insight.config-poll-interval", "200ms");
    }
  }

  private static int ask() {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("question", "How many orders were placed last month?"))
        .when()
        .post("/api/v1/ask")
        .statusCode();
  }

  @Test
  void theProjectServesOnceItsDbtRunDelivers() throws Exception {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("question", "How many orders were placed last month?"))
        .when()
        .post("/api/v1/ask")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body("type", containsString("project-unavailable"))
        .body("detail", containsString("DbtArtifactsPending"))
        .body("detail", containsString("DbtRun shop-nightly"));

    given()
        .contentType(ContentType.JSON)
        .header("Authorization", "Bearer test-internal-token")
        .body(Files.readAllBytes(Path.of("../../dbt/artifacts/manifest.json")))
        .when()
        .post("/internal/v1/projects/shop/dbt-artifacts?dbtRun=shop-nightly")
        .then()
        .statusCode(202)
        .body("dbtRun", equalTo("shop-nightly"));

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (ask() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("question", "How many orders were placed last month?"))
        .when()
        .post("/api/v1/ask")
        .then()
        .statusCode(200)
        .body("sql", containsString("marts.fct_orders"));
  }

  private static Path quickstartWithADbtRunModel() {
    try {
      Path dir = Files.createTempDirectory("insight-dbtrun-bundle");
      try (Stream<Path> files = Files.list(Path.of("../../examples/quickstart"))) {
        for (Path file : files.toList()) {
          if (!file.getFileName().toString().endsWith(".semantic.yaml")) {
            Files.copy(file, dir.resolve(file.getFileName()));
          }
        }
      }
      Files.writeString(
          dir.resolve("15-shop-from-dbt-run.yaml"),
          """
          apiVersion: insight-engine.io/v1alpha1
          kind: SemanticModel
          metadata:
            name: shop-from-dbt-run
          spec:
            projectRef:
              name: shop
            dbt:
              dbtRunRef:
                name: shop-nightly
              select: [path:models/marts]
          """);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
