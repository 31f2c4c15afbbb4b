package io.insightengine.engine.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpellingTest {
  private static final Set<String> VOCABULARY = Set.of("active", "shipper", "industry", "parcel");

  @Test
  void aWordOneEditFromOneWordOfTheVocabularyIsReadAsIt() {
    Spelling.Corrected swapped = Spelling.correct("How many actvie shippers?", VOCABULARY);
    assertThat(swapped.text()).isEqualTo("How many active shippers?");
    assertThat(swapped.corrections()).containsExactly(new Spelling.Correction("actvie", "active"));
    assertThat(Spelling.correct("parcels by indusry", VOCABULARY).text())
        .isEqualTo("parcels by industry");
  }

  @Test
  void theGrammarsAndTheCalendarsWordsAreCorrectedToo() {
    assertThat(Spelling.correct("how many diferent shippers", VOCABULARY).text())
        .isEqualTo("how many different shippers");
    assertThat(Spelling.correct("parcels in Septmber", VOCABULARY).text())
        .isEqualTo("parcels in september");
  }

  @Test
  void englishWordsShortWordsAndFarWordsStayAsWritten() {
    for (String question :
        List.of(
            "How many actor shippers?", // English: a word of its own, asked back if unplaced
            "How many actv shippers?", // under five letters
            "How many aktiv shippers?", // two edits away
            "How many xctive shippers?")) { // first letter differs
      assertThat(Spelling.correct(question, VOCABULARY).corrections()).as(question).isEmpty();
    }
  }

  @Test
  void aWordNearTwoWordsIsNotGuessed() {
    Set<String> two = Set.of("carton", "cartons", "carbon");
    assertThat(Spelling.correct("how many carfon", two).corrections()).isEmpty();
  }

  @Test
  void anAdjectiveIsReadAsTheValueItPertainsTo() {
    Spelling.Corrected read =
        Spelling.valueAdjectives(
            "How many French shippers?", VOCABULARY, phrase -> phrase.equals("france"));
    assertThat(read.text()).isEqualTo("How many france shippers?");
    assertThat(read.corrections()).containsExactly(new Spelling.Correction("French", "france"));
    assertThat(
            Spelling.valueAdjectives("How many French shippers?", VOCABULARY, phrase -> false)
                .corrections())
        .as("France names no value of the project")
        .isEmpty();
  }
}
