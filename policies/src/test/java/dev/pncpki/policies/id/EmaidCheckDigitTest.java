package dev.pncpki.policies.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class EmaidCheckDigitTest {

  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  // Check digits as the mobilityid and CitrineOS test suites have them, with the eMI3 examples.
  @ParameterizedTest
  @CsvSource({
    "NN123ABCDEFGHI, T",
    "FRXYZ123456789, 2",
    "ITA1B2C3E4F5G6, 4",
    "ESZU8WOX834H1D, R",
    "PT73902837ABCZ, Z",
    "DE83DUIEN83QGZ, D",
    "DE83DUIEN83ZGQ, M",
    "DE8AA001234567, 0",
    "DE8AACA2B3C4D5, L",
    "NLTNMC00122045, K",
    "NL123C10028948, M",
  })
  void computesThePublishedCheckDigit(String first14, char expected) {
    assertThat(EmaidCheckDigit.compute(first14)).isEqualTo(expected);
    assertThat(EmaidCheckDigit.verify(first14 + expected)).isTrue();
  }

  @Test
  void ignoresCase() {
    assertThat(EmaidCheckDigit.compute("de8aaca2b3c4d5")).isEqualTo('L');
    assertThat(EmaidCheckDigit.verify("de8aaca2b3c4d5l")).isTrue();
  }

  static Stream<String> validIds() {
    return Stream.of("DE8AACA2B3C4D5L", "NN123ABCDEFGHIT", "NL123C10028948M", "DE8AA0012345670");
  }

  @ParameterizedTest
  @MethodSource("validIds")
  void detectsEverySingleSubstitution(String valid) {
    for (int i = 0; i < valid.length(); i++) {
      for (int k = 0; k < ALPHABET.length(); k++) {
        char c = ALPHABET.charAt(k);
        if (c != valid.charAt(i)) {
          String changed = valid.substring(0, i) + c + valid.substring(i + 1);
          assertThat(EmaidCheckDigit.verify(changed)).as(changed).isFalse();
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("validIds")
  void detectsEveryAdjacentTransposition(String valid) {
    for (int i = 0; i + 1 < valid.length(); i++) {
      if (valid.charAt(i) != valid.charAt(i + 1)) {
        String swapped =
            valid.substring(0, i) + valid.charAt(i + 1) + valid.charAt(i) + valid.substring(i + 2);
        assertThat(EmaidCheckDigit.verify(swapped)).as(swapped).isFalse();
      }
    }
  }

  @Test
  void rejectsWrongLengths() {
    assertThatThrownBy(() -> EmaidCheckDigit.compute("DE8AACA2B3C4D"))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("exactly 14");
    assertThatThrownBy(() -> EmaidCheckDigit.verify("DE8AACA2B3C4D5"))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("exactly 15");
  }

  @Test
  void rejectsCharactersOutsideTheAlphabet() {
    assertThatThrownBy(() -> EmaidCheckDigit.compute("DE-AACA2B3C4D5"))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("'-' at position 3");
    // Dotless i upper-cases to I; it must not be taken for one.
    assertThatThrownBy(() -> EmaidCheckDigit.compute("DE8AACA2B3C4D\u0131"))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("U+0131 at position 14");
  }
}
