package io.insightengine.engine.eval;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;

/**
 * The insurance suite in {@code dbt/eval/insurance}: a project without a semantic layer, with
 * questions written by business users of its domain, not with the interpreter.
 */
@QuarkusTest
@QuarkusTestResource(value = InsuranceSuiteTest.Warehouse.class, restrictToAnnotatedClass = true)
class InsuranceSuiteTest extends SuiteEvaluation {
  public static class Warehouse extends SuiteWarehouse {
    public Warehouse() {
      super(Suite.directory(Path.of("../../dbt/eval/insurance"), Suite.MARTS));
    }
  }
}
