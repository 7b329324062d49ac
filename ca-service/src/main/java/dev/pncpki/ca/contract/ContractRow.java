package dev.pncpki.ca.contract;

import dev.pncpki.ca.issuance.IssuanceState;
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
    IssuanceState certificateStatus,
    byte[] certificate,
    Instant notAfter,
    Instant revokedAt,
    IssuanceState replacementStatus) {

  /**
   * The contract's state: pending or failed with its issuance; then revoked, replaced (by an
   * update), expired, or active.
   */
  public ContractState status(Instant now) {
    if (certificateStatus == IssuanceState.PENDING) {
      return ContractState.PENDING;
    }
    if (certificateStatus == IssuanceState.FAILED) {
      return ContractState.FAILED;
    }
    if (revokedAt != null) {
      return ContractState.REVOKED;
    }
    if (replacedBy != null && replacementStatus == IssuanceState.ISSUED) {
      return ContractState.REPLACED; // only once the renewal's certificate exists
    }
    return notAfter.isAfter(now) ? ContractState.ACTIVE : ContractState.EXPIRED;
  }
}
