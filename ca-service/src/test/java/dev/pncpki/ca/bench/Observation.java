package dev.pncpki.ca.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counters read at the start and end of a measured window, from outside the service: CPU per
 * process, OpenBao's per-route request timers, the service's Dropwizard metrics (admin port) and
 * PostgreSQL's statistics. Whatever cannot be read is left out rather than failing the run.
 */
final class Observation implements LoadRun.Hooks {
  private final CpuMeter cpu;
  private final BaoServer bao;
  private final CaProcess ca;
  private final Optional<PgProbe> pg;
  private Map<String, Double> cpuBefore = Map.of();
  private Map<String, Double> cpuDelta = Map.of();
  private double machineBefore;
  private double machineDelta = Double.NaN;
  private Map<String, double[]> baoBefore = Map.of();
  private Map<String, double[]> baoAfter = Map.of();
  private JsonNode caBefore;
  private JsonNode caAfter;
  private PgProbe.Counters pgBefore;
  private PgProbe.Counters pgDelta;
  private PgProbe.Activity pgActivity;

  Observation(CpuMeter cpu, BaoServer bao, CaProcess ca, Optional<PgProbe> pg) {
    this.cpu = cpu;
    this.bao = bao;
    this.ca = ca;
    this.pg = pg;
  }

  @Override
  public void measuring() {
    baoBefore = quietly(bao::routeTimers, Map.of());
    caBefore = ca.metrics();
    pg.ifPresent(
        p -> {
          pgBefore = quietly(p::counters, null);
          p.startSampling();
        });
    cpuBefore = cpu.snapshot();
    machineBefore = CpuMeter.machineSeconds();
  }

  @Override
  public void measured() {
    machineDelta = CpuMeter.machineSeconds() - machineBefore;
    cpuDelta = CpuMeter.difference(cpu.snapshot(), cpuBefore);
    pg.ifPresent(
        p -> {
          pgActivity = quietly(p::stopSampling, null);
          PgProbe.Counters after = quietly(p::counters, null);
          if (after != null && pgBefore != null) {
            pgDelta =
                new PgProbe.Counters(
                    after.sessions() - pgBefore.sessions(), after.commits() - pgBefore.commits());
          }
        });
    baoAfter = quietly(bao::routeTimers, Map.of());
    caAfter = ca.metrics();
  }

  /** CPU seconds per process during the window. */
  Map<String, Double> cpuSeconds() {
    return cpuDelta;
  }

  /** CPU seconds every process on the machine used during the window (NaN if unknown). */
  double machineSeconds() {
    return machineDelta;
  }

  /** Requests OpenBao served on a route during the window, and their total milliseconds there. */
  double[] baoRoute(String route) {
    double[] before = baoBefore.getOrDefault(route, new double[2]);
    double[] after = baoAfter.getOrDefault(route, new double[2]);
    return new double[] {after[0] - before[0], after[1] - before[1]};
  }

  /** The service's timers whose names contain one of the words, as name -> (count delta, node). */
  Map<String, Map.Entry<Long, JsonNode>> caTimers(String... words) {
    Map<String, Map.Entry<Long, JsonNode>> found = new LinkedHashMap<>();
    if (caAfter == null) {
      return found;
    }
    caAfter
        .path("timers")
        .properties()
        .forEach(
            e -> {
              for (String w : words) {
                if (e.getKey().contains(w)) {
                  long before =
                      caBefore == null
                          ? 0
                          : caBefore.path("timers").path(e.getKey()).path("count").asLong();
                  found.put(
                      e.getKey(),
                      Map.entry(e.getValue().path("count").asLong() - before, e.getValue()));
                  break;
                }
              }
            });
    return found;
  }

  /** Seconds per unit of the service's timer values ("seconds" or "milliseconds"). */
  double caDurationUnitSeconds() {
    String unit =
        caAfter == null
            ? ""
            : caAfter.path("timers").elements().hasNext()
                ? caAfter.path("timers").elements().next().path("duration_units").asText("seconds")
                : "seconds";
    return unit.startsWith("milli") ? 1e-3 : unit.startsWith("micro") ? 1e-6 : 1.0;
  }

  Optional<PgProbe.Counters> pgCounters() {
    return Optional.ofNullable(pgDelta);
  }

  Optional<PgProbe.Activity> pgActivity() {
    return Optional.ofNullable(pgActivity);
  }

  /** A reading that must not end the run: on failure, the fallback. */
  interface Reading<T> {
    T read() throws Exception;
  }

  private static <T> T quietly(Reading<T> reading, T fallback) {
    try {
      return reading.read();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return fallback;
    }
  }
}
