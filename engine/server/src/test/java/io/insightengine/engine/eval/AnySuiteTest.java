package io.insightengine.engine.eval;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Any suite directory in the format of {@code dbt/eval/<suite>/}, named by {@code -Deval.suite}
 * (marts selected by {@code -Deval.select}, default {@code path:models/marts}); run it with {@code
 * scripts/eval-suite.sh <suite-dir>}. Held out with {@code -Deval.held-out=true} or when the
 * accepted figures mark the suite so. With {@code -Deval.without-semantic-layer=true} the dbt
 * project's semantic models and metrics are left out, as most real projects have neither.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "eval.suite", matches = ".+")
@QuarkusTestResource(value = AnySuiteTest.Warehouse.class, restrictToAnnotatedClass = true)
class AnySuiteTest extends SuiteEvaluation {
  public static class Warehouse extends SuiteWarehouse {
    public Warehouse() {
      super(suite());
    }

    private static Suite suite() {
      Suite suite =
          Suite.directory(
              Path.of(System.getProperty("eval.suite", "")),
              System.getProperty("eval.select", Suite.MARTS));
      return Boolean.getBoolean("eval.without-semantic-layer")
          ? suite.withoutSemanticLayer(suite.name() + "-without-semantic-layer")
          : suite;
    }
  }

  @Override
  boolean heldOut() {
    return Boolean.getBoolean("eval.held-out");
  }
}
