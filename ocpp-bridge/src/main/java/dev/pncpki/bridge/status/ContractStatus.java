package dev.pncpki.bridge.status;

import java.time.Clock;
import java.util.Locale;
import org.bouncycastle.asn1.ocsp.CertID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status of one certificate of a contract, as an Authorize answer states it (OCPP 2.0.1 C07):
 * asked of the CA's OCSP responder through {@link OcspClient} (so only responders under the CA's
 * public URL are asked), and believed only when the answer passes {@link OcspVerification} (RFC
 * 6960 section 3.2). An answer the bridge cannot vouch for is no answer.
 */
final class ContractStatus {
  private static final Logger LOG = LoggerFactory.getLogger(ContractStatus.class);

  /**
   * What Authorize says of a contract, the worst last: with several certificates (the contract and
   * its Sub-CAs, up to four in {@code iso15118CertificateHashData}) the worst verdict answers. Each
   * carries its {@code certificateStatus} (AuthorizeCertificateStatusEnumType) and {@code
   * idTokenInfo.status} (AuthorizationStatusEnumType).
   */
  enum Verdict {
    /** Good at the CA's responder. */
    GOOD("Accepted", "Accepted"),
    /**
     * No status could be had: a responder the bridge may not ask, one that cannot be reached or
     * answers tryLater, or an answer that fails verification. The enumeration's value for a status
     * that could not be retrieved from a secondary actor in time; the token stays unknown.
     */
    UNAVAILABLE("NoCertificateAvailable", "Unknown"),
    /**
     * Not a certificate of this PKI's chain: hash data that names no certificate (not hex, an
     * unknown hash algorithm), a serial the issuer's responder does not know, or a chain whose leaf
     * the next certificate did not sign or that names another eMAID.
     */
    CHAIN_ERROR("CertChainError", "Invalid"),
    EXPIRED("CertificateExpired", "Expired"),
    /** Revoked (C07: the CSMS answers CertificateRevoked and does not authorize). */
    REVOKED("CertificateRevoked", "Invalid");

    private final String certificateStatus;
    private final String idTokenStatus;

    Verdict(String certificateStatus, String idTokenStatus) {
      this.certificateStatus = certificateStatus;
      this.idTokenStatus = idTokenStatus;
    }

    String certificateStatus() {
      return certificateStatus;
    }

    String idTokenStatus() {
      return idTokenStatus;
    }

    Verdict worse(Verdict other) {
      return compareTo(other) >= 0 ? this : other;
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final OcspClient ocsp;
  private final Clock clock;

  ContractStatus(OcspClient ocsp, Clock clock) {
    this.ocsp = ocsp;
    this.clock = clock;
  }

  /** What {@code responderUrl} says of the certificate {@code id} names, verified. */
  Verdict of(String stationId, CertID id, String responderUrl) {
    byte[] answer;
    try {
      answer = ocsp.ask(responderUrl, OcspRequestData.request(id));
    } catch (OcspClient.OcspException | IllegalArgumentException e) {
      LOG.info("station {}: contract status not available: {}", stationId, e.getMessage());
      return Verdict.UNAVAILABLE;
    }
    return switch (OcspVerification.of(answer, id, clock.instant())) {
      case OcspVerification.Verified v ->
          v.status() == OcspLog.Status.GOOD ? Verdict.GOOD : Verdict.REVOKED;
      case OcspVerification.NotKnown n -> Verdict.CHAIN_ERROR;
      case OcspVerification.Unverified u -> {
        LOG.info("station {}: contract status answer not verified: {}", stationId, u.reason());
        yield Verdict.UNAVAILABLE;
      }
    };
  }
}
