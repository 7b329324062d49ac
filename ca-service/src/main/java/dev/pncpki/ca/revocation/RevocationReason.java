package dev.pncpki.ca.revocation;

import java.util.Arrays;
import java.util.Locale;

/** CRLReason codes of RFC 5280 5.3.1 (7 is unused there and not accepted). */
public enum RevocationReason {
  UNSPECIFIED(0),
  KEY_COMPROMISE(1),
  CA_COMPROMISE(2),
  AFFILIATION_CHANGED(3),
  SUPERSEDED(4),
  CESSATION_OF_OPERATION(5),
  CERTIFICATE_HOLD(6),
  REMOVE_FROM_CRL(8),
  PRIVILEGE_WITHDRAWN(9),
  AA_COMPROMISE(10);

  private final int code;

  RevocationReason(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** camelCase name as RFC 5280 writes it, e.g. keyCompromise. */
  public String rfcName() {
    String[] parts = name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder b = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return b.toString()
        .replace("aaCompromise", "aACompromise")
        .replace("caCompromise", "cACompromise");
  }

  public static RevocationReason ofCode(int code) {
    return Arrays.stream(values())
        .filter(r -> r.code == code)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown RFC 5280 reason code " + code));
  }

  /**
   * The reason of a request to revoke. Revocation here is final, so the reasons that are not are
   * refused: certificateHold (RFC 5280 5.3.1 lets a held certificate be released, which this CA
   * never does; a "hold" that cannot be lifted would tell relying parties something false, and ISO
   * 15118 and OCPP define no use of it), removeFromCRL (only meaningful in a delta CRL, which
   * releases a hold) and aACompromise (for attribute authorities, which issue no public-key
   * certificates).
   */
  public static RevocationReason parseForRevocation(String value) {
    RevocationReason reason = parse(value);
    return switch (reason) {
      case CERTIFICATE_HOLD ->
          throw new IllegalArgumentException(
              "certificateHold is not offered: a revocation here is final and cannot be lifted;"
                  + " revoke with a final reason (e.g. superseded, keyCompromise)");
      case REMOVE_FROM_CRL ->
          throw new IllegalArgumentException(
              "removeFromCRL is for delta CRLs only, not a reason to revoke");
      case AA_COMPROMISE ->
          throw new IllegalArgumentException(
              "aACompromise is for attribute authorities; this CA issues public-key certificates");
      default -> reason;
    };
  }

  /** A reason by its RFC 5280 name (any case), its enum name or its code as plain digits. */
  public static RevocationReason parse(String value) {
    for (RevocationReason r : values()) {
      if (r.rfcName().equalsIgnoreCase(value) || r.name().equalsIgnoreCase(value)) {
        return r;
      }
    }
    if (value.matches("[0-9]{1,2}")) {
      return ofCode(Integer.parseInt(value));
    }
    throw new IllegalArgumentException(
        "unknown revocation reason \"%s\"; reasons: %s"
            .formatted(value, String.join(", ", names())));
  }

  private static java.util.List<String> names() {
    return Arrays.stream(values()).map(RevocationReason::rfcName).toList();
  }
}
