package dev.pncpki.ca.issuance;

import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import java.util.Locale;

/** Where an issued certificate stands for a search: valid, revoked, or expired (not revoked). */
public enum CertificateState {
  VALID,
  REVOKED,
  EXPIRED;

  /** As the API writes it: lower case. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state a query parameter names; refused as malformed if it names none. */
  public static CertificateState parse(String label) {
    for (CertificateState s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new RefusedException(
        Refusal.MALFORMED_REQUEST, "status must be valid, revoked or expired");
  }
}
