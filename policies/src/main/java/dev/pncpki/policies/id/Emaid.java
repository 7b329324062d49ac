package dev.pncpki.policies.id;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An e-mobility account identifier, the "ISO" contract ID of ISO 15118-2:2014 Annex H via OPCP
 * {@code 05_handling-of-ids}: {@code <Country Code> <S> <Provider ID> <S> <eMA Instance> <S> <Check
 * Digit>}, with the check digit optional and {@code <S>} an optional hyphen.
 *
 * <p>Held in Hubject's normal form (OPCP 05): upper case, no hyphens, because the -2 {@code
 * eMAIDType} carries only 14..15 characters and that is what the contract certificate CN must
 * equal. The country code is checked for shape, not against ISO 3166-1, because Hubject QA contract
 * IDs such as EMP77TWTW00002 start with "EM". A check digit, when present, must be right (eMI3
 * contract ID check digit, see {@link EmaidCheckDigit}).
 */
public record Emaid(
    String countryCode, String providerId, String instance, Optional<Character> checkDigit) {

  private static final String KIND = "eMAID";

  public Emaid {
    requireNonNull(countryCode, "countryCode");
    requireNonNull(providerId, "providerId");
    requireNonNull(instance, "instance");
    requireNonNull(checkDigit, "checkDigit");
    String shown = countryCode + providerId + instance + checkDigit.map(String::valueOf).orElse("");
    require(
        countryCode.length() == 2 && Ascii.isLetters(countryCode),
        shown,
        "country code is not 2 letters (ISO 3166-1 alpha-2)");
    require(
        providerId.length() == 3 && Ascii.isAlphanumeric(providerId),
        shown,
        "provider ID is not 3 letters or digits");
    require(
        instance.length() == 9 && Ascii.isAlphanumeric(instance),
        shown,
        "eMA instance is not 9 letters or digits");
    require(
        checkDigit.map(Ascii::isAlphanumeric).orElse(true),
        shown,
        "check digit is not a letter or digit");
    countryCode = Ascii.upper(countryCode);
    providerId = Ascii.upper(providerId);
    instance = Ascii.upper(instance);
    checkDigit = checkDigit.map(Character::toUpperCase);
    if (checkDigit.isPresent()) {
      char expected = EmaidCheckDigit.compute(countryCode + providerId + instance);
      require(
          checkDigit.get() == expected,
          shown,
          "check digit is " + checkDigit.get() + " but should be " + expected);
    }
  }

  /**
   * Reads an eMAID in any case, with hyphens between all parts or none (the ABNF uses one {@code
   * <S>} rule; OPCP's accepted pattern repeats the first separator), and with or without the check
   * digit.
   */
  public static Emaid parse(String input) {
    requireNonNull(input, "input");
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      require(
          c == '-' || Ascii.isAlphanumeric(c),
          input,
          Ascii.describe(input, i) + " is not a letter, digit or hyphen");
    }
    String compact = input.replace("-", "");
    require(
        compact.length() == 14 || compact.length() == 15,
        input,
        "has "
            + compact.length()
            + " characters without hyphens, expected 14 (or 15 with the check digit)");
    require(
        compact.length() == input.length() || input.equals(hyphenated(compact)),
        input,
        "hyphens must separate all parts or none, as in DE-8AA-CA2B3C4D5-L");
    Optional<Character> checkDigit =
        compact.length() == 15 ? Optional.of(compact.charAt(14)) : Optional.empty();
    return new Emaid(
        compact.substring(0, 2), compact.substring(2, 5), compact.substring(5, 14), checkDigit);
  }

  /** A new eMAID with its check digit: issue IDs with one even though readers must accept none. */
  public static Emaid allocate(String countryCode, String providerId, String instance) {
    return new Emaid(countryCode, providerId, instance, Optional.empty()).withCheckDigit();
  }

  /** This eMAID with its check digit, computed if it was left off. */
  public Emaid withCheckDigit() {
    if (checkDigit.isPresent()) {
      return this;
    }
    char digit = EmaidCheckDigit.compute(countryCode + providerId + instance);
    return new Emaid(countryCode, providerId, instance, Optional.of(digit));
  }

  /** The normal form: 14 or 15 upper-case characters, no hyphens. */
  public String value() {
    return countryCode + providerId + instance + checkDigit.map(String::valueOf).orElse("");
  }

  @Override
  public String toString() {
    return value();
  }

  private static String hyphenated(String compact) {
    String parts =
        compact.substring(0, 2) + "-" + compact.substring(2, 5) + "-" + compact.substring(5, 14);
    return compact.length() == 15 ? parts + "-" + compact.charAt(14) : parts;
  }

  private static void require(boolean ok, String input, String problem) {
    if (!ok) {
      throw new InvalidIdentifierException(KIND, input, problem);
    }
  }
}
