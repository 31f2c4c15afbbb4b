package io.insightengine.engine.eval;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;

/**
 * The bike-sharing suite in {@code dbt/eval/bikeshare}: a project without a semantic layer, with
 * questions written by business users of its domain, not with the interpreter.
 */
@QuarkusTest
@QuarkusTestResource(value = BikeshareSuiteTest.Warehouse.class, restrictToAnnotatedClass = true)
class BikeshareSuiteTest extends SuiteEvaluation {
  public static class Warehouse extends SuiteWarehouse {
    public Warehouse() {
      super(Suite.directory(Path.of("../../dbt/eval/bikeshare"), Suite.MARTS));
    }
  }
}
