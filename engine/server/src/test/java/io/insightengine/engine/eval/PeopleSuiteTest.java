package io.insightengine.engine.eval;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;

/**
 * The held-out people-analytics suite in {@code dbt/eval/people}: only its counts per category are
 * printed, never its questions, SQL or answers.
 */
@QuarkusTest
@QuarkusTestResource(value = PeopleSuiteTest.Warehouse.class, restrictToAnnotatedClass = true)
class PeopleSuiteTest extends SuiteEvaluation {
  public static class Warehouse extends SuiteWarehouse {
    public Warehouse() {
      super(Suite.directory(Path.of("../../dbt/eval/people"), Suite.MARTS));
    }
  }

  @Override
  boolean heldOut() {
    return true;
  }
}
