package dev.pncpki.ca.app;

import dev.pncpki.ca.audit.AuditAnchoring;
import io.dropwizard.lifecycle.Managed;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the audit anchoring at start-up, every interval, and once more at shutdown, so that the
 * events of a clean stop are signed too. A failure (key backend or database unreachable) is logged
 * once, its end once, and the next tick tries again; a verification meanwhile reports the events
 * that are not yet signed.
 */
final class AuditAnchorTicker implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(AuditAnchorTicker.class);

  private final AuditAnchoring anchoring;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("audit-anchor").daemon().unstarted(r));
  private volatile boolean failing;

  AuditAnchorTicker(AuditAnchoring anchoring) {
    this.anchoring = anchoring;
  }

  @Override
  public void start() {
    long millis = anchoring.schedule().interval().toMillis();
    scheduler.scheduleWithFixedDelay(this::tick, 0, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() throws InterruptedException {
    scheduler.shutdown();
    if (scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
      tick();
    }
  }

  private void tick() {
    try {
      anchoring.anchorIfDue();
      if (failing) {
        LOG.info("audit anchoring works again");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warn("cannot sign the audit chain's head (retrying every interval): {}", e.toString());
        failing = true;
      }
    }
  }
}
