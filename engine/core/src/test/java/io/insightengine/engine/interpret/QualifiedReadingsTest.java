package io.insightengine.engine.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.query.SemanticQuery.Field;
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
 * Words read by what is said around them, on a help desk whose customers and agents both have a
 * region and whose tickets come in through a channel one of whose values names a model: a model
 * before a column says whose column it is, a model not asked for may be a value of the rows asked
 * for, a state's true/false column is its definition, and "with their" lists a column of each row.
 */
class QualifiedReadingsTest {
  static final String SPEC =
      """
      models:
        - name: customers
          table: desk.dim_customers
          primaryKey: [customer_id]
          columns:
            - {name: customer_id, type: bigint}
            - {name: customer_name, type: text}
            - {name: region, type: text, values: [north, south]}
        - name: agents
          table: desk.dim_agents
          primaryKey: [agent_id]
          synonyms: [ticket handlers]
          columns:
            - {name: agent_id, type: bigint}
            - {name: agent_name, type: text, values: [Ann Lee, Bo Chan]}
            - {name: region, type: text, values: [north, south]}
            - {name: team, type: text, values: [escalations, frontline]}
        - name: tickets
          table: desk.fct_tickets
          primaryKey: [ticket_id]
          defaultTimeDimension: opened_date
          columns:
            - {name: ticket_id, type: bigint}
            - {name: ticket_number, type: text, unique: true}
            - {name: customer_id, type: bigint}
            - {name: agent_id, type: bigint}
            - {name: channel, type: text, values: [email, agent]}
            - {name: status, type: text, values: [open, closed, reopened]}
            - name: is_open
              type: boolean
              description: True when the status is open or reopened.
              synonyms: [open]
            - {name: owed_eur, type: "numeric(10,2)", unit: EUR, synonyms: [amount owed]}
            - {name: is_escalated, type: boolean, synonyms: [escalations]}
            - {name: opened_date, type: date, description: Day the ticket was opened.}
          dimensions:
            - {name: opened_date, type: time}
      relationships:
        - {from: tickets, fromColumns: [customer_id], to: customers, toColumns: [customer_id],
           cardinality: manyToOne, joinType: left}
        - {from: tickets, fromColumns: [agent_id], to: agents, toColumns: [agent_id],
           cardinality: manyToOne, joinType: left}
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
  void aModelBeforeAColumnSaysWhoseColumnItIs() {
    assertThat(read("tickets by customer region").query().groupBy())
        .extracting(g -> g.field().toString())
        .containsExactly("customers.region");
    assertThat(read("tickets by agent region").query().groupBy())
        .extracting(g -> g.field().toString())
        .containsExactly("agents.region");
  }

  @Test
  void aModelNotAskedForThatIsAValueOfTheAskedRowsIsThatValue() {
    Interpretation reading = read("How many tickets came in through an agent?");
    assertThat(reading.query().select()).containsExactly(new RowCount("tickets"));
    assertThat(reading.query().filters())
        .containsExactly(new ValueFilter(Field.of("tickets.channel"), List.of("agent"), false));
    // Grouped by, the model is the model: "the number of tickets per agent" counts each agent's
    // tickets.
    assertThat(read("number of tickets per agent").query().groupBy())
        .extracting(g -> g.field().toString())
        .contains("agents.agent_name");
  }

  @Test
  void aStateNamedByATrueFalseColumnAndAStatusValueIsTheColumn() {
    Interpretation reading = read("How many open tickets are there?");
    assertThat(reading.query().filters())
        .containsExactly(new ValueFilter(Field.of("tickets.is_open"), List.of("true"), false));
  }

  @Test
  void withTheirListsAColumnOfEachRow() {
    Interpretation reading = read("list the open tickets with their amount owed");
    assertThat(reading.query().select())
        .containsExactly(
            new Listed(Field.of("tickets.ticket_id")),
            new Listed(Field.of("tickets.ticket_number")),
            new Listed(Field.of("tickets.owed_eur")));
    assertThat(reading.query().filters())
        .containsExactly(new ValueFilter(Field.of("tickets.is_open"), List.of("true"), false));
  }

  @Test
  void aVerbDerivingTheNameOfAModelNamedSaysWhatItsRowsDo() {
    Interpretation reading = read("How many open tickets is Ann Lee handling?");
    assertThat(reading.query().filters())
        .contains(new ValueFilter(Field.of("agents.agent_name"), List.of("Ann Lee"), false));
    // A verb that derives nothing the question's models are called stays a word to place.
    assertThat(
            interpreter.interpret("How many open tickets is Ann Lee juggling?", layer).unplaced())
        .contains("juggling");
  }

  @Test
  void aValueAfterAModelAndInIsThatModelsValue() {
    Interpretation reading = read("How many tickets came from customers in the north region?");
    assertThat(reading.query().filters())
        .containsExactly(new ValueFilter(Field.of("customers.region"), List.of("north"), false));
    assertThat(read("How many tickets came from agents in the north region?").query().filters())
        .containsExactly(new ValueFilter(Field.of("agents.region"), List.of("north"), false));
  }

  @Test
  void howMuchIsNeverANumberOfRows() {
    Interpretation reading =
        interpreter.interpret("How much did open tickets bring in per agent?", layer);
    assertThat(reading.understood()).isFalse();
    assertThat(reading.clarifications()).anyMatch(c -> c.contains("How much"));
    assertThat(read("How much is owed on open tickets?").query().select())
        .containsExactly(
            new io.insightengine.engine.query.SemanticQuery.Aggregate(
                io.insightengine.engine.query.SemanticQuery.Function.SUM,
                Field.of("tickets.owed_eur")));
  }

  @Test
  void aVerbOfAModelsDatePicksThatModelsElementOfTheWord() {
    Interpretation dated = read("How many escalations were opened in 2026?");
    assertThat(dated.query().select()).containsExactly(new RowCount("tickets"));
    assertThat(dated.query().filters())
        .contains(new ValueFilter(Field.of("tickets.is_escalated"), List.of("true"), false));
    // Without a verb of the tickets' dates, the word is the agents' team, as the lexicon has it.
    assertThat(read("How many agents are in escalations?").query().filters())
        .containsExactly(new ValueFilter(Field.of("agents.team"), List.of("escalations"), false));
  }
}
