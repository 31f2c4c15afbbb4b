package io.insightengine.engine.eval;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;

/** The parcel logistics suite in {@code dbt/eval/logistics}. */
@QuarkusTest
@QuarkusTestResource(value = LogisticsSuiteTest.Warehouse.class, restrictToAnnotatedClass = true)
class LogisticsSuiteTest extends SuiteEvaluation {
  public static class Warehouse extends SuiteWarehouse {
    public Warehouse() {
      super(Suite.directory(Path.of("../../dbt/eval/logistics"), Suite.MARTS));
    }
  }
}
