package dev.pncpki.bridge.store;

import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.station.Route;
import dev.pncpki.bridge.trust.RootFingerprint;
import dev.pncpki.policies.profile.CertificateProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The CSRs stations sent and the bridge accepted (OCPP 2.0.1 A02/A03, the 1.6 security whitepaper),
 * from before the station hears Accepted to the CertificateSigned delivery of their certificate, or
 * their failure. Each is issued at the CA with an idempotency key of its own, by one bridge
 * instance at a time (a lease), and gets exactly one CertificateSigned delivery.
 */
public interface SigningRequests {

  /**
   * A CSR that passed the bridge's checks: for whom, what to ask the CA for (with a V2G
   * certificate, perhaps the root its chain must end at), how to answer (on OCPP 2.1 with the
   * station's {@code requestId}, which its CertificateSigned repeats).
   */
  record Received(
      String stationId,
      String certificateType,
      Route route,
      String csr,
      CertificateProfile profile,
      String identity,
      Optional<RootFingerprint> root,
      Optional<Integer> requestId) {}

  /** At most {@code certificates} of a type per station within {@code window}. */
  record Limit(int certificates, Duration window) {
    public Limit {
      if (certificates < 1 || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("a limit needs at least one certificate and a window");
      }
    }
  }

  /** A recorded request the CA is to issue, as its current attempt sees it. */
  record Pending(
      long id,
      String stationId,
      String certificateType,
      Route route,
      String csr,
      CertificateProfile profile,
      String identity,
      Optional<RootFingerprint> root,
      Optional<Integer> requestId,
      String idempotencyKey,
      int attempts) {}

  /** What became of a CSR offered for admission. */
  sealed interface Admission {
    /** Recorded, and claimed by the admitting instance so that it may issue it at once. */
    record Admitted(Pending request) implements Admission {}

    /** The very same CSR is outstanding already (the station sent it again): nothing new. */
    record Repeated(long id) implements Admission {}

    /** Another CSR of the station and type is outstanding (received at {@code since}). */
    record Outstanding(long id, Instant since) implements Admission {}

    /** The station had {@code count} certificates of the type within the limit's window. */
    record Limited(long count, Limit limit) implements Admission {}

    /**
     * The station used the requestId for another CSR before (request {@code id}): a
     * CertificateSigned carrying it could answer either.
     */
    record RequestIdReused(long id) implements Admission {}
  }

  /**
   * In one transaction, serialised per station and type: refuses the CSR while another of the type
   * is outstanding (being issued, or its CertificateSigned not yet answered or ended), when the
   * limit is reached, or when its requestId was the station's for another CSR; otherwise records
   * it. The same CSR with the same requestId (or none) again is {@link Admission.Repeated}. A CSR
   * is durable once this returns {@link Admission.Admitted}.
   */
  Admission admit(Received received, Limit limit);

  /**
   * Claims up to {@code max} requests due for an attempt (new, backed off, or their lease lapsed).
   */
  List<Pending> claimDue(int max);

  /**
   * The CA issued: in one transaction the request becomes issued with {@code serial} (and the root
   * its chain ends at, where the CA's chain shows it) and {@code certificateSigned} is stored as
   * its one delivery. Empty if the request was settled already.
   */
  Optional<Delivery> issued(
      long id,
      String serial,
      Optional<RootFingerprint> issuedRoot,
      Delivery.Request certificateSigned);

  /** The attempt failed but may succeed later: due again after {@code backoff}. */
  void retryLater(long id, String error, Duration backoff);

  /**
   * The request failed for good: in one transaction it is failed with {@code error}, and {@code
   * certificateSigned} (no certificate in it) is stored as a failed delivery carrying the reason,
   * where operators see failed deliveries. False if the request was settled already, or is no
   * longer this instance's (its lease lapsed and another instance claimed it).
   */
  boolean failed(long id, String error, Delivery.Request certificateSigned);

  /**
   * Requests this instance had claimed before it started (an earlier process under the same id) are
   * due again at once, without waiting for their leases.
   */
  void releaseOwn();

  /**
   * CertificateSigned deliveries of these requests that the station answered but whose certificate
   * was not recorded (the instance stopped in between), at most {@code max}.
   */
  List<Delivery> unrecorded(int max);
}
