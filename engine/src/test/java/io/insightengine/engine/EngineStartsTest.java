package io.insightengine.engine;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The engine application boots and reports itself live. */
@QuarkusTest
class EngineStartsTest {
  @Test
  void reportsLiveness() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }
}
