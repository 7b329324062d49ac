package dev.pncpki.ca.issuance;

import dev.pncpki.ca.audit.AuditEvent;
import java.util.Optional;

/**
 * Where issuances are recorded (docs/issuance.md, steps 8 and 10): the certificate authority's only
 * way to storage. Writes that arrive together may share one transaction; each caller returns only
 * once its own write is durable, and a write that fails fails only its own caller.
 */
public interface IssuanceStore {

  /**
   * One issuance to record as pending (step 8), with the rows that belong to it: {@code rows}
   * writes {@code item} in the same transaction, or refuses by throwing, and then nothing of this
   * issuance is recorded.
   */
  record Pending<T>(CertificateRow row, PendingRows<T> rows, T item) {
    /** An issuance with no rows of its own. */
    public static Pending<Void> alone(CertificateRow row) {
      return new Pending<>(row, null, null);
    }
  }

  /** Step 10: the signed certificate of a pending issuance, and the audit event saying so. */
  record Completion(String issuerId, String serial, byte[] der, AuditEvent event) {}

  /**
   * Records {@code pending} at {@code owner} (this instance's number, {@link InFlight#owner()}).
   *
   * @throws IssuerRevokedException when its issuer, or a CA above it, is revoked
   * @throws IdempotencyKeyTakenException when its requester used its idempotency key before
   */
  void recordPending(Pending<?> pending, int owner);

  /**
   * Completes a pending issuance with its certificate and audit event.
   *
   * @throws IssuanceAbandonedException when it was no longer pending (crash recovery failed it)
   * @throws IssuerRevokedException when its issuer was revoked since it was recorded
   */
  void complete(Completion completion);

  /** Fails a pending issuance, with the reason and its audit event, in one transaction. */
  void fail(String issuerId, String serial, String why, AuditEvent event);

  /** The issuance a requester recorded with an idempotency key, in whatever state it is. */
  Optional<CertificateRow> byIdempotencyKey(String requester, String idempotencyKey);
}
