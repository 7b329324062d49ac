package dev.pncpki.ca.issuance;

import java.time.Instant;

/** One row of the certificate table. {@code certificate} is DER, set once issued. */
public record CertificateRow(
    String issuerId,
    String serial,
    String profile,
    String subjectCn,
    IssuanceState status,
    String requester,
    String idempotencyKey,
    byte[] requestSha256,
    Instant createdAt,
    Instant notBefore,
    Instant notAfter,
    byte[] certificate,
    String failure,
    Instant revokedAt,
    Short revocationReason) {

  public boolean issued() {
    return status == IssuanceState.ISSUED;
  }
}
