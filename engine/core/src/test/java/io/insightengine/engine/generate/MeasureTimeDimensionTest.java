package io.insightengine.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.api.dbt.DbtProjectFilesReader;
import io.insightengine.api.dbt.SemanticCompiler;
import io.insightengine.engine.interpret.Intent;
import io.insightengine.engine.interpret.QuestionInterpreter;
import io.insightengine.engine.interpret.TimeExpressions;
import io.insightengine.engine.semantic.SemanticLayer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A measure dated by its own agg_time_dimension is filtered and bucketed by it: the logistics dbt
 * project (compiled from its files) dates deliveries by delivered_date, pickups by the model's
 * default shipped_date.
 */
class MeasureTimeDimensionTest {
  private static SemanticLayer layer;
  private final QuestionInterpreter interpreter =
      new QuestionInterpreter(
          new TimeExpressions(Clock.fixed(Instant.parse("2026-10-20T10:00:00Z"), ZoneOffset.UTC)));

  @BeforeAll
  static void compileLogistics() throws Exception {
    layer =
        new SemanticLayer(
            new SemanticCompiler()
                .compile(
                    new DbtProjectFilesReader().read(Path.of("../../dbt/eval/logistics")),
                    List.of("path:models/marts"))
                .spec());
  }

  private String sql(Intent intent) {
    GenerationResult result =
        new OfflineSemanticGenerator()
            .generate(new GenerationRequest("q", intent, layer, LocalDate.of(2026, 10, 20)));
    assertThat(result)
        .as(intent.clarifications().toString())
        .isInstanceOf(GenerationResult.Generated.class);
    return ((GenerationResult.Generated) result).sql();
  }

  @Test
  void aMeasureWithItsOwnTimeDimensionIsDatedByIt() {
    Intent delivered = interpreter.interpret("parcels delivered last month", layer);
    assertThat(delivered.metrics()).containsExactly("parcels_delivered");
    assertThat(delivered.timeDimension()).isEqualTo("parcels.delivered_date");
    assertThat(sql(delivered)).contains("parcels.delivered_date >= DATE '2026-09-01'");

    Intent rate = interpreter.interpret("on-time delivery rate by month this year", layer);
    assertThat(rate.metrics()).containsExactly("on_time_delivery_rate");
    assertThat(rate.timeDimension())
        .as("a ratio is dated by its numerator's measure")
        .isEqualTo("parcels.delivered_date");
  }

  @Test
  void aMeasureWithoutOneIsDatedByTheModelsDefault() {
    Intent shipped = interpreter.interpret("parcel volume last month", layer);
    assertThat(shipped.metrics()).containsExactly("parcels_shipped");
    assertThat(shipped.timeDimension()).isEqualTo("parcels.shipped_date");
  }

  @Test
  void layerKnowsEachMetricsDate() {
    assertThat(layer.timeDimensionOf("parcels_booked")).isEqualTo("parcels.created_date");
    assertThat(layer.timeDimensionOf("cash_collected")).isEqualTo("invoices.paid_date");
    assertThat(layer.timeDimensionOf("revenue")).isEqualTo("invoices.invoice_date");
  }
}
