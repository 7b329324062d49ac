package dev.pncpki.policies.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcidTest {

  @Test
  void acceptsSeventeenOrEighteenCharactersAndUpperCasesThem() {
    Pcid withCheck = Pcid.parse("wmi12345678901234x");
    Pcid withoutCheck = Pcid.parse("WMI12345678901234");

    assertThat(withCheck.value()).isEqualTo("WMI12345678901234X");
    assertThat(withCheck.wmi()).isEqualTo("WMI");
    assertThat(withoutCheck.value()).hasSize(17);
    assertThat(withCheck)
        .isEqualTo(new Pcid("WMI12345678901234X"))
        .hasToString("WMI12345678901234X");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "WMI1234567890123", "WMI12345678901234XY"})
  void rejectsWrongLengths(String input) {
    assertThatThrownBy(() -> Pcid.parse(input))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("expected 17 or 18")
        .hasMessageStartingWith("PCID \"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"WMI-2345678901234", "WMI 2345678901234", "WMI\u01312345678901234"})
  void rejectsAnythingButAsciiLettersAndDigits(String input) {
    assertThatThrownBy(() -> Pcid.parse(input))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("at position 4 is not a letter or digit");
  }
}
