package io.insightengine.engine.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.ModelSpec;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import io.insightengine.engine.semantic.Lexicon.ColumnRef;
import io.insightengine.engine.semantic.Lexicon.Match;
import io.insightengine.engine.semantic.Lexicon.ModelRef;
import io.insightengine.engine.semantic.Lexicon.ValueRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexiconTest {
  private static ColumnSpec column(String name, List<String> values, List<String> synonyms) {
    ColumnSpec c = new ColumnSpec();
    c.setName(name);
    c.setType("text");
    c.setValues(values);
    c.setSynonyms(synonyms);
    return c;
  }

  private static Lexicon lexicon() {
    ModelSpec payments = new ModelSpec();
    payments.setName("payments");
    payments.setColumns(
        List.of(
            column("currency", List.of("USD", "EUR"), List.of()),
            column("country_code", List.of("DE", "FR", "AT"), List.of()),
            column("wallet", List.of(), List.of("euro")),
            column("payer_country", List.of(), List.of())));
    SemanticModelSpec spec = new SemanticModelSpec();
    spec.setModels(List.of(payments));
    return new SemanticLayer(spec).lexicon();
  }

  private static List<Match> scan(Lexicon lexicon, String question) {
    return lexicon.scan(Words.tokens(question), Words.capitals(question));
  }

  @Test
  void inflectedWordsMeetTheModelsNames() {
    Lexicon lexicon = lexicon();
    assertThat(lexicon.lookup("payment")).containsExactly(new ModelRef("payments"));
    assertThat(lexicon.lookup("Currencies")).containsExactly(new ColumnRef("payments", "currency"));
  }

  @Test
  void enumeratedCodesAreReachedByTheirStandardNames() {
    Lexicon lexicon = lexicon();
    assertThat(lexicon.lookup("US dollars"))
        .containsExactly(new ValueRef("payments", "currency", "USD"));
    assertThat(lexicon.lookup("dollar"))
        .containsExactly(new ValueRef("payments", "currency", "USD"));
    assertThat(lexicon.lookup("Germany"))
        .containsExactly(new ValueRef("payments", "country_code", "DE"));
  }

  @Test
  void aCodeThatIsAnEnglishWordIsReachedOnlyInCapitals() {
    Lexicon lexicon = lexicon();
    lexicon.addValues("payments", "payer_country", List.of("IN", "BE", "NL"));
    ValueRef india = new ValueRef("payments", "payer_country", "IN");
    ValueRef belgium = new ValueRef("payments", "payer_country", "BE");
    assertThat(scan(lexicon, "payments in IN").get(1).targets()).containsExactly(india);
    assertThat(scan(lexicon, "payments that are late in 2025"))
        .as("'are' is lemmatized to 'be', and 'in' is a word: neither is a code")
        .hasSize(1);
    assertThat(scan(lexicon, "payments from BE").get(1).targets()).containsExactly(belgium);
    assertThat(lexicon.lookup("nl"))
        .as("'nl' is no English word: reached as written")
        .containsExactly(new ValueRef("payments", "payer_country", "NL"));
    assertThat(lexicon.lookup("Belgium")).as("and by its name").containsExactly(belgium);
  }

  @Test
  void aStandardNameNeverShadowsAPhraseOfTheModel() {
    assertThat(lexicon().lookup("euro")).containsExactly(new ColumnRef("payments", "wallet"));
  }

  @Test
  void sampledValuesGetStandardNamesToo() {
    Lexicon lexicon = lexicon();
    lexicon.addValues("payments", "payer_country", List.of("Germany", "Japan"));
    assertThat(scan(lexicon, "payments from JP"))
        .last()
        .satisfies(
            m ->
                assertThat(m.targets())
                    .containsExactly(new ValueRef("payments", "payer_country", "Japan")));
    assertThat(scan(lexicon, "payments from JPN").get(1).targets())
        .containsExactly(new ValueRef("payments", "payer_country", "Japan"));
    assertThat(scan(lexicon, "payments from jp"))
        .as("a code is a code only in capitals")
        .hasSize(1);
  }

  @Test
  void theStandardNamesOfAColumnAreReadOverAllItsValues() {
    Lexicon lexicon = lexicon();
    lexicon.addValues("payments", "currency", List.of("CAD", "AUD"));
    assertThat(lexicon.lookup("Canadian dollar"))
        .containsExactly(new ValueRef("payments", "currency", "CAD"));
    assertThat(lexicon.lookup("Australian dollar"))
        .containsExactly(new ValueRef("payments", "currency", "AUD"));
    assertThat(lexicon.lookup("dollar")).as("three dollars now: none of them").isEmpty();
  }

  @Test
  void aColumnNamedByAPhraseOfWordNetIsNamedByItsOtherNames() {
    ModelSpec parcels = new ModelSpec();
    parcels.setName("parcels");
    parcels.setColumns(
        List.of(
            column("postal_code", List.of(), List.of()),
            column("created_at", List.of(), List.of())));
    SemanticModelSpec spec = new SemanticModelSpec();
    spec.setModels(List.of(parcels));
    Lexicon lexicon = new SemanticLayer(spec).lexicon();
    assertThat(lexicon.lookup("postcode")).containsExactly(new ColumnRef("parcels", "postal_code"));
    assertThat(lexicon.lookup("zip code")).containsExactly(new ColumnRef("parcels", "postal_code"));
    assertThat(lexicon.lookup("at")).isEmpty();
  }

  @Test
  void theScanPrefersTheReadingThatLeavesNoWordOver() {
    ModelSpec visits = new ModelSpec();
    visits.setName("support_visits");
    ColumnSpec outcome = column("outcome", List.of("failed", "done"), List.of());
    outcome.setValueSynonyms(java.util.Map.of("failed", List.of("failed support")));
    visits.setColumns(List.of(outcome));
    SemanticModelSpec spec = new SemanticModelSpec();
    spec.setModels(List.of(visits));
    Lexicon lexicon = new SemanticLayer(spec).lexicon();
    // "failed support" is a phrase too, but it would leave "visits" unmatched.
    assertThat(scan(lexicon, "how many failed support visits"))
        .extracting(Match::phrase)
        .containsExactly("fail", "support visit");
    assertThat(scan(lexicon, "how many failed support calls"))
        .as("where both cover as much, the longer phrase")
        .extracting(Match::phrase)
        .containsExactly("fail support");
  }

  @Test
  void aStandardNameShadowedByAValueOfTheModelIsKeptAside() {
    ModelSpec sites = new ModelSpec();
    sites.setName("sites");
    sites.setColumns(
        List.of(
            column("region", List.of("France", "Benelux"), List.of()),
            column("country_code", List.of("FR", "BE"), List.of())));
    SemanticModelSpec spec = new SemanticModelSpec();
    spec.setModels(List.of(sites));
    Lexicon lexicon = new SemanticLayer(spec).lexicon();
    assertThat(lexicon.lookup("France")).containsExactly(new ValueRef("sites", "region", "France"));
    assertThat(lexicon.shadowedValues("France"))
        .containsExactly(new ValueRef("sites", "country_code", "FR"));
    assertThat(lexicon.shadowedValues("Belgium")).as("not shadowed: read as it is").isEmpty();
  }
}
