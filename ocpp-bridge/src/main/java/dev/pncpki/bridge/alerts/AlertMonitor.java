package dev.pncpki.bridge.alerts;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the checks on one daemon thread every interval and reports each to the hub. The first run
 * waits one interval, so that a bridge starting alongside its CA does not alert on a CA that is
 * still starting.
 */
public final class AlertMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertMonitor.class);
  private static final java.time.Duration FIRST_RUN = java.time.Duration.ofSeconds(5);

  private final Alerts alerts;
  private final List<Check> checks;
  private final Duration interval;
  private final Gate gate;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("alerts").unstarted(r));

  /**
   * Whether a scheduled run goes ahead: several bridge instances share one fleet, and only the one
   * the gate lets through checks it (so a webhook hears each alert once).
   */
  public interface Gate {
    void run(Runnable checks);

    Gate ALWAYS = Runnable::run;
  }

  public AlertMonitor(Alerts alerts, List<Check> checks, Duration interval) {
    this(alerts, checks, interval, Gate.ALWAYS);
  }

  public AlertMonitor(Alerts alerts, List<Check> checks, Duration interval, Gate gate) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the check interval must be positive");
    }
    this.alerts = alerts;
    this.checks = List.copyOf(checks);
    this.interval = interval;
    this.gate = gate;
  }

  public void start() {
    // the first run soon after start: a page that says "all clear" for a whole interval after a
    // start would say it of a broken install too. safeRun catches everything, so the future has
    // nothing to report
    long first = Math.min(interval.toMillis(), FIRST_RUN.toMillis());
    var unused =
        timer.scheduleWithFixedDelay(
            this::safeRun, first, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void safeRun() {
    try {
      gate.run(this::runOnce);
    } catch (RuntimeException e) {
      // a thrown exception would cancel the schedule for good
      LOG.warn("alert checks failed: {}", e.toString());
    }
  }

  /**
   * Runs every check now (tests, an admin "check now"); one run at a time. A check that throws is
   * logged and its kinds keep their previous alerts.
   *
   * @return how many checks failed
   */
  public synchronized int runOnce() {
    int failed = 0;
    for (Check check : checks) {
      try {
        alerts.report(check.kinds(), check.current());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return failed + 1;
      } catch (Exception e) {
        LOG.warn("alert check {} failed, keeping its alerts: {}", check.kinds(), e.toString());
        failed++;
      }
    }
    return failed;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
