package dev.pncpki.ca.refusal;

/**
 * The text a request may carry in a field the CA reads, stores or writes into its audit log.
 * PostgreSQL refuses a NUL in text outright, so one that got through would surface as the database
 * being unavailable; other control characters forge lines in logs and listings; bidirectional
 * controls show an operator a name other than the one stored (Unicode TR #9; CVE-2021-42574 "Trojan
 * Source"); a lone surrogate, which JSON's {@code \ud800} escape can produce, is not Unicode at all
 * (RFC 8259 section 8.2) and would be stored as "?". A refusal names the field.
 */
public final class PlainText {
  private PlainText() {}

  /** One line a person reads: a name, reason, label, identifier. Returns the value. */
  public static String line(String field, String value) {
    return check(field, value, false);
  }

  /** A block of PEM or base64, whose lines may be separated by CR, LF or tab. Returns the value. */
  public static String block(String field, String value) {
    return check(field, value, true);
  }

  private static String check(String field, String value, boolean lines) {
    if (value == null) {
      return null;
    }
    dev.pncpki.runtime.text.PlainText.problem(value, lines)
        .ifPresent(
            p -> {
              throw new RefusedException(Refusal.MALFORMED_REQUEST, field + " " + p);
            });
    return value;
  }
}
