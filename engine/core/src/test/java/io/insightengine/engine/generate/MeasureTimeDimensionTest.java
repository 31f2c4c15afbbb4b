package io.insightengine.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.api.dbt.LogisticsBuild;
import io.insightengine.engine.interpret.QuestionInterpreter;
import io.insightengine.engine.interpret.TimeExpressions;
import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.query.SemanticQuery;
import io.insightengine.engine.semantic.SemanticLayer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
    layer = new SemanticLayer(LogisticsBuild.compiledMarts());
  }

  private String sql(Interpretation intent) {
    GenerationResult result =
        new OfflineSemanticGenerator()
            .generate(new GenerationRequest("q", intent, layer, LocalDate.of(2026, 10, 20)));
    assertThat(result)
        .as(intent.clarifications().toString())
        .isInstanceOf(GenerationResult.Generated.class);
    return ((GenerationResult.Generated) result).sql();
  }

  /** The time dimension the query's period or grain applies to. */
  private static String timeDimension(Interpretation reading) {
    return java.util.stream.Stream.concat(
            reading.query().filters().stream()
                .filter(SemanticQuery.TimeWindow.class::isInstance)
                .map(f -> ((SemanticQuery.TimeWindow) f).field()),
            reading.query().groupBy().stream()
                .filter(g -> g.grain() != null)
                .map(SemanticQuery.GroupBy::field))
        .map(SemanticQuery.Field::toString)
        .findFirst()
        .orElse(null);
  }

  @Test
  void aMeasureWithItsOwnTimeDimensionIsDatedByIt() {
    Interpretation delivered = interpreter.interpret("parcels delivered last month", layer);
    assertThat(delivered.query().select())
        .containsExactly(new SemanticQuery.Metric("parcels_delivered"));
    assertThat(timeDimension(delivered)).isEqualTo("parcels.delivered_date");
    assertThat(sql(delivered)).contains("parcels.delivered_date >= DATE '2026-09-01'");

    Interpretation rate = interpreter.interpret("on-time delivery rate by month this year", layer);
    assertThat(rate.query().select())
        .containsExactly(new SemanticQuery.Metric("on_time_delivery_rate"));
    assertThat(timeDimension(rate))
        .as("a ratio is dated by its numerator's measure")
        .isEqualTo("parcels.delivered_date");
  }

  @Test
  void aMeasureWithoutOneIsDatedByTheModelsDefault() {
    Interpretation shipped = interpreter.interpret("parcel volume last month", layer);
    assertThat(shipped.query().select())
        .containsExactly(new SemanticQuery.Metric("parcels_shipped"));
    assertThat(timeDimension(shipped)).isEqualTo("parcels.shipped_date");
  }

  @Test
  void layerKnowsEachMetricsDate() {
    assertThat(layer.timeDimensionOf(new SemanticQuery.Metric("parcels_booked")))
        .isEqualTo("parcels.created_date");
    assertThat(layer.timeDimensionOf(new SemanticQuery.Metric("cash_collected")))
        .isEqualTo("invoices.paid_date");
    assertThat(layer.timeDimensionOf(new SemanticQuery.Metric("revenue")))
        .isEqualTo("invoices.invoice_date");
  }
}
