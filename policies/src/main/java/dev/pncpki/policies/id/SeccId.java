package dev.pncpki.policies.id;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * An ISO 15118-20 SECC ID, via HUBSUP "3.4 SECC-ID" and OPCP {@code 05_handling-of-ids}: {@code
 * <Country Code> <S> <EVSE Operator ID> <S> <ID Type "S"> <S> <Controller ID> <S> <Check Digit>},
 * with a 32..248 character controller ID, an optional check digit, {@code <S>} an optional hyphen
 * "advised only for display", and 39..64 letters and digits in total.
 *
 * <p>Held upper case without hyphens, so the same SECC ID written for display or for the wire
 * compares equal. Only the syntax is checked: no source defines the check-digit algorithm, and
 * without hyphens the check digit cannot even be told apart from the controller ID.
 */
public record SeccId(String value) {

  private static final String KIND = "SECC ID";

  // The hyphen before the check digit can only be there if a single check character follows.
  private static final Pattern SYNTAX =
      Pattern.compile("[A-Za-z]{2}-?[A-Za-z0-9]{3}-?[Ss]-?[A-Za-z0-9]+(-[A-Za-z0-9])?");

  public SeccId {
    requireNonNull(value, "value");
    Ascii.requireAlphanumericOr(KIND, value, '-', "hyphen");
    String compact = value.replace("-", "");
    if (compact.length() < 39 || compact.length() > 64) {
      throw new InvalidIdentifierException(
          KIND,
          value,
          "has " + compact.length() + " letters and digits, expected 39 to 64 (HUBSUP 3.4)");
    }
    Ascii.requireCountryCode(KIND, value, compact);
    if (!SYNTAX.matcher(value).matches()) {
      throw new InvalidIdentifierException(
          KIND,
          value,
          "is not <country>[-]<3-character operator ID>[-]S[-]<controller ID>[-<check digit>]");
    }
    value = Ascii.upper(compact);
  }

  public static SeccId parse(String input) {
    return new SeccId(input);
  }

  public String countryCode() {
    return value.substring(0, 2);
  }

  /** The EVSE operator ID; with {@link #countryCode()} it names the CPO that owns the SECC. */
  public String operatorId() {
    return value.substring(2, 5);
  }

  /**
   * What follows the "S": the controller ID and, if the issuer added one, the check digit. The two
   * are not split because the normal form has no hyphen to tell them apart.
   */
  public String controllerIdAndCheckDigit() {
    return value.substring(6);
  }

  @Override
  public String toString() {
    return value;
  }
}
