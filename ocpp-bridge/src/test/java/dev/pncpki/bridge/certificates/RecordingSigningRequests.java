package dev.pncpki.bridge.certificates;

import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.store.SigningRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The signing requests in memory, for unit tests of the handler and the issuer: admission answers
 * what the test set ({@link #answer}), and every settlement is recorded (the rules of admission and
 * leases are SQL, tested in SigningRequestTableIT).
 */
final class RecordingSigningRequests implements SigningRequests {
  /** What a settlement call did: {@code kind} issued, retry or failed. */
  record Settled(String kind, long id, String detail, Optional<Delivery.Request> delivery) {}

  final List<Received> received = new ArrayList<>();
  final List<Settled> settled = new ArrayList<>();
  Admission answer;
  boolean settledAlready;

  @Override
  public synchronized Admission admit(Received r, Limit limit) {
    received.add(r);
    return answer;
  }

  @Override
  public List<Pending> claimDue(int max) {
    return List.of();
  }

  @Override
  public synchronized Optional<Delivery> issued(
      long id,
      String serial,
      Optional<dev.pncpki.bridge.trust.RootFingerprint> issuedRoot,
      Delivery.Request signed) {
    if (settledAlready) {
      return Optional.empty();
    }
    settled.add(new Settled("issued", id, serial, Optional.of(signed)));
    return Optional.of(delivery(signed));
  }

  @Override
  public synchronized void retryLater(long id, String error, Duration backoff) {
    settled.add(new Settled("retry", id, backoff.toSeconds() + " s: " + error, Optional.empty()));
  }

  @Override
  public synchronized boolean failed(long id, String error, Delivery.Request signed) {
    if (settledAlready) {
      return false;
    }
    settled.add(new Settled("failed", id, error, Optional.of(signed)));
    return true;
  }

  @Override
  public void releaseOwn() {}

  @Override
  public List<Delivery> unrecorded(int max) {
    return List.of();
  }

  private static Delivery delivery(Delivery.Request r) {
    return new Delivery(
        7,
        r.stationId(),
        r.route(),
        r.action(),
        r.payload(),
        r.origin(),
        Delivery.State.PENDING,
        0,
        8,
        Instant.EPOCH,
        Optional.empty(),
        Optional.empty(),
        Instant.EPOCH,
        Instant.EPOCH,
        Optional.empty());
  }
}
