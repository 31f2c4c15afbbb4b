package io.insightengine.engine.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // plural nouns to the singular, irregular ones too
    "orders, order",
    "categories, category",
    "series, series",
    "statuses, status",
    "addresses, address",
    "analyses, analysis",
    "persons, person",
    "people, people",
    "days, day",
    "taxes, tax",
    // inflected verbs to their lemma, irregular ones too
    "shipped, ship",
    "sold, sell",
    "delivered, deliver",
    "paid, pay",
    "ordered, order",
    "bought, buy",
    // words that look inflected but are not: stay
    "status, status",
    "address, address",
    "analysis, analysis",
    "news, news",
    "data, data",
    "pass, pass",
    "gas, gas",
    "bus, bus",
    // verb forms that a noun reading would spoil ("wa", "doe", "ha")
    "was, be",
    "does, do",
    "has, have",
    // adjectives and adverbs are left as they are
    "highest, highest",
    "most, most",
    "pending, pending",
    // not English words: unchanged
    "emea, emea",
    "usd, usd",
    "sku123, sku123",
    "b2c, b2c",
    "r&d, r&d",
  })
  void lemmas(String word, String lemma) {
    assertThat(Words.tokens(word)).containsExactly(lemma);
  }

  @Test
  void caseAndPunctuationDoNotMatter() {
    assertThat(Words.key("ORDERS")).isEqualTo("order");
    assertThat(Words.key("Orders'")).isEqualTo("order");
    assertThat(Words.key("  Order  Items! ")).isEqualTo("order item");
    assertThat(Words.key("People")).isEqualTo(Words.key("people"));
    assertThat(Words.tokens("")).isEmpty();
    assertThat(Words.tokens(" _ - ")).isEmpty();
  }

  @Test
  void identifiersAreSplitIntoWordsFirst() {
    assertThat(Words.key("shipped_at")).isEqualTo("ship at");
    assertThat(Words.key("ship_date")).isEqualTo("ship date");
    assertThat(Words.key("delivered_at")).isEqualTo("deliver at");
    assertThat(Words.key("order_line_items")).isEqualTo("order line item");
    // a question's verb meets the column named after the event
    assertThat(Words.tokens("which orders were shipped late")).contains("ship");
    assertThat(Words.tokens("what was sold in March")).contains("sell");
  }

  @Test
  void numbersAndNonEnglishWordsStay() {
    assertThat(Words.tokens("top 10 cities in 2025"))
        .containsExactly("top", "10", "city", "in", "2025");
    assertThat(Words.key("Zürich")).isEqualTo("zürich");
  }

  @Test
  void theWordsAsWrittenAndInCapitalsAlignWithTheTokens() {
    String question = "Parcels shipped to DE by service_level";
    assertThat(Words.tokens(question))
        .containsExactly("parcel", "ship", "to", "de", "by", "service", "level");
    assertThat(Words.written(question))
        .containsExactly("parcels", "shipped", "to", "de", "by", "service", "level");
    assertThat(Words.capitals(question)).containsExactly(null, null, null, "DE", null, null, null);
    assertThat(Words.capitals("PARCELS SHIPPED TO DE"))
        .as("a question all in capitals has no codes")
        .containsOnlyNulls()
        .hasSize(4);
  }

  @Test
  void englishWordsAreKnownInAnyInflection() {
    assertThat(Words.isEnglishWord("be")).isTrue();
    assertThat(Words.isEnglishWord("shipped")).isTrue();
    assertThat(Words.isEnglishWord("highest")).isTrue();
    assertThat(Words.isEnglishWord("emea")).isFalse();
    assertThat(Words.isEnglishWord("nl")).isFalse();
  }

  @Test
  void aWordHasOneLemmaWhicheverThreadAsks() {
    List<String> words = List.of("orders", "shipped", "sold", "categories", "was", "analyses");
    List<String> expected = words.stream().map(Words::key).toList();
    IntStream.range(0, 200)
        .parallel()
        .forEach(i -> assertThat(words.stream().map(Words::key).toList()).isEqualTo(expected));
  }

  @Test
  void aKnownWordCostsAMapRead() {
    Words.key("how many orders were shipped by region last month");
    long start = System.nanoTime();
    int tokens = 0;
    for (int i = 0; i < 10_000; i++) {
      tokens += Words.tokens("how many orders were shipped by region last month").size();
    }
    double microsPerToken = (System.nanoTime() - start) / 1_000.0 / tokens;
    System.out.printf("Words: %.3f µs per known token%n", microsPerToken);
    assertThat(microsPerToken).isLessThan(50.0);
  }

  @Test
  void wordNetGivesAdjectivesTheirNounsAndPhrasesTheirOtherNames() {
    assertThat(Words.pertainyms("french")).contains("france");
    assertThat(Words.pertainyms("german")).contains("germany");
    assertThat(Words.pertainyms("parcel")).isEmpty();
    assertThat(Words.phraseSynonyms("postal_code")).contains("postcode", "zip code");
    assertThat(Words.phraseSynonyms("created_at"))
        .as("not a phrase of WordNet's: nothing, not the names of one of its words")
        .isEmpty();
    assertThat(Words.phraseSynonyms("postcode")).as("one word: not a phrase").isEmpty();
  }

  @Test
  void wordNetDerivesNounsFromVerbs() {
    assertThat(Words.derivedNouns("handle")).contains("handler");
    assertThat(Words.derivedNouns("sell")).contains("seller");
    assertThat(Words.derivedNouns("zzzq")).isEmpty();
    assertThat(Words.derivedNouns("x-ray")).isEmpty();
  }
}
