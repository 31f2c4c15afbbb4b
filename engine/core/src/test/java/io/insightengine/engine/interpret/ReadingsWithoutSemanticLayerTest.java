package io.insightengine.engine.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.query.SemanticQuery;
import io.insightengine.engine.query.SemanticQuery.Aggregate;
import io.insightengine.engine.query.SemanticQuery.Field;
import io.insightengine.engine.query.SemanticQuery.Function;
import io.insightengine.engine.query.SemanticQuery.Listed;
import io.insightengine.engine.query.SemanticQuery.RowCount;
import io.insightengine.engine.query.SemanticQuery.ValueFilter;
import io.insightengine.engine.semantic.SemanticLayer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Readings on a model as most dbt projects give it — tables, typed columns, tests, no measures or
 * metrics — in a domain of its own (a help desk): true/false columns named by their state, shares
 * of a table's rows, amounts of money asked for, and rankings by them.
 */
class ReadingsWithoutSemanticLayerTest {
  static final String SPEC =
      """
      models:
        - name: agents
          table: desk.dim_agents
          primaryKey: [agent_id]
          columns:
            - {name: agent_id, type: bigint}
            - {name: agent_name, type: text, description: Name of the agent.}
            - {name: team, type: text, values: [support, sales]}
            - {name: is_active, type: boolean, description: True while the agent works here.}
            - {name: contract, type: text, values: [monthly, yearly]}
            - name: ticket_count
              type: integer
              description: Number of tickets the agent has handled.
              synonyms: [number of tickets]
            - {name: languages_spoken, type: integer, unit: languages, synonyms: [languages]}
        - name: tickets
          table: desk.fct_tickets
          primaryKey: [ticket_id]
          defaultTimeDimension: opened_date
          columns:
            - {name: ticket_id, type: bigint}
            - {name: agent_id, type: bigint}
            - name: status
              type: text
              values: [open, closed]
              valueSynonyms: {open: [outstanding]}
            - {name: is_escalated, type: boolean}
            - {name: customer_tier, type: text, values: [gold, standard]}
            - name: close_reason
              type: text
              values: [customer_not_reachable, solved, duplicate]
            - {name: opened_date, type: date, description: Day the ticket was opened.}
            - {name: closed_date, type: date, description: Day the ticket was closed.}
            - {name: refund_eur, type: "numeric(10,2)", unit: EUR, synonyms: [refunds]}
            - {name: owed_eur, type: "numeric(10,2)", unit: EUR, synonyms: [owed, outstanding]}
            - {name: handling_minutes, type: integer, unit: minutes}
          dimensions:
            - {name: opened_date, type: time}
            - {name: closed_date, type: time}
        - name: calls
          table: desk.fct_calls
          primaryKey: [call_id]
          columns:
            - {name: call_id, type: bigint}
            - {name: call_reference, type: text, unique: true}
            - {name: agent_id, type: bigint}
            - {name: duration_minutes, type: integer, unit: minutes}
            - {name: started_at, type: timestamp}
            - {name: started_date, type: date}
            - {name: ended_date, type: date}
          dimensions:
            - {name: started_at, type: time}
            - {name: started_date, type: time}
            - {name: ended_date, type: time}
      relationships:
        - from: tickets
          fromColumns: [agent_id]
          to: agents
          toColumns: [agent_id]
          cardinality: manyToOne
          joinType: left
        - from: calls
          fromColumns: [agent_id]
          to: agents
          toColumns: [agent_id]
          cardinality: manyToOne
          joinType: left
      """;

  private static SemanticLayer layer;
  private final QuestionInterpreter interpreter =
      new QuestionInterpreter(
          new TimeExpressions(Clock.fixed(Instant.parse("2026-10-20T10:00:00Z"), ZoneOffset.UTC)));

  @BeforeAll
  static void build() throws Exception {
    layer = new SemanticLayer(new YAMLMapper().readValue(SPEC, SemanticModelSpec.class));
  }

  private Interpretation read(String question) {
    Interpretation reading = interpreter.interpret(question, layer);
    assertThat(reading.understood()).as(question + ": " + reading.clarifications()).isTrue();
    return reading;
  }

