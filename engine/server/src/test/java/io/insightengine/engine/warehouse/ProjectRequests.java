package io.insightengine.engine.warehouse;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;

/** Caller SQL for a project through the API, and waiting for a project to answer a status. */
final class ProjectRequests {
  private ProjectRequests() {}

  static Response execute(String project, String sql) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("project", project, "sql", sql))
        .when()
        .post("/api/v1/sql/execute");
  }

  /** Sends {@code sql} until the project answers {@code status}, for at most {@code within}. */
  static void awaitStatus(String project, String sql, int status, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    int last;
    do {
      last = execute(project, sql).statusCode();
      if (last == status) {
        return;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(project + " answered " + last + ", not " + status + ", for " + within);
  }
}
