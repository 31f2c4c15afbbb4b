package io.insightengine.engine.warehouse;

import static io.insightengine.engine.warehouse.ProjectRequests.execute;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The engine on two external warehouses at once: two real PostgreSQL servers, two Projects with
 * different schemas and credentials (one from a Secret manifest, one from a mounted Secret). Both
 * answer from their own warehouse; one stopped answers 503 (which project, why, no secret) while
 * the other keeps answering, and recovers by itself when its server is back; a rotated mounted
 * Secret is used without a restart.
 */
@QuarkusTest
@QuarkusTestResource(value = ExternalWarehouses.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoWarehousesTest {
  private static final String TOKEN = "Bearer test-internal-token";

  @Test
  @Order(1)
  void eachProjectIsAnsweredFromItsOwnWarehouse() {
    // Unqualified names resolve through the project's schemas (search_path), as the firewall sees.
    execute("alpha", "select count(*) from invoices")
        .then()
        .statusCode(200)
        .body("rows[0][0]", equalTo(ExternalWarehouses.ALPHA_ROWS));
    execute("beta", "select count(*) from fleet.trips")
        .then()
        .statusCode(200)
        .body("rows[0][0]", equalTo(ExternalWarehouses.BETA_ROWS));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("project", "alpha", "question", "total amount of invoices by region"))
        .when()
        .post("/api/v1/ask")
        .then()
        .statusCode(200)
        .body("status", equalTo("answered"))
        .body("sql", containsString("sales.invoices"))
        .body("rows.size()", equalTo(2));
  }

  @Test
  @Order(2)
  void theAppDatabaseIsTheOneItsSecretNames() throws Exception {
    // Query history is written in batches: wait for the rows of the requests above.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    long rows = 0;
    while (rows == 0 && System.nanoTime() < deadline) {
      try (var c =
              java.sql.DriverManager.getConnection(
                  "jdbc:postgresql://localhost:"
                      + ExternalWarehouses.alpha.port
                      + "/insight_app?sslmode=disable",
                  "insight_app",
                  ExternalWarehouses.APP_PASSWORD);
          var st = c.createStatement();
          var rs = st.executeQuery("select count(*) from query_history where project = 'alpha'")) {
        rs.next();
        rows = rs.getLong(1);
      }
      Thread.sleep(100);
    }
    assertThat(rows).isGreaterThan(0);
  }

  @Test
  @Order(3)
  void aProjectCannotReachAnotherProjectsTables() {
    execute("alpha", "select count(*) from fleet.trips")
        .then()
        .statusCode(422)
        .body("type", containsString("sql-refused"));
    execute("alpha", "select count(*) from sales.secrets").then().statusCode(422);
  }

  @Test
  @Order(4)
  void aStoppedWarehouseMakesOnlyItsProjectUnavailableUntilItIsBack() throws Exception {
    ExternalWarehouses.beta.stop();
    long stopped = System.nanoTime();
    Response down = execute("beta", "select count(*) from fleet.trips");
    long toFirst503 = System.nanoTime() - stopped;
    down.then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", "5")
        .body("type", containsString("warehouse-unavailable"))
        .body("detail", containsString("project beta"))
        .body("detail", containsString("localhost:" + ExternalWarehouses.beta.port + "/fleet_wh"))
        .body("detail", not(containsString(ExternalWarehouses.BETA_PASSWORD)));
    // Later requests are refused at once, without waiting on the network.
    long again = System.nanoTime();
    execute("beta", "select 1 from fleet.trips").then().statusCode(503);
    long fastFail = System.nanoTime() - again;
    execute("alpha", "select count(*) from invoices").then().statusCode(200);
    given()
        .header("Authorization", TOKEN)
        .get("/internal/v1/status")
        .then()
        .statusCode(200)
        .body("projects.beta.state", equalTo("Unavailable"))
        .body("projects.beta.reason", equalTo("Unreachable"))
        .body("projects.alpha.state", equalTo("Serving"));

    ExternalWarehouses.beta.start();
    long started = System.nanoTime();
    awaitStatus("beta", 200, Duration.ofSeconds(30));
    long toRecover = System.nanoTime() - started;
    System.out.printf(
        "[figures] first 503 %.0f ms after the warehouse stopped; next 503 in %.1f ms; served"
            + " again %.0f ms after it started%n",
        toFirst503 / 1e6, fastFail / 1e6, toRecover / 1e6);
    assertThat(Duration.ofNanos(toRecover)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  @Order(5)
  void refusedCredentialsSayWhichSecretAndARotatedSecretIsPickedUp() throws Exception {
    ExternalWarehouses.beta.sql("postgres", "alter role beta_reader password 'rotated-Secret-3'");
    // New connections fail with the old password; the pool's idle ones are dropped.
    ExternalWarehouses.beta.sql(
        "postgres",
        "select pg_terminate_backend(pid) from pg_stat_activity where usename = 'beta_reader'");
    awaitStatus("beta", 503, Duration.ofSeconds(20));
    given()
        .header("Authorization", TOKEN)
        .get("/internal/v1/status")
        .then()
        .body("projects.beta.reason", equalTo("CredentialsRefused"))
        .body("projects.beta.message", not(containsString("Secret-2")));

    ExternalWarehouses.writeBetaSecret("rotated-Secret-3");
    awaitStatus("beta", 200, Duration.ofSeconds(20));
  }

  private static void awaitStatus(String project, int status, Duration within)
      throws InterruptedException {
    ProjectRequests.awaitStatus(project, "select count(*) from fleet.trips", status, within);
  }
}
