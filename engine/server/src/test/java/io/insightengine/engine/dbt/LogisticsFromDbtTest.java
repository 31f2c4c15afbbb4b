package io.insightengine.engine.dbt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insightengine.engine.bundle.ConfigBundleHolder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The full path on a second, non-demo dbt project: real dbt builds it, serve-dbt compiles its
 * artifacts into a config directory, the engine serves it and answers; running dbt again (a new
 * manifest.json in target/) updates the served model without a restart.
 */
@QuarkusTest
@QuarkusTestResource(value = LogisticsWarehouse.class, restrictToAnnotatedClass = true)
class LogisticsFromDbtTest {
  @Inject ConfigBundleHolder bundles;

  @Test
  void theConfigDirectoryHoldsOnlyWhatServeDbtWrote() throws Exception {
    try (Stream<Path> files = Files.list(LogisticsWarehouse.configDir)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
          .containsExactly(
              ".dbt-artifacts",
              "05-warehouse-credentials.yaml",
              "10-project.yaml",
              "20-semantic-model.yaml");
    }
    assertThat(Files.readString(LogisticsWarehouse.configDir.resolve("10-project.yaml")))
        .contains("schemas:\n    - analytics")
        .doesNotContain(LogisticsWarehouse.PASSWORD);
  }

  @Test
  void aQuestionIsAnsweredFromTheDbtBuiltWarehouse() throws Exception {
    long expected;
    try (Connection c =
            LogisticsWarehouse.postgres.getDatabase("postgres", "logistics").getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from analytics.dim_shippers")) {
      rs.next();
      expected = rs.getLong(1);
    }
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("question", "How many shippers are there in total?"))
        .when()
        .post("/api/v1/ask")
        .then()
        .statusCode(200)
        .body("status", equalTo("answered"))
        .body("project", equalTo("logistics"))
        .body("sql", containsString("analytics.dim_shippers"))
        .body("rows[0][0]", equalTo((int) expected));
  }

  @Test
  void aNewManifestUpdatesTheServedModelWithoutARestart() throws Exception {
    Path manifest = LogisticsWarehouse.target.resolve("manifest.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(manifest.toFile());
    ObjectNode node = (ObjectNode) root.path("nodes").path("model.logistics.dim_depots");
    String description = "Depots, as the latest dbt run describes them.";
    node.put("description", description);
    String before = bundles.current().orElseThrow().revision();
    Files.writeString(manifest, json.writeValueAsString(root));

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!description.equals(depotsDescription()) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(depotsDescription()).isEqualTo(description);
    assertThat(bundles.current().orElseThrow().revision())
        .as("the config directory itself did not change")
        .isEqualTo(before);
  }

  private String depotsDescription() {
    return bundles
        .current()
        .flatMap(b -> b.project("logistics"))
        .flatMap(
            p ->
                p.semantics().models().stream()
                    .filter(m -> m.table().endsWith(".dim_depots"))
                    .findFirst())
        .map(m -> m.description())
        .orElse(null);
  }
}
