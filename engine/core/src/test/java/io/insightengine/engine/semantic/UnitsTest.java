package io.insightengine.engine.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitsTest {
  @Test
  void aUnitIsNamedAsWrittenByItsSynonymsAndACurrencyByItsName() {
    assertThat(Units.words("kg")).contains("kg", "kilogram");
    assertThat(Units.words("EUR")).contains("eur", "euro");
    assertThat(Units.words("days")).contains("day");
    assertThat(Units.words("kg")).doesNotContain("tonne");
    assertThat(Units.words(null)).isEmpty();
  }

  @Test
  void aColumnIsNamedWithoutItsTrailingUnit() {
    assertThat(Units.nameWithoutUnit("declared_value_eur", "EUR"))
        .containsExactly("declare", "value");
    assertThat(Units.nameWithoutUnit("transit_days", "days")).containsExactly("transit");
    assertThat(Units.nameWithoutUnit("weight", "kg")).as("no unit in the name").isEmpty();
    assertThat(Units.nameWithoutUnit("eur", "EUR")).as("only the unit").isEmpty();
    assertThat(Units.nameWithoutUnit("net_amount", null)).isEmpty();
  }
}
