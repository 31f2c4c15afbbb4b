package io.insightengine.engine.eval;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;

/**
 * The parcel logistics suite served from its dbt models, descriptions and tests alone, as most real
 * dbt projects come: no semantic models and no metrics. A development stand-in for held-out
 * projects without a semantic layer, whose questions may be read.
 */
@QuarkusTest
@QuarkusTestResource(
    value = LogisticsWithoutSemanticLayerSuiteTest.Warehouse.class,
    restrictToAnnotatedClass = true)
class LogisticsWithoutSemanticLayerSuiteTest extends SuiteEvaluation {
  public static class Warehouse extends SuiteWarehouse {
    public Warehouse() {
      super(
          Suite.directory(Path.of("../../dbt/eval/logistics"), Suite.MARTS)
              .withoutSemanticLayer("logistics-without-semantic-layer"));
    }
  }
}
