package dev.pncpki.policies.id;

import static java.util.Objects.requireNonNull;

/**
 * A provisioning certificate identifier, the CN of the OEM provisioning certificate: the vehicle
 * maker's WMI (3 characters, ISO 3780), 14 characters of the maker's own ID and an optional check
 * character. Source: VDE-AR-E 2802-100-1:2019-12 via OPCP {@code 05_handling-of-ids}, which
 * enforces {@code ^[a-zA-Z0-9]{17,18}$}.
 *
 * <p>Held upper case, because ISO 15118-20 puts the PCID into the contract-key AAD as upper-case
 * bytes [V2G20-2492] and a case difference there breaks decryption in the vehicle. No check
 * character algorithm is applied: the sources do not define one.
 */
public record Pcid(String value) {

  private static final String KIND = "PCID";

  public Pcid {
    requireNonNull(value, "value");
    if (value.length() < 17 || value.length() > 18) {
      throw new InvalidIdentifierException(
          KIND, value, "has " + value.length() + " characters, expected 17 or 18");
    }
    for (int i = 0; i < value.length(); i++) {
      if (!Ascii.isAlphanumeric(value.charAt(i))) {
        throw new InvalidIdentifierException(
            KIND, value, Ascii.describe(value, i) + " is not a letter or digit");
      }
    }
    value = Ascii.upper(value);
  }

  public static Pcid parse(String input) {
    return new Pcid(input);
  }

  /**
   * The World Manufacturer Identifier; Hubject grants an OEM write access per WMI (OPCP {@code
   * 04_authentication}).
   */
  public String wmi() {
    return value.substring(0, 3);
  }

  @Override
  public String toString() {
    return value;
  }
}
