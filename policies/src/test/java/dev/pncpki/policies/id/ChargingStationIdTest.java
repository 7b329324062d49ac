package dev.pncpki.policies.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChargingStationIdTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CS-0001",
        "x",
        "serial_9.AB+~!@#$%",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv"
      })
  void keepsValidIdentitiesAsWritten(String input) {
    assertThat(ChargingStationId.parse(input).value()).isEqualTo(input);
  }

  @Test
  void comparesIdentitiesIgnoringCaseLikeACiString() {
    ChargingStationId upper = ChargingStationId.parse("CS-0001");
    ChargingStationId lower = ChargingStationId.parse("cs-0001");

    assertThat(upper.sameIdentityAs(lower)).isTrue();
    assertThat(upper.sameIdentityAs(ChargingStationId.parse("CS-0002"))).isFalse();
    assertThat(upper).isNotEqualTo(lower).hasToString("CS-0001");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvw"})
  void rejectsLengthsOutsideCiString48(String input) {
    assertThatThrownBy(() -> ChargingStationId.parse(input))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("allows 1 to 48");
  }

  @Test
  void rejectsTheBasicAuthSeparator() {
    assertThatThrownBy(() -> ChargingStationId.parse("CS:0001"))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessage(
            "charging station identity \"CS:0001\": character ':' at position 3 is not allowed:"
                + " it separates user and password in HTTP Basic auth");
  }

  @Test
  void rejectsAPathSeparator() {
    assertThatThrownBy(() -> ChargingStationId.parse("site/CS1"))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("single URL path segment");
  }

  @ParameterizedTest
  @ValueSource(strings = {"CS 1", "CS\t1", "CS\n1", "CS\u00e91", "CS\u007f1"})
  void rejectsWhitespaceAndNonPrintableOrNonAsciiCharacters(String input) {
    assertThatThrownBy(() -> ChargingStationId.parse(input))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("is not printable ASCII without whitespace");
  }

  @Test
  void escapesControlCharactersInTheMessage() {
    assertThatThrownBy(() -> ChargingStationId.parse("CS\n1"))
        .hasMessageStartingWith("charging station identity \"CS\\u000a1\":");
  }
}
