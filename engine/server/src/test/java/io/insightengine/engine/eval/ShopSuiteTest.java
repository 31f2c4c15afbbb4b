package io.insightengine.engine.eval;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The demo shop served as the quickstart serves it: the dbt-compiled model and its overlay. */
@QuarkusTest
@QuarkusTestResource(value = ShopSuiteTest.Warehouse.class, restrictToAnnotatedClass = true)
class ShopSuiteTest extends SuiteEvaluation {
  public static class Warehouse extends SuiteWarehouse {
    public Warehouse() {
      super(Suite.shop("shop", "15-shop-dbt.semantic.yaml", "20-semantic-model.yaml"));
    }
  }
}
