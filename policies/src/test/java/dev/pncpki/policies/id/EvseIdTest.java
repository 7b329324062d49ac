package dev.pncpki.policies.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EvseIdTest {

  @ParameterizedTest
  @CsvSource({
    "DE*ICE*E45B*78C, DE*ICE*E45B*78C, DE, ICE, 45B*78C",
    "de*ice*e45b*78c, DE*ICE*E45B*78C, DE, ICE, 45B*78C",
    "DEICEE45B78C,    DEICEE45B78C,    DE, ICE, 45B78C",
    "DE*ICE*E*1234567890*1, DE*ICE*E*1234567890*1, DE, ICE, *1234567890*1",
    "DEICE*E1,        DEICE*E1,        DE, ICE, 1",
    "DE*ICEE1,        DE*ICEE1,        DE, ICE, 1",
    "NL*A1B*EE,       NL*A1B*EE,       NL, A1B, E",
  })
  void readsTheParts(String input, String value, String country, String operator, String outlet) {
    EvseId id = EvseId.parse(input);

    assertThat(id.value()).isEqualTo(value);
    assertThat(id.countryCode()).isEqualTo(country);
    assertThat(id.operatorId()).isEqualTo(operator);
    assertThat(id.powerOutletId()).isEqualTo(outlet);
    assertThat(id).hasToString(value);
  }

  @Test
  void acceptsTheLongestOutletId() {
    String outlet = "1".repeat(31);

    assertThat(EvseId.parse("DEICEE" + outlet).powerOutletId()).isEqualTo(outlet);
  }

  @ParameterizedTest
  @ValueSource(strings = {"DEICEE", "DE*ICE*E" + "1234567890123456789012345678901"})
  void rejectsLengthsOutsideTheXsdType(String input) {
    assertThatThrownBy(() -> EvseId.parse(input))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("allows 7 to 37");
  }

  @ParameterizedTest
  @ValueSource(strings = {"DE*ICE*E1-2", "DE ICE E12", "DE*ICE*E1\u0131", "+49*810*000*438"})
  void rejectsBadCharacters(String input) {
    assertThatThrownBy(() -> EvseId.parse(input))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("is not a letter, digit or '*'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"49*810*000*438", "D1*ICE*E1", "49*ICE*E1"})
  void rejectsAMissingCountryCode(String input) {
    assertThatThrownBy(() -> EvseId.parse(input))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("2-letter country code");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"DE*ICE*S12345", "DE*IC*E12345", "DE**ICE*E1", "DE*ICE**E1", "DE*ICE*1234"})
  void rejectsAWrongStructure(String input) {
    assertThatThrownBy(() -> EvseId.parse(input))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageStartingWith("EVSE ID \"" + input + "\": is not <country>");
  }
}