  @Test
  void whoAndShowAskForTheRowsLikeWhichAndList() {
    for (String question :
        List.of("Who works in the sales team?", "Show me the agents in the sales team")) {
      Interpretation reading = read(question);
      assertThat(reading.query().select())
          .as(question)
          .containsExactly(
              new Listed(Field.of("agents.agent_id")), new Listed(Field.of("agents.agent_name")));
      assertThat(reading.query().filters())
          .as(question)
          .containsExactly(new ValueFilter(Field.of("agents.team"), List.of("sales"), false));
    }
    // A vague word is still asked back, not listed.
    assertThat(interpreter.interpret("Who are our best agents?", layer).understood()).isFalse();
    // A breakdown is not a listing.
    assertThat(read("Show me tickets by status").query().select())
        .containsExactly(new RowCount("tickets"));
  }

  @Test
  void rowsRankedByAQuantityOfOtherRowsAreRankedByItsTotal() {
    Interpretation reading = read("Top 5 agents by handling minutes in 2025");
    assertThat(reading.query().select())
        .containsExactly(new Aggregate(Function.SUM, Field.of("tickets.handling_minutes")));
    assertThat(reading.query().limit()).isEqualTo(5);
    // A quantity of the ranked rows themselves is no total over other rows.
    Interpretation own = interpreter.interpret("Top 5 agents by languages", layer);
    assertThat(own.query() == null ? List.of() : own.query().select())
        .doesNotContain(new Aggregate(Function.SUM, Field.of("agents.languages_spoken")));
  }

  @Test
  void rowsComparedOverTwoPeriodsAreTheirNumbers() {
    // No measure named: "how did tickets ... compare" compares how many there were.
    Interpretation reading = read("How did tickets in October 2026 compare with October 2025?");
    assertThat(reading.query().select()).containsExactly(new RowCount("tickets"));
    assertThat(reading.query().compareWith())
        .isEqualTo(
            new SemanticQuery.Period(
                java.time.LocalDate.of(2025, 10, 1), java.time.LocalDate.of(2025, 11, 1)));
  }

  @Test
  void aTrueFalseColumnIsNamedByItsState() {
    Interpretation reading = read("How many active agents are there?");
    assertThat(reading.query().select()).containsExactly(new RowCount("agents"));
    assertThat(reading.query().filters())
        .containsExactly(new ValueFilter(Field.of("agents.is_active"), List.of("true"), false));
  }

  @Test
  void aStateSaidAfterTheRowsIsTheConditionOfTheirShare() {
    Interpretation reading = read("What percentage of tickets were escalated?");
    assertThat(reading.query().select())
        .containsExactly(
            new SemanticQuery.Share(
                new RowCount("tickets"),
                List.of(
                    new ValueFilter(Field.of("tickets.is_escalated"), List.of("true"), false))));
    assertThat(reading.query().percent()).isTrue();
  }

  @Test
  void anAmountOfMoneyAskedForIsItsTotal() {
    Interpretation byTeam = read("refunds by team in 2025");
    assertThat(byTeam.query().select())
        .containsExactly(new Aggregate(Function.SUM, Field.of("tickets.refund_eur")));
    assertThat(byTeam.query().groupBy())
        .extracting(g -> g.field().toString())
        .containsExactly("agents.team");

    Interpretation ranked = read("top 3 agents by refunds");
    assertThat(ranked.query().select())
        .containsExactly(new Aggregate(Function.SUM, Field.of("tickets.refund_eur")));
    assertThat(ranked.query().limit()).isEqualTo(3);
    assertThat(ranked.query().groupBy())
        .extracting(g -> g.field().toString())
        .doesNotContain("tickets.refund_eur")
        .contains("agents.agent_name");
  }

  @Test
  void anAmountComparedWithANumberIsAConditionAndOtherQuantitiesAreNotSummed() {
    Interpretation over = read("How many tickets with refunds over 50 EUR?");
    assertThat(over.query().select()).containsExactly(new RowCount("tickets"));
    assertThat(over.query().filters())
        .anyMatch(
            f -> f instanceof SemanticQuery.RangeFilter r && r.field().name().equals("refund_eur"));
    assertThat(interpreter.interpret("handling minutes by team", layer).understood())
        .as("minutes may be averaged as well as added up: asked")
        .isFalse();
  }

  @Test
  void aWordNamingTheSummedAmountIsNotAlsoAStatus() {
    Interpretation reading = read("How much do agents of the sales team have owed in outstanding?");
    assertThat(reading.query().select())
        .containsExactly(new Aggregate(Function.SUM, Field.of("tickets.owed_eur")));
    assertThat(reading.query().filters())
        .as("'outstanding' names the owed amount again, not the status 'open'")
        .noneMatch(f -> f.toString().contains("status"));
  }

