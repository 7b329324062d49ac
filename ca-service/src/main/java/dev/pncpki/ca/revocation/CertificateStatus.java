package dev.pncpki.ca.revocation;

import java.time.Instant;
import java.util.Optional;

/**
 * What the CA knows about one serial of one issuer. {@code UNKNOWN}: never issued by that CA (or
 * issuance never completed, so no client ever received it).
 */
public record CertificateStatus(
    State state, Optional<Instant> revokedAt, Optional<RevocationReason> reason) {

  public enum State {
    GOOD,
    REVOKED,
    UNKNOWN
  }

  public static final CertificateStatus GOOD =
      new CertificateStatus(State.GOOD, Optional.empty(), Optional.empty());
  public static final CertificateStatus UNKNOWN =
      new CertificateStatus(State.UNKNOWN, Optional.empty(), Optional.empty());

  public static CertificateStatus revoked(Instant at, RevocationReason reason) {
    return new CertificateStatus(State.REVOKED, Optional.of(at), Optional.of(reason));
  }
}
