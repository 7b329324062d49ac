package dev.pncpki.policies.id;

import static java.util.Objects.requireNonNull;

/**
 * The OCPP charging-station identity: the last path segment of the OCPP-J connection URL, the HTTP
 * Basic username in security profiles 1 and 2, and the CN of the charging-station certificate in
 * profile 3 (OCPP 2.0.1 Part 2 A00.FR.511: the station's unique serial number). The identity is a
 * CiString48 (OCPP 2.0.1), so 1..48 printable ASCII characters.
 *
 * <p>On top of CiString48 it may not contain ':', which ends the user-id in HTTP Basic credentials
 * (RFC 7617 section 2), nor '/' or whitespace, which would split or break the URL path segment. The
 * value is kept as written because it becomes a certificate CN; compare identities with {@link
 * #sameIdentityAs}, as CiStrings are case-insensitive.
 */
public record ChargingStationId(String value) {

  private static final String KIND = "charging station identity";
  private static final int MAX_LENGTH = 48;

  public ChargingStationId {
    requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new InvalidIdentifierException(
          KIND,
          value,
          "has " + value.length() + " characters, OCPP 2.0.1 CiString48 allows 1 to " + MAX_LENGTH);
    }
    for (int i = 0; i < value.length(); i++) {
      String problem = problemWith(value.charAt(i));
      if (problem != null) {
        throw new InvalidIdentifierException(KIND, value, Ascii.describe(value, i) + problem);
      }
    }
  }

  public static ChargingStationId parse(String input) {
    return new ChargingStationId(input);
  }

  /** Case-insensitive equality, the comparison OCPP defines for CiString values. */
  public boolean sameIdentityAs(ChargingStationId other) {
    return value.equalsIgnoreCase(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  private static String problemWith(char c) {
    if (c == ':') {
      return " is not allowed: it separates user and password in HTTP Basic auth";
    }
    if (c == '/') {
      return " is not allowed: the identity is a single URL path segment";
    }
    if (c < 0x21 || c > 0x7e) {
      return " is not printable ASCII without whitespace";
    }
    return null;
  }
}
