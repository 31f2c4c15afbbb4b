package io.insightengine.engine.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceNamesTest {
  @Test
  void currencyCodesAreNamedByTheirEnglishNames() {
    ReferenceNames.Aliases aliases = ReferenceNames.of(List.of("USD", "EUR", "JPY"));
    assertThat(aliases.names())
        .containsEntry("US Dollar", "USD")
        .containsEntry("Euro", "EUR")
        .containsEntry("Japanese Yen", "JPY")
        .as("the only dollar among the values")
        .containsEntry("dollar", "USD");
    assertThat(aliases.names())
        .as("'yen' is a verb too: only the full name")
        .doesNotContainKey("yen");
    assertThat(aliases.codes()).isEmpty();
  }

  @Test
  void anAmbiguousDollarIsNoneOfThem() {
    ReferenceNames.Aliases aliases = ReferenceNames.of(List.of("USD", "CAD", "AUD"));
    assertThat(aliases.names())
        .containsEntry("US Dollar", "USD")
        .containsEntry("Canadian Dollar", "CAD")
        .containsEntry("Australian Dollar", "AUD")
        .doesNotContainKey("dollar");
  }

  @Test
  void aWordThatIsAlsoAVerbOrAdjectiveIsNotACurrencyAlone() {
    assertThat(ReferenceNames.of(List.of("GBP", "BRL", "KRW")).names())
        .containsEntry("British Pound", "GBP")
        .containsEntry("Brazilian Real", "BRL")
        .doesNotContainKeys("pound", "real", "won");
  }

  @Test
  void codesInLowerCaseAreCodesToo() {
    assertThat(ReferenceNames.of(List.of("usd", "eur")).names())
        .containsEntry("US Dollar", "usd")
        .containsEntry("Euro", "eur");
  }

  @Test
  void countryCodesAreNamedByTheirEnglishNames() {
    assertThat(ReferenceNames.of(List.of("DE", "AT", "NL", "GB")).names())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("Germany", "DE", "Austria", "AT", "Netherlands", "NL", "United Kingdom", "GB"));
    assertThat(ReferenceNames.of(List.of("DEU", "FRA")).names())
        .containsExactlyInAnyOrderEntriesOf(Map.of("Germany", "DEU", "France", "FRA"));
  }

  @Test
  void countryNamesAreReachedByTheirCodes() {
    ReferenceNames.Aliases aliases =
        ReferenceNames.of(List.of("Germany", "France", "United States"));
    assertThat(aliases.names()).isEmpty();
    assertThat(aliases.codes())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "DE", "Germany",
                "DEU", "Germany",
                "FR", "France",
                "FRA", "France",
                "US", "United States",
                "USA", "United States"));
  }

  @Test
  void currencyNamesAreReachedByTheirCodes() {
    assertThat(ReferenceNames.of(List.of("Euro", "US Dollar")).codes())
        .containsExactlyInAnyOrderEntriesOf(Map.of("EUR", "Euro", "USD", "US Dollar"));
  }

  @Test
  void aColumnIsReadAsCodesOnlyWhenNearlyAllItsValuesAre() {
    // regions, of which "NA" is also Namibia's code; US states, of which "CA" is also Canada's
    assertThat(ReferenceNames.of(List.of("EMEA", "NA", "APAC", "LATAM")).isEmpty()).isTrue();
    assertThat(ReferenceNames.of(List.of("CA", "NY", "TX", "WA", "FL")).isEmpty()).isTrue();
    assertThat(ReferenceNames.of(List.of("web", "mobile_app", "phone")).isEmpty()).isTrue();
    assertThat(ReferenceNames.of(List.of("Berlin", "Paris", "Luxembourg")).isEmpty()).isTrue();
    assertThat(ReferenceNames.of(List.of()).isEmpty()).isTrue();
    // nine known codes in ten: the odd one out has no name, the others have theirs
    ReferenceNames.Aliases mostly =
        ReferenceNames.of(List.of("DE", "AT", "NL", "BE", "LU", "FR", "PL", "CZ", "CH", "XY"));
    assertThat(mostly.names()).containsEntry("Luxembourg", "LU").hasSize(9);
  }
}
