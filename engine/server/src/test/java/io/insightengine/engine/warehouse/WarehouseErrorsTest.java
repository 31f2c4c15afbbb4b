package io.insightengine.engine.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarehouseErrorsTest {
  @Test
  void valuesTheWarehouseEchoesAreMasked() {
    assertThat(
            WarehouseErrors.withoutData(
                "ERROR: invalid input syntax for type integer: \"jonas.rossi1@mail.example\"\n"
                    + "  Position: 8"))
        .isEqualTo("ERROR: invalid input syntax for type integer: \"…\"")
        .doesNotContain("jonas");
    assertThat(
            WarehouseErrors.withoutData(
                "ERROR: value \"99999999999\" is out of range for type integer"))
        .isEqualTo("ERROR: value \"…\" is out of range for type integer");
    assertThat(
            WarehouseErrors.withoutData("ERROR: invalid input value for enum mood: \"ok\"\"ish\""))
        .isEqualTo("ERROR: invalid input value for enum mood: \"…\"");
  }

  @Test
  void namesOfThingsStay() {
    assertThat(WarehouseErrors.withoutData("ERROR: column \"emial\" does not exist"))
        .isEqualTo("ERROR: column \"emial\" does not exist");
    assertThat(WarehouseErrors.withoutData("ERROR: relation \"marts.x\" does not exist"))
        .isEqualTo("ERROR: relation \"marts.x\" does not exist");
    assertThat(WarehouseErrors.withoutData(null)).isEmpty();
  }
}
