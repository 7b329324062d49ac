package dev.pncpki.ca.app;

import dev.pncpki.ca.issuance.RevocationListener;
import dev.pncpki.ca.revocation.CrlPublisher;
import dev.pncpki.ca.revocation.OcspResponder;
import io.dropwizard.lifecycle.Managed;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps OCSP answers and CRLs in step with revocations. A revocation drops the OCSP cache entry at
 * once (the next query reads the database and answers revoked) and wakes the CRL builder, which
 * waits {@link #COALESCE} so that a burst of revocations makes one CRL, then builds every CA's CRL
 * that lags (the revoking request never waits for a CRL). The builder also wakes every {@link
 * #POLL} for what a lost notification or another instance's failed build left behind, and for CRLs
 * at half their period; see docs/operations.md for the resulting bound.
 */
final class RevocationPublishing implements RevocationListener, Managed {
  private static final Logger LOG = LoggerFactory.getLogger(RevocationPublishing.class);
  static final Duration COALESCE = Duration.ofSeconds(1);
  static final Duration POLL = Duration.ofSeconds(5);

  private final CrlPublisher crls;
  private final OcspResponder ocsp;
  private final Duration coalesce;
  private final Duration poll;
  private final AtomicBoolean woken = new AtomicBoolean();
  private final ScheduledExecutorService builder =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("crl-builder").daemon().unstarted(r));

  RevocationPublishing(CrlPublisher crls, OcspResponder ocsp) {
    this(crls, ocsp, COALESCE, POLL);
  }

  RevocationPublishing(CrlPublisher crls, OcspResponder ocsp, Duration coalesce, Duration poll) {
    this.crls = crls;
    this.ocsp = ocsp;
    this.coalesce = coalesce;
    this.poll = poll;
  }

  /**
   * A revocation committed by any instance ("instance issuer/serial"); this instance's own
   * revocations were handled already.
   */
  void notified(String payload, String self) {
    String[] parts = payload.split("[ /]");
    if (parts.length == 3 && !parts[0].equals(self)) {
      revoked(parts[1], new BigInteger(parts[2], 16));
    }
  }

  /** Notifications may have been lost: forget every cached OCSP answer, look for lagging CRLs. */
  void resynchronise() {
    ocsp.invalidateAll();
    wake();
  }

  @Override
  public void revoked(String issuerId, BigInteger serial) {
    ocsp.invalidate(issuerId, serial);
    wake();
  }

  /** Runs the builder after the coalescing delay, unless a run is already waiting. */
  private void wake() {
    if (woken.compareAndSet(false, true)) {
      builder.schedule(this::build, coalesce.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void build() {
    woken.set(false); // a revocation from now on wakes another run, after this one
    try {
      crls.refresh();
    } catch (RuntimeException e) {
      LOG.warn("CRL builder: {}", e.getMessage());
    }
  }

  @Override
  public void start() {
    // at once: a CA without a stored CRL gets one before its first download asks
    builder.scheduleWithFixedDelay(this::build, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    builder.shutdownNow();
  }
}