  @Test
  void aValueSaidAsASentenceIsTheValueAndBecauseBeforeItIsItsReason() {
    Interpretation reading =
        read("How many tickets were closed in 2025 because the customer was not reachable?");
    assertThat(reading.query().filters())
        .contains(
            new ValueFilter(
                Field.of("tickets.close_reason"), List.of("customer_not_reachable"), false));
    assertThat(
            interpreter
                .interpret("How many tickets were escalated because of the weather?", layer)
                .unplaced())
        .as("'because' before no value stays a word to place")
        .contains("because", "weather");
  }

  @Test
  void newRowsInAPeriodAreTheRowsOfThePeriod() {
    Interpretation reading = read("How many new tickets in 2025?");
    assertThat(reading.query().select()).containsExactly(new RowCount("tickets"));
    assertThat(reading.query().filters())
        .containsExactly(
            new SemanticQuery.TimeWindow(
                Field.of("tickets.opened_date"),
                java.time.LocalDate.of(2025, 1, 1),
                java.time.LocalDate.of(2026, 1, 1)));
    assertThat(interpreter.interpret("How many new tickets are there?", layer).unplaced())
        .as("without a period, what is new is not said")
        .contains("new");
  }

  @Test
  void aPeriodWithoutADateOffersEachEventsDateAsAReading() {
    Interpretation reading = interpreter.interpret("How many calls in 2025?", layer);
    assertThat(reading.understood()).isFalse();
    assertThat(reading.clarifications())
        .anyMatch(c -> c.contains("no date") && c.contains("(such as started date, ended date)"));
    assertThat(
            reading.readings().stream()
                .flatMap(r -> r.query().filters().stream())
                .filter(SemanticQuery.TimeWindow.class::isInstance)
                .map(f -> ((SemanticQuery.TimeWindow) f).field().toString())
                .toList())
        .as("one per event, the day rather than the moment")
        .containsExactly("calls.started_date", "calls.ended_date");
  }

  @Test
  void countedNowTheRowsThatCanEndAreTheCurrentOnesAndAskedAboutWithoutNow() {
    Interpretation reading = read("How many agents do we have right now?");
    assertThat(reading.query().filters())
        .containsExactly(new ValueFilter(Field.of("agents.is_active"), List.of("true"), false));
    // Without "now", all agents ever or the active ones: asked, with both readings offered.
    Interpretation asked = interpreter.interpret("How many agents do we have?", layer);
    assertThat(asked.understood()).isFalse();
    assertThat(asked.clarifications()).anyMatch(c -> c.contains("is active"));
    assertThat(asked.readings())
        .extracting(r -> r.query().filters())
        .contains(
            List.of(),
            List.of(new ValueFilter(Field.of("agents.is_active"), List.of("true"), false)));
    assertThat(read("How many agents do we currently work with?").query().filters())
        .containsExactly(new ValueFilter(Field.of("agents.is_active"), List.of("true"), false));
    assertThat(read("top 3 agents by refunds, all time").query().filters()).isEmpty();
    assertThat(read("How many agents do we have in total?").query().filters())
        .as("all of them, said so")
        .isEmpty();
    assertThat(read("How many active agents do we have?").query().filters())
        .as("the state said")
        .containsExactly(new ValueFilter(Field.of("agents.is_active"), List.of("true"), false));
    assertThat(read("How many tickets do we have right now?").query().filters())
        .as("tickets have no state of being current")
        .isEmpty();
  }

  @Test
  void aGrainWordThatNamesAValueOfTheNextWordIsThatValue() {
    Interpretation reading = read("How many agents are on the monthly contract?");
    assertThat(reading.query().groupBy()).isEmpty();
    assertThat(reading.query().filters())
        .containsExactly(new ValueFilter(Field.of("agents.contract"), List.of("monthly"), false));
    assertThat(read("monthly tickets in 2025").query().groupBy())
        .extracting(g -> g.grain())
        .containsExactly(io.insightengine.engine.interpret.TimeGrain.MONTH);
  }

  @Test
  void theNumberOfAModelCountsItRatherThanAColumnOfCounts() {
    Interpretation reading = read("the number of tickets by team");
    assertThat(reading.query().select()).containsExactly(new RowCount("tickets"));
    assertThat(read("the average number of tickets of agents").query().select())
        .containsExactly(new Aggregate(Function.AVG, Field.of("agents.ticket_count")));
  }

