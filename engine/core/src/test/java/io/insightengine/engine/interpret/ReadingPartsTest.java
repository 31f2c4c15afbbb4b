package io.insightengine.engine.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.query.SemanticQuery.Aggregate;
import io.insightengine.engine.query.SemanticQuery.Field;
import io.insightengine.engine.query.SemanticQuery.Function;
import io.insightengine.engine.query.SemanticQuery.Listed;
import io.insightengine.engine.query.SemanticQuery.RowCount;
import io.insightengine.engine.query.SemanticQuery.ValueFilter;
import io.insightengine.engine.semantic.Lexicon;
import io.insightengine.engine.semantic.SemanticLayer;
import io.insightengine.engine.semantic.Words;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parts of the interpreter one by one, on the help-desk model of {@link
 * ReadingsWithoutSemanticLayerTest}: what the {@link ElementRecogniser} reads from each matched
 * phrase, which words the {@link WordAccounting} leaves unplaced, and what the {@link
 * SelectionChooser} asks for when no phrase named a measure.
 */
class ReadingPartsTest {
  private static SemanticLayer layer;

  @BeforeAll
  static void build() throws Exception {
    layer =
        new SemanticLayer(
            new YAMLMapper()
                .readValue(ReadingsWithoutSemanticLayerTest.SPEC, SemanticModelSpec.class));
  }

  /** The question's phrases read by the recogniser, as the interpreter does before resolving. */
  private static QuestionReading recognised(String question) {
    String text = " " + question + " ";
    List<String> tokens = Words.tokens(text);
    QuestionReading reading = new QuestionReading(layer, tokens, Words.written(text));
    ElementRecogniser recogniser = new ElementRecogniser(reading);
    for (Lexicon.Match m : layer.lexicon().scan(tokens, Words.capitals(text))) {
      reading.place(m.start(), m.end());
      recogniser.take(new Mention(m.start(), m.end(), m.phrase(), m.targets()));
    }
    return reading;
  }

  private static SelectionChooser chooser(QuestionReading reading, String question) {
    return new SelectionChooser(
        reading,
        new WordAccounting(reading),
        new QuestionFrame(question, null, null, null, null, List.of()));
  }

  @Test
  void theRecogniserCountsAModelAfterAWordOfCountingAndReadsAStateAsACondition() {
    QuestionReading reading = recognised("how many tickets were escalated");
    assertThat(reading.metrics).containsExactly(new RowCount("tickets"));
    assertThat(reading.filters)
        .containsExactly(new ValueFilter(Field.of("tickets.is_escalated"), List.of("true"), false));
  }

  @Test
  void theRecogniserAggregatesANumericColumnAfterAnAggregateWord() {
    QuestionReading reading = recognised("average handling minutes of tickets");
    assertThat(reading.metrics)
        .containsExactly(new Aggregate(Function.AVG, Field.of("tickets.handling_minutes")));
  }

  @Test
  void theRecogniserReadsANegatedStateAsItsFalseValue() {
    QuestionReading reading = recognised("how many agents are not active");
    assertThat(reading.filters)
        .containsExactly(new ValueFilter(Field.of("agents.is_active"), List.of("false"), false));
  }

  @Test
  void wordsNoPhraseMatchedAreLeftUnplacedButFunctionWordsAreNot() {
    QuestionReading reading = recognised("how many tickets about billing were escalated");
    assertThat(new WordAccounting(reading).unplacedWords("tickets").words())
        .containsExactly(Words.key("billing"));
  }

  @Test
  void theUnitOfTheAskedColumnIsPlacedAndAnotherUnitIsNot() {
    QuestionReading minutes = recognised("average handling minutes in minutes");
    assertThat(new WordAccounting(minutes).unplacedWords("tickets").words()).isEmpty();
    QuestionReading hours = recognised("average handling minutes in fortnights");
    assertThat(new WordAccounting(hours).unplacedWords("tickets").words())
        .containsExactly(Words.key("fortnights"));
  }

  @Test
  void theChooserCountsTheRowsOfAConditionWhenTheQuestionAsksForANumber() {
    String question = "how many are escalated";
    QuestionReading reading = recognised(question);
    assertThat(reading.metrics).isEmpty();
    assertThat(chooser(reading, question).choose()).isFalse();
    assertThat(reading.metrics).containsExactly(new RowCount("tickets"));
  }

  @Test
  void theChooserListsTheRowsOfOneModelWithACondition() {
    String question = "which agents are active";
    QuestionReading reading = recognised(question);
    assertThat(chooser(reading, question).choose()).isTrue();
    assertThat(reading.metrics)
        .containsExactly(
            new Listed(Field.of("agents.agent_id")), new Listed(Field.of("agents.agent_name")));
  }

  @Test
  void theChooserAsksBackWhenNothingNamesAMeasureAndOffersTheProjectsOwn() {
    String question = "how are our agents doing";
    QuestionReading reading = recognised(question);
    SelectionChooser chooser = chooser(reading, question);
    assertThat(chooser.choose()).isFalse();
    assertThat(reading.metrics).isEmpty();
    Interpretation asked = chooser.askedBack();
    assertThat(asked.query()).isNull();
    assertThat(asked.clarifications())
        .anySatisfy(c -> assertThat(c).startsWith("Which measure do you mean?"))
        .anySatisfy(c -> assertThat(c).contains("the number of agents"));
  }

  @Test
  void rowsWithoutANameColumnAreNamedByAUniqueTextColumnBesidesTheirKey() {
    QuestionReading reading = new QuestionReading(layer, List.of(), List.of());
    assertThat(reading.labelDimensions("calls"))
        .containsExactly("calls.call_id", "calls.call_reference");
    // A name column is preferred; a model with neither is named by its key alone.
    assertThat(reading.labelDimensions("agents"))
        .containsExactly("agents.agent_id", "agents.agent_name");
    assertThat(reading.labelDimensions("tickets")).containsExactly("tickets.ticket_id");
  }
}
