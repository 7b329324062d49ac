package dev.pncpki.ca.store;

import java.time.Instant;

/**
 * One contract joined with its certificate row: the contract key, encrypted to the vehicle, and
 * what the certificate's row says (status, validity, revocation).
 */
public record ContractRow(
    long id,
    String emaid,
    String pcid,
    String mo,
    String oem,
    String suite,
    String issuerId,
    String serial,
    byte[] encryptedPrivateKey,
    byte[] dhPublicKey,
    Long replaces,
    Long replacedBy,
    Instant createdAt,
    String certificateStatus,
    byte[] certificate,
    Instant notAfter,
    Instant revokedAt,
    String replacementStatus) {

  /**
   * The contract's state: pending or failed with its issuance; then revoked, replaced (by an
   * update), expired, or active.
   */
  public String status(Instant now) {
    if (!"issued".equals(certificateStatus)) {
      return certificateStatus;
    }
    if (revokedAt != null) {
      return "revoked";
    }
    if (replacedBy != null && "issued".equals(replacementStatus)) {
      return "replaced"; // only once the renewal's certificate exists
    }
    return notAfter.isAfter(now) ? "active" : "expired";
  }
}
