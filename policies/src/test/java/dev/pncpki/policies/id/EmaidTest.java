package dev.pncpki.policies.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmaidTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"DE-8AA-CA2B3C4D5-L", "DE8AACA2B3C4D5L", "de-8aa-ca2b3c4d5-l", "dE8aAcA2b3C4d5L"})
  void parsesEveryWrittenFormToTheNormalForm(String input) {
    Emaid emaid = Emaid.parse(input);

    assertThat(emaid.value()).isEqualTo("DE8AACA2B3C4D5L");
    assertThat(emaid.countryCode()).isEqualTo("DE");
    assertThat(emaid.providerId()).isEqualTo("8AA");
    assertThat(emaid.instance()).isEqualTo("CA2B3C4D5");
    assertThat(emaid.checkDigit()).contains('L');
    assertThat(emaid).isEqualTo(Emaid.parse("DE8AACA2B3C4D5L"));
    assertThat(emaid).hasToString("DE8AACA2B3C4D5L");
  }

  @ParameterizedTest
  @ValueSource(strings = {"DE8AACA2B3C4D5", "DE-8AA-CA2B3C4D5", "de8aaca2b3c4d5"})
  void acceptsAMissingCheckDigit(String input) {
    Emaid emaid = Emaid.parse(input);

    assertThat(emaid.value()).isEqualTo("DE8AACA2B3C4D5");
    assertThat(emaid.checkDigit()).isEmpty();
    assertThat(emaid.withCheckDigit()).isEqualTo(Emaid.parse("DE8AACA2B3C4D5L"));
  }

  @Test
  void withCheckDigitKeepsAPresentOne() {
    Emaid emaid = Emaid.parse("NL-TNM-C00122045-K");

    assertThat(emaid.withCheckDigit()).isSameAs(emaid);
  }

  @Test
  void allocateAddsTheCheckDigit() {
    Emaid emaid = Emaid.allocate("nl", "tnm", "c00122045");

    assertThat(emaid.value()).isEqualTo("NLTNMC00122045K");
  }

  @Test
  void acceptsHubjectQaContractIdsWhoseCountryIsNotAssigned() {
    assertThat(Emaid.parse("EMP77TWTW00002").countryCode()).isEqualTo("EM");
  }

  @Test
  void namesTheWrongCheckDigit() {
    assertThatThrownBy(() -> Emaid.parse("DE8AACA2B3C4D5X"))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessage("eMAID \"DE8AACA2B3C4D5X\": check digit is X but should be L");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "DE8AACA2B3C4D", "DE8AACA2B3C4D5L1", "DE-8AA-CA2B3C4D5-L1"})
  void rejectsWrongLengths(String input) {
    assertThatThrownBy(() -> Emaid.parse(input))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("characters without hyphens, expected 14");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"DE8AACA2B3C4D5_", "DE 8AACA2B3C4D5", "DE*8AA*CA2B3C4D5", "DE8AACA2B3C4D\u0131"})
  void rejectsBadCharacters(String input) {
    assertThatThrownBy(() -> Emaid.parse(input))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("is not a letter, digit or hyphen");
  }

  @ParameterizedTest
  @ValueSource(strings = {"D18AACA2B3C4D5", "128AACA2B3C4D5L"})
  void rejectsACountryCodeThatIsNotTwoLetters(String input) {
    assertThatThrownBy(() -> Emaid.parse(input))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("is not 2 letters");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DE-8AACA2B3C4D5L",
        "DE8AA-CA2B3C4D5-L",
        "DE-8AA-CA2B3C4D5L",
        "DE-8AA-CA2B3C4D5-",
        "-DE8AACA2B3C4D5L",
        "DE--8AACA2B3C4D5",
        "DE8-AA-CA2B3C4D5-L"
      })
  void rejectsMixedOrMisplacedHyphens(String input) {
    assertThatThrownBy(() -> Emaid.parse(input))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("hyphens must separate all parts or none");
  }

  @Test
  void constructorValidatesAndNormalisesToo() {
    assertThat(new Emaid("de", "8aa", "ca2b3c4d5", Optional.of('l')).value())
        .isEqualTo("DE8AACA2B3C4D5L");
    assertThatThrownBy(() -> new Emaid("DE", "8AA", "CA2B3C4D", Optional.empty()))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessage("eMAID \"DE8AACA2B3C4D\": eMA instance is not 9 letters or digits");
    assertThatThrownBy(() -> new Emaid("DE", "8A-", "CA2B3C4D5", Optional.empty()))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("provider ID");
  }

  @Test
  void exceptionCarriesKindAndProblem() {
    assertThatExceptionOfType(InvalidIdentifierException.class)
        .isThrownBy(() -> Emaid.parse("DE8AACA2B3C4D5X"))
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo("eMAID");
              assertThat(e.problem()).isEqualTo("check digit is X but should be L");
            });
  }
}
