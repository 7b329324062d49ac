package dev.pncpki.ca.app;

import dev.pncpki.ca.issuance.RevocationListener;
import dev.pncpki.ca.revocation.CrlPublisher;
import dev.pncpki.ca.revocation.OcspResponder;
import io.dropwizard.lifecycle.Managed;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps CRLs and OCSP answers in step with revocations: after each revocation the OCSP cache entry
 * goes and the CA's CRL is republished; a republication that fails (key backend down) is retried
 * every minute, and every CRL is refreshed at half its period.
 */
final class RevocationPublishing implements RevocationListener, Managed {
  private static final Logger LOG = LoggerFactory.getLogger(RevocationPublishing.class);

  private final CrlPublisher crls;
  private final OcspResponder ocsp;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("crl-publisher").daemon().unstarted(r));

  RevocationPublishing(CrlPublisher crls, OcspResponder ocsp) {
    this.crls = crls;
    this.ocsp = ocsp;
  }

  /**
   * A revocation committed by any instance ("instance issuer/serial"); this instance's own
   * revocations were handled synchronously already.
   */
  void notified(String payload, String self) {
    String[] parts = payload.split("[ /]");
    if (parts.length == 3 && !parts[0].equals(self)) {
      revoked(parts[1], new BigInteger(parts[2], 16));
    }
  }

  /** Notifications may have been lost: forget every cached OCSP answer, republish every CRL. */
  void resynchronise(List<String> caIds) {
    ocsp.invalidateAll();
    pending.addAll(caIds);
    publishPending();
  }

  @Override
  public void revoked(String issuerId, BigInteger serial) {
    ocsp.invalidate(issuerId, serial);
    pending.add(issuerId);
    publishPending();
  }

  private void publishPending() {
    for (String id : List.copyOf(pending)) {
      // cleared before publishing: a revocation arriving meanwhile sets it again, and a failed
      // publication restores it, so no republication is lost
      if (!pending.remove(id)) {
        continue;
      }
      try {
        crls.publish(id);
      } catch (RuntimeException e) {
        pending.add(id);
        LOG.warn("CRL of {} not republished yet, will retry: {}", id, e.getMessage());
      }
    }
  }

  @Override
  public void start() {
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            publishPending();
            crls.refreshDue();
          } catch (RuntimeException e) {
            LOG.warn("CRL refresh failed: {}", e.getMessage());
          }
        },
        1,
        1,
        TimeUnit.MINUTES);
  }

  @Override
  public void stop() {
    scheduler.shutdownNow();
  }
}
