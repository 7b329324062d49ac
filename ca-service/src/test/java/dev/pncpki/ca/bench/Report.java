package dev.pncpki.ca.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;
import java.util.Locale;
import java.util.Map;

/** The benchmark's report as plain text: one section per phase, then the verdicts. */
final class Report {
  private final StringBuilder text = new StringBuilder();
  private final int cores = Runtime.getRuntime().availableProcessors();

  @FormatMethod
  Report line(@FormatString String format, Object... args) {
    text.append(String.format(Locale.ROOT, format, args)).append('\n');
    return this;
  }

  @Override
  public String toString() {
    return text.toString();
  }

  /** Throughput and latency of one measured window. */
  void load(LoadRun.Result r, String unit) {
    line(
        "  throughput    %,.1f %s/s  (%,d ok, %,d failed, %d clients, %.2f s measured)",
        r.perSecond(), unit, r.ok(), r.failed(), r.clients(), r.nanos() / 1e9);
    line(
        "  latency (ms)  p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  mean %.2f",
        r.millis(50), r.millis(90), r.millis(99), r.maxMillis(), r.meanMillis());
    if (r.firstFailure() != null) {
      line("  first failure %s", r.firstFailure());
    }
  }

  /** CPU per request per process, and the ceiling that CPU alone sets on these cores. */
  void cpu(Observation o, LoadRun.Result r, String unit) {
    Map<String, Double> seconds = o.cpuSeconds();
    if (seconds.isEmpty() || r.ok() == 0) {
      return;
    }
    var parts = new StringBuilder();
    double total = 0;
    for (var e : seconds.entrySet()) {
      double ms = e.getValue() * 1000 / r.ok();
      total += ms;
      parts.append(String.format(Locale.ROOT, "%s %.3f, ", e.getKey(), ms));
    }
    double window = r.nanos() / 1e9;
    double busy = seconds.values().stream().mapToDouble(Double::doubleValue).sum() / window;
    line("  CPU ms per %s: %stotal %.3f", unit, parts, total);
    line(
        "  CPU use       %.2f of %d cores busy; CPU alone would cap this at ~%,.0f %s/s",
        busy, cores, cores * 1000 / total, unit);
    double others = o.machineSeconds() / window - busy;
    if (!Double.isNaN(others)) {
      line(
          "  CPU use       %.2f cores busy with other processes on the machine",
          Math.max(0, others));
    }
  }

  /** What the service's own timers (admin /metrics) saw in the window, if it has them. */
  void serviceTimers(Observation o, String... words) {
    double unit = o.caDurationUnitSeconds() * 1000;
    for (var e : o.caTimers(words).entrySet()) {
      if (e.getValue().getKey() == 0 || e.getKey().endsWith("filtering")) {
        continue; // idle, or Jersey's filter-stage timers next to the resource's own
      }
      JsonNode t = e.getValue().getValue();
      line(
          "  service timer %s: %,d in window; recent mean %.2f ms, p50 %.2f, p99 %.2f",
          e.getKey(),
          e.getValue().getKey(),
          t.path("mean").asDouble() * unit,
          t.path("p50").asDouble() * unit,
          t.path("p99").asDouble() * unit);
    }
  }

  /** OpenBao's view of one route: calls in the window and their mean time inside OpenBao. */
  void baoRoute(Observation o, String route, String what, LoadRun.Result r, String unit) {
    double[] d = o.baoRoute(route);
    if (d[0] <= 0) {
      line("  OpenBao       no %s requests in the window", what);
      return;
    }
    line(
        "  OpenBao       %,.0f %s requests (%.1f %ss each), mean %.2f ms inside OpenBao, %.2f in"
            + " flight on average",
        d[0], what, r.ok() / d[0], unit, d[1] / d[0], d[1] / 1000 / (r.nanos() / 1e9));
  }

  /** PostgreSQL's side of the window; Little's law turns the sampled counts into time per item. */
  void postgres(Observation o, LoadRun.Result r, String unit) {
    o.pgCounters()
        .ifPresent(
            c ->
                line(
                    "  PostgreSQL    %.2f new sessions and %.2f commits per %s",
                    c.sessions() / (double) r.ok(), c.commits() / (double) r.ok(), unit));
    o.pgActivity()
        .ifPresent(
            a ->
                line(
                    "  PostgreSQL    %.1f backends busy on average, %.1f of them waiting for a"
                        + " lock: ~%.2f ms per %s in statements, ~%.2f ms of it lock waits",
                    a.active(),
                    a.waitingForLock(),
                    a.active() * 1000 / r.perSecond(),
                    unit,
                    a.waitingForLock() * 1000 / r.perSecond()));
  }

  void verdict(String what, double value, double target, String unit) {
    if (value >= target) {
      line("  %s: %,.2f%s, target >= %,.2f%s: MET", what, value, unit, target, unit);
    } else {
      line(
          "  %s: %,.2f%s, target >= %,.2f%s: MISSED by %.0f%% (needs %.2fx more)",
          what, value, unit, target, unit, 100 * (1 - value / target), target / value);
    }
  }
}
