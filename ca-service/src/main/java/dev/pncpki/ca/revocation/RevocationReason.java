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

  /** For a request to revoke: removeFromCRL only exists in delta CRLs (RFC 5280 5.3.1). */
  public static RevocationReason parseForRevocation(String value) {
    RevocationReason reason = parse(value);
    if (reason == REMOVE_FROM_CRL) {
      throw new IllegalArgumentException(
          "removeFromCRL is for delta CRLs only, not a reason to revoke");
    }
    return reason;
  }

  public static RevocationReason parse(String value) {
    for (RevocationReason r : values()) {
      if (r.rfcName().equalsIgnoreCase(value) || r.name().equalsIgnoreCase(value)) {
        return r;
      }
    }
    try {
      return ofCode(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unknown revocation reason \"" + value + "\"");
    }
  }
}
