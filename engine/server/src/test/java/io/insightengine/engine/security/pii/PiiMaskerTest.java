package io.insightengine.engine.security.pii;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.api.v1alpha1.semantic.PiiClass;
import org.junit.jupiter.api.Test;

class PiiMaskerTest {
  private final PiiMasker masker = new PiiMasker();

  @Test
  void masksEmailAddressesKeepingTheDomain() {
    assertThat(masker.mask("contact jane.doe@example.com today"))
        .isEqualTo("contact j***@example.com today");
  }

  @Test
  void masksSocialSecurityNumbersKeepingTheLastFour() {
    assertThat(masker.mask("ssn 123-45-6789")).isEqualTo("ssn ***-**-6789");
  }

  @Test
  void masksCardNumbersOnlyWhenTheLuhnCheckPasses() {
    assertThat(masker.mask("card 4111 1111 1111 1111")).isEqualTo("card **** **** **** 1111");
    assertThat(masker.mask("4111111111111111")).isEqualTo("**** **** **** 1111");
    // Sixteen digits failing Luhn are an order number, not a card.
    assertThat(masker.mask("order 4111111111111112")).isEqualTo("order 4111111111111112");
  }

  @Test
  void masksInternationalPhoneNumbers() {
    assertThat(masker.mask("+49 30 1234567")).isEqualTo("+" + "*".repeat(9) + "67");
    assertThat(masker.mask("+1 (415) 555-0199")).endsWith("99").doesNotContain("555");
  }

  @Test
  void masksIbansOnlyWithAValidChecksum() {
    assertThat(masker.mask("DE89370400440532013000")).isEqualTo("DE**" + "*".repeat(14) + "3000");
    assertThat(masker.mask("DE00370400440532013000")).isEqualTo("DE00370400440532013000");
  }

  @Test
  void leavesDatesAmountsAndWordsAlone() {
    String text = "2026-10-01 revenue 12345.67 in EMEA";
    assertThat(masker.mask(text)).isEqualTo(text);
  }

  @Test
  void masksTaggedColumnsWhateverTheyLookLike() {
    assertThat(masker.mask("Jane Doe", PiiClass.NAME)).isEqualTo("J*** D***");
    assertThat(masker.mask("not-an-email", PiiClass.EMAIL)).isEqualTo("********mail");
    assertThat(masker.mask("Berlin", PiiClass.NONE)).isEqualTo("Berlin");
  }

  @Test
  void luhnAndIbanChecksAreTheStandardOnes() {
    assertThat(PiiMasker.luhn("79927398713")).isFalse(); // too short for a card
    assertThat(PiiMasker.luhn("5555555555554444")).isTrue();
    assertThat(PiiMasker.validIban("GB82WEST12345698765432")).isTrue();
    assertThat(PiiMasker.validIban("GB82WEST12345698765433")).isFalse();
  }
}
