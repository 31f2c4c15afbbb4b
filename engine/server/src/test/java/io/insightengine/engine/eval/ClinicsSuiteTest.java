package io.insightengine.engine.eval;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;

/**
 * The held-out veterinary-clinics suite in {@code dbt/eval/clinics} (no semantic layer): only its
 * counts per category are printed, never its questions, SQL or answers.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicsSuiteTest.Warehouse.class, restrictToAnnotatedClass = true)
class ClinicsSuiteTest extends SuiteEvaluation {
  public static class Warehouse extends SuiteWarehouse {
    public Warehouse() {
      super(Suite.directory(Path.of("../../dbt/eval/clinics"), Suite.MARTS));
    }
  }

  @Override
  boolean heldOut() {
    return true;
  }
}
