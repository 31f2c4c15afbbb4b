package io.insightengine.engine.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.api.dbt.LogisticsBuild;
import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.query.SemanticQuery;
import io.insightengine.engine.query.SemanticQuery.Field;
import io.insightengine.engine.semantic.SemanticLayer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Readings on a warehouse the interpreter was not written around, the logistics dbt project
 * compiled from its files: the event a verb names, units, misspelt words, and rows listed.
 */
class LogisticsReadingsTest {
  private static SemanticLayer layer;
  private final QuestionInterpreter interpreter =
      new QuestionInterpreter(
          new TimeExpressions(Clock.fixed(Instant.parse("2026-10-20T10:00:00Z"), ZoneOffset.UTC)));

  @BeforeAll
  static void compileLogistics() throws Exception {
    layer = new SemanticLayer(LogisticsBuild.compiledMarts());
  }

  private Interpretation read(String question) {
    Interpretation reading = interpreter.interpret(question, layer);
    assertThat(reading.understood()).as(question + ": " + reading.clarifications()).isTrue();
    return reading;
  }

  private static SemanticQuery.Filter window(Interpretation reading) {
    return reading.query().filters().stream()
        .filter(SemanticQuery.TimeWindow.class::isInstance)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theVerbOfAnEventRecordedAtTwoPrecisionsDatesByTheModelsDefault() {
    // fct_parcels records the pickup as shipped_at and shipped_date; the default is the day.
    Interpretation reading = read("What is the average weight of the parcels we shipped in 2025?");
    assertThat(reading.query().select())
        .containsExactly(
            new SemanticQuery.Aggregate(SemanticQuery.Function.AVG, Field.of("parcels.weight_kg")));
    assertThat(window(reading))
        .isEqualTo(
            new SemanticQuery.TimeWindow(
                Field.of("parcels.shipped_date"),
                LocalDate.of(2025, 1, 1),
                LocalDate.of(2026, 1, 1)));
  }

  @Test
  void aVerbAfterDidDatesTheQuestionByItsEvent() {
    Interpretation reading = read("How many parcels did the depots deliver last month?");
    assertThat(((SemanticQuery.TimeWindow) window(reading)).field())
        .isEqualTo(Field.of("parcels.delivered_date"));
  }

  @Test
  void theUnitOfAColumnIsPlacedAnotherUnitIsAskedBack() {
    assertThat(layer.model("parcels").orElseThrow().columns().get("weight_kg").getUnit())
        .isEqualTo("kg");
    read("What is the average weight, in kg, of the parcels we shipped this year?");
    read("What was the total declared value in euros of the parcels shipped in 2025?");
    Interpretation tonnes = interpreter.interpret("How many tonnes of parcels did we ship?", layer);
    assertThat(tonnes.understood()).isFalse();
    assertThat(tonnes.unplaced()).containsExactly("tonne");
  }

  @Test
  void aMisspeltWordIsReadAsTheProjectsWordAndSaidSo() {
    Interpretation reading = read("How many actvie shippers do we have in each industry?");
    assertThat(reading.query().select())
        .containsExactly(new SemanticQuery.Metric("active_shippers"));
    assertThat(reading.matched()).contains("\"actvie\" read as \"active\"");
    assertThat(reading.confidence()).isLessThan(0.9);
  }

  @Test
  void whichRowsAreListedByTheirKeyAndName() {
    Interpretation reading = read("Which depots have opened since the start of 2024?");
    assertThat(reading.query().select())
        .containsExactly(
            new SemanticQuery.Listed(Field.of("depots.depot_id")),
            new SemanticQuery.Listed(Field.of("depots.depot_name")));
    assertThat(((SemanticQuery.TimeWindow) window(reading)).field())
        .isEqualTo(Field.of("depots.opened_date"));
    assertThat(reading.query().groupBy()).isEmpty();
  }

  @Test
  void aWholeTableIsNotListed() {
    assertThat(interpreter.interpret("Which depots?", layer).understood())
        .as("no condition: the whole table")
        .isFalse();
    assertThat(interpreter.interpret("Show me the depots", layer).understood()).isFalse();
    // With a condition (a value), "show" lists the rows as "which" does.
    assertThat(read("Show me the hubs").query().select())
        .allMatch(SemanticQuery.Listed.class::isInstance);
  }

  @Test
  void aListThatWouldGroupOrCountIsNotAList() {
    assertThat(read("list depots by region").query().select())
        .noneMatch(SemanticQuery.Listed.class::isInstance);
    assertThat(
            read("Which depots have opened since 2024, and how many are there?").query().select())
        .noneMatch(SemanticQuery.Listed.class::isInstance);
  }

  @Test
  void twoPeriodsAndAWordOfComparingAreOnePeriodComparedWithTheOther() {
    Interpretation quarters =
        read("How did the number of parcels shipped in Q3 2026 compare with Q3 2025?");
    assertThat(quarters.query().compareWith())
        .isEqualTo(new SemanticQuery.Period(LocalDate.of(2025, 7, 1), LocalDate.of(2025, 10, 1)));
    assertThat(window(quarters))
        .isEqualTo(
            new SemanticQuery.TimeWindow(
                Field.of("parcels.shipped_date"),
                LocalDate.of(2026, 7, 1),
                LocalDate.of(2026, 10, 1)));

    Interpretation toDate = read("Compare our revenue year to date with the same period last year");
    assertThat(toDate.query().compareWith())
        .as("the same period, a year earlier")
        .isEqualTo(new SemanticQuery.Period(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 10, 21)));

    Interpretation earlierFirst =
        read("Was the on-time delivery rate better in 2025 than so far in 2026?");
    assertThat(earlierFirst.query().compareWith())
        .as("the later period is the query's own, whichever is said first")
        .isEqualTo(new SemanticQuery.Period(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1)));
  }

  @Test
  void twoPeriodsWithoutAWordOfComparingAreNotAComparison() {
    Interpretation reading = interpreter.interpret("parcels shipped in 2025 in 2024", layer);
    assertThat(reading.query() == null || reading.query().compareWith() == null).isTrue();
  }

  @Test
  void eventsNameTheTimeDimensionThatRecordsThem() {
    TimeDimensionEvents events = new TimeDimensionEvents(layer);
    assertThat(events.recording("parcels", "deliver"))
        .as("delivered_at and delivered_date: one event, the day")
        .isEqualTo("parcels.delivered_date");
    assertThat(events.recording("parcels", "send"))
        .as("a synonym: send date")
        .isEqualTo("parcels.shipped_date");
    assertThat(events.recording("parcels", "day")).as("every date is a day").isNull();
    assertThat(events.recordingPhrase(java.util.List.of("depots"), java.util.List.of("open")))
        .containsExactly("depots.opened_date");
  }

  @Test
  void aThresholdBeforeAModelCountsItsRowsPerTheModelAsked() {
    Interpretation reading = read("Which shippers shipped more than 200 parcels in 2025?");
    assertThat(reading.query().select()).containsExactly(new SemanticQuery.RowCount("parcels"));
    assertThat(reading.query().groupBy())
        .extracting(g -> g.field().toString())
        .contains("shippers.shipper_name");
    assertThat(reading.query().having())
        .containsExactly(
            new SemanticQuery.Having(
                0, SemanticQuery.Operator.GT, new java.math.BigDecimal("200")));
    assertThat(((SemanticQuery.TimeWindow) window(reading)).field())
        .isEqualTo(Field.of("parcels.shipped_date"));
    assertThat(
            interpreter
                .interpret("shippers with more than 200 parcels in 2025", layer)
                .understood())
        .as("no model asked for: more than 200 of what, per what?")
        .isFalse();
    assertThat(
            interpreter.interpret("Which shippers have more than 200 parcels?", layer).understood())
        .as("no verb of the parcels' events: which parcels count?")
        .isFalse();
  }

  @Test
  void comparingAcrossAnAttributeIsABreakdownByIt() {
    Interpretation reading =
        read("How does the on-time delivery rate compare across service levels this year?");
    assertThat(reading.query().groupBy())
        .extracting(g -> g.field().toString())
        .containsExactly("parcels.service_level");
    assertThat(reading.query().compareWith()).isNull();
  }

  @Test
  void theRowsSaidAfterMostAreCountedPerTheModelAsked() {
    Interpretation reading = read("Which depot has the most drivers?");
    assertThat(reading.query().select()).containsExactly(new SemanticQuery.RowCount("drivers"));
    assertThat(reading.query().groupBy())
        .extracting(g -> g.field().toString())
        .contains("depots.depot_name");
    assertThat(reading.query().limit()).as("which depot has: one").isEqualTo(1);
    assertThat(read("Which industries had the most shippers?").query().limit())
        .as("which industries had: all of them, in order")
        .isNull();
  }

  @Test
  void aShareOfAModelsRowsIsTheShareOfTheirNumber() {
    Interpretation reading = read("What share of drivers are subcontractors?");
    assertThat(reading.query().select())
        .containsExactly(
            new SemanticQuery.Share(
                new SemanticQuery.RowCount("drivers"),
                java.util.List.of(
                    new SemanticQuery.ValueFilter(
                        Field.of("drivers.employment_type"),
                        java.util.List.of("subcontractor"),
                        false))));
  }

  @Test
  void anAverageOfWhatIsOnlyCountedIsAskedBack() {
    for (String question :
        java.util.List.of(
            "Average number of delivery attempts per driver in 2025",
            "What is the average number of parcels per shipper?")) {
      Interpretation reading = interpreter.interpret(question, layer);
      assertThat(reading.understood()).as(question).isFalse();
      assertThat(reading.clarifications()).anyMatch(c -> c.startsWith("An average of"));
    }
  }
}