  @Test
  void moneyIsAveragedWhenAskedAndRanksWhenNamedBeforeTheRankingWord() {
    assertThat(read("What is the refund of a ticket on average?").query().select())
        .containsExactly(new Aggregate(Function.AVG, Field.of("tickets.refund_eur")));
    Interpretation ranked = read("Which 3 agents have refunded the most?");
    assertThat(ranked.query().select())
        .containsExactly(new Aggregate(Function.SUM, Field.of("tickets.refund_eur")));
    assertThat(ranked.query().groupBy())
        .extracting(g -> g.field().toString())
        .contains("agents.agent_id");
  }

  @Test
  void theTopRowsByAnotherModelAreRankedByItsNumber() {
    Interpretation reading = read("Top 3 agents by tickets");
    assertThat(reading.query().select()).containsExactly(new RowCount("tickets"));
    assertThat(reading.query().groupBy())
        .extracting(g -> g.field().toString())
        .containsExactly("agents.agent_id", "agents.agent_name");
    String sql =
        new io.insightengine.engine.query.SemanticQueryCompiler(layer)
            .compile(reading.query(), null);
    assertThat(sql)
        .as("grouped by the agents' rows: tickets of no agent make no group")
        .contains(" JOIN desk.dim_agents")
        .doesNotContain("LEFT JOIN");
  }

  @Test
  void aThresholdOnRowsDatedByTheirOwnDateCountsThemWhenAllAreSaidToCount() {
    Interpretation reading = read("Which agents have taken more than 100 tickets in total?");
    assertThat(reading.query().select()).containsExactly(new RowCount("tickets"));
    assertThat(reading.query().having()).hasSize(1);
    assertThat(
            interpreter.interpret("Which agents have more than 100 tickets?", layer).understood())
        .as("which tickets count: all, or open ones?")
        .isFalse();
  }

  @Test
  void aSecondVerbOfAnEventIsACondition() {
    Interpretation reading = read("How many tickets opened in 2025 have closed?");
    assertThat(reading.query().filters())
        .contains(new ValueFilter(Field.of("tickets.status"), List.of("closed"), false));
    assertThat(reading.query().filters())
        .filteredOn(SemanticQuery.TimeWindow.class::isInstance)
        .extracting(f -> ((SemanticQuery.TimeWindow) f).field())
        .containsExactly(Field.of("tickets.opened_date"));
  }

  @Test
  void aQuantityAskedRowByRowIsListedWithTheRowsNames() {
    Interpretation reading = read("list the support agents and how many languages each one has");
    assertThat(reading.query().select())
        .containsExactly(
            new Listed(Field.of("agents.agent_id")),
            new Listed(Field.of("agents.agent_name")),
            new Listed(Field.of("agents.languages_spoken")));
    assertThat(reading.query().filters())
        .containsExactly(new ValueFilter(Field.of("agents.team"), List.of("support"), false));
  }

  @Test
  void howManyOfAQuantityIsItsTotalOrItsMeanWhenAskedSo() {
    assertThat(read("How many languages do support agents speak in total?").query().select())
        .containsExactly(new Aggregate(Function.SUM, Field.of("agents.languages_spoken")));
    assertThat(read("How many languages do support agents speak on average?").query().select())
        .containsExactly(new Aggregate(Function.AVG, Field.of("agents.languages_spoken")));
  }

  @Test
  void theLongestOfAModelIsItsLongestDuration() {
    assertThat(read("What was the longest call we've recorded, in minutes?").query().select())
        .containsExactly(new Aggregate(Function.MAX, Field.of("calls.duration_minutes")));
    assertThat(read("the shortest call").query().select())
        .containsExactly(new Aggregate(Function.MIN, Field.of("calls.duration_minutes")));
    // Agents have no duration: "the longest agent" names nothing to measure and is asked back.
    assertThat(interpreter.interpret("the longest agent", layer).understood()).isFalse();
  }

  @Test
  void aWordOfTheValuesColumnAfterTheValueNamesWhoseValueItIs() {
    Interpretation reading = read("How many tickets came from gold customers?");
    assertThat(reading.query().select()).containsExactly(new RowCount("tickets"));
    assertThat(reading.query().filters())
        .containsExactly(
            new ValueFilter(Field.of("tickets.customer_tier"), List.of("gold"), false));
    // A word of no column of the value stays a word to place.
    assertThat(interpreter.interpret("How many tickets came from gold partners?", layer).unplaced())
        .contains("partner");
  }
}
