package dev.pncpki.ca.app;

import dev.pncpki.ca.issuance.CrashRecovery;
import dev.pncpki.ca.issuance.InFlightRow;
import dev.pncpki.ca.store.InstanceLock;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash recovery while the service runs (docs/operations.md): every few seconds it keeps this
 * instance's lock and resolves what instances that died meanwhile left in flight. The start-up run
 * happens before the service serves, in {@link #atStartUp}. Stopped before the database.
 */
final class CrashRecoveryTask implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryTask.class);
  static final Duration INTERVAL = Duration.ofSeconds(5);

  private final CrashRecovery recovery;
  private final InstanceLock lock;
  private ScheduledExecutorService timer;
  private boolean databaseAway;

  CrashRecoveryTask(CrashRecovery recovery, InstanceLock lock) {
    this.recovery = recovery;
    this.lock = lock;
  }

  /** The start-up run: what a crash of this or another instance left is resolved at once. */
  void atStartUp() {
    log(recovery.run(), "at start-up");
  }

  @Override
  public void start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("crash-recovery").daemon().unstarted(r));
    timer.scheduleWithFixedDelay(
        this::tick, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      if (!lock.keep()) {
        LOG.warn("instance lock taken again (as {}) after the database was away", lock.owner());
      }
      log(recovery.run(), "");
      if (databaseAway) {
        LOG.info("crash recovery reaches the database again");
        databaseAway = false;
      }
    } catch (RuntimeException e) {
      if (!databaseAway) {
        LOG.warn("crash recovery cannot reach the database: {}", e.getMessage());
        databaseAway = true;
      }
    }
  }

  private static void log(List<InFlightRow> failed, String when) {
    for (InFlightRow row : failed) {
      LOG.warn(
          "crash recovery {}: issuance {} of {} failed (left in flight by instance {}){}",
          when,
          row.target(),
          row.requester(),
          row.owner(),
          row.emaid() == null ? "" : ", contract " + row.emaid() + " for PCID " + row.pcid());
    }
  }

  @Override
  public void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
    lock.close();
  }
}
