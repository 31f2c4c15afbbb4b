package io.insightengine.engine.eval;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The demo shop from nothing but its dbt-compiled SemanticModel, without the hand-written overlay:
 * how far the engine gets on what dbt alone says.
 */
@QuarkusTest
@QuarkusTestResource(value = ShopDbtOnlySuiteTest.Warehouse.class, restrictToAnnotatedClass = true)
class ShopDbtOnlySuiteTest extends SuiteEvaluation {
  public static class Warehouse extends SuiteWarehouse {
    public Warehouse() {
      super(Suite.shop("shop-dbt-only", "15-shop-dbt.semantic.yaml"));
    }
  }
}
