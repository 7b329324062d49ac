package dev.pncpki.policies.id;

import java.util.Locale;

/**
 * Character classes shared by the identifier types. All of them are ASCII only on purpose: {@link
 * Character#isLetterOrDigit} and {@link String#toUpperCase} accept or fold non-ASCII characters
 * (dotless i becomes I), which would let look-alike input pass as a valid identifier.
 */
final class Ascii {

  private Ascii() {}

  static boolean isLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  static boolean isAlphanumeric(char c) {
    return isLetter(c) || (c >= '0' && c <= '9');
  }

  static boolean isLetters(String s) {
    return s.chars().allMatch(c -> isLetter((char) c));
  }

  static boolean isAlphanumeric(String s) {
    return s.chars().allMatch(c -> isAlphanumeric((char) c));
  }

  /** Only call on strings already checked to be ASCII, so no character changes length or class. */
  static String upper(String checkedAscii) {
    return checkedAscii.toUpperCase(Locale.ROOT);
  }

  /** A readable description of character {@code index} of {@code s}, for error messages. */
  static String describe(String s, int index) {
    char c = s.charAt(index);
    String shown = c >= 0x21 && c <= 0x7e ? "'" + c + "'" : String.format("U+%04X", (int) c);
    return "character " + shown + " at position " + (index + 1);
  }

  /** Every character is an ASCII letter, digit or the one separator the identifier allows. */
  static void requireAlphanumericOr(
      String kind, String value, char separator, String separatorName) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != separator && !isAlphanumeric(c)) {
        throw new InvalidIdentifierException(
            kind, value, describe(value, i) + " is not a letter, digit or " + separatorName);
      }
    }
  }

  /** The first two characters of {@code compact} are letters (ISO 3166-1 alpha-2). */
  static void requireCountryCode(String kind, String value, String compact) {
    if (!isLetters(compact.substring(0, 2))) {
      throw new InvalidIdentifierException(
          kind, value, "does not start with a 2-letter country code (ISO 3166-1 alpha-2)");
    }
  }
}
