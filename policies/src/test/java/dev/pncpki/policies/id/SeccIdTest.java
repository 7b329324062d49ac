package dev.pncpki.policies.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeccIdTest {

  // HUBSUP "3.4 SECC-ID" example: 32-character controller ID plus check digit, 39 in total.
  private static final String HUBJECT_EXAMPLE = "DE-ICE-S-00003C4D557878675645330967543476-2";
  private static final String NORMAL = "DEICES00003C4D5578786756453309675434762";

  @ParameterizedTest
  @ValueSource(
      strings = {
        HUBJECT_EXAMPLE,
        NORMAL,
        "de-ice-s-00003c4d557878675645330967543476-2",
        "DEICE-S00003C4D557878675645330967543476-2",
        "DE-ICES-00003C4D5578786756453309675434762"
      })
  void normalisesToUpperCaseWithoutHyphens(String input) {
    SeccId id = SeccId.parse(input);

    assertThat(id.value()).isEqualTo(NORMAL);
    assertThat(id.countryCode()).isEqualTo("DE");
    assertThat(id.operatorId()).isEqualTo("ICE");
    assertThat(id.controllerIdAndCheckDigit()).isEqualTo("00003C4D5578786756453309675434762");
    assertThat(id).isEqualTo(new SeccId(NORMAL)).hasToString(NORMAL);
  }

  @Test
  void acceptsSixtyFourCharacters() {
    assertThat(SeccId.parse("DEICES" + "A".repeat(58)).value()).hasSize(64);
  }

  // The OCPP 2.0.1 appendix example has a 29-character controller ID, 36 in total: too short.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "DE-ICE-S-0003C4D5578786756453309675436-2",
        "DEICESAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        ""
      })
  void rejectsLengthsOutside39To64(String input) {
    assertThatThrownBy(() -> SeccId.parse(input))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("expected 39 to 64");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DE*ICE*S*00003C4D557878675645330967543476*2",
        "DE-ICE-S-00003C4D55787867564533096754347 6",
        "DE-ICE-S-00003C4D557878675645330967543476-\u0131"
      })
  void rejectsBadCharacters(String input) {
    assertThatThrownBy(() -> SeccId.parse(input))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("is not a letter, digit or hyphen");
  }

  @Test
  void rejectsAMissingCountryCode() {
    assertThatThrownBy(() -> SeccId.parse("D1-ICE-S-00003C4D557878675645330967543476-2"))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("2-letter country code");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DE-ICE-E-00003C4D557878675645330967543476-2",
        "DE-IC-S-00003C4D557878675645330967543476-22",
        "DE-ICE-S-00003C4D5578786756-45330967543476-2",
        "DE-ICE-S-000003C4D557878675645330967543476-",
        "DE-ICE-S--000003C4D557878675645330967543476",
        "-DE-ICE-S-000003C4D557878675645330967543476"
      })
  void rejectsAWrongStructure(String input) {
    assertThatThrownBy(() -> SeccId.parse(input))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("is not <country>[-]<3-character operator ID>[-]S");
  }
}
