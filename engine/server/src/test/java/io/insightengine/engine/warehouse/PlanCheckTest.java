package io.insightengine.engine.warehouse;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The planner's second opinion, through the API on a real warehouse: a model that is a view reads
 * its base table and a partitioned model its partitions (both allowed, because the catalog says
 * so), while a query whose plan reads a table the firewall never allowed is refused before it runs.
 */
@QuarkusTest
@QuarkusTestResource(value = ViewsWarehouse.class, restrictToAnnotatedClass = true)
class PlanCheckTest {
  private static Response execute(String sql) {
    return ProjectRequests.execute("desk", sql);
  }

  @Test
  void aViewModelReadsItsBaseTableAndAPartitionedModelItsPartitions() {
    execute("select count(*) from open_tickets")
        .then()
        .statusCode(200)
        .body("rows[0][0]", equalTo(5));
    execute("select count(*) from events where day >= date '2026-01-01'")
        .then()
        .statusCode(200)
        .body("rows[0][0]", equalTo(5));
    execute("select count(*) from generate_series(1, 3) g").then().statusCode(200);
  }

  @Test
  void aRealTableNamedLikeASubquerysCteIsRefused() {
    // The CTE "salaries" exists only inside the derived table; the outer "salaries" is the real
    // table, which is not in the model (the reader may read it: a grant too wide). The firewall
    // once took both for the CTE; the plan check caught it ("firewall defect ... reads
    // [desk.salaries]"), and the firewall now scopes CTE names as PostgreSQL does.
    String sql =
        "select count(*) from (with salaries as (select 1 as x) select x from salaries) q"
            + " cross join salaries";
    execute(sql)
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", containsString("table-not-allowed"));
    execute("select count(*) from salaries")
        .then()
        .statusCode(422)
        .body("type", containsString("table-not-allowed"));
  }
}
