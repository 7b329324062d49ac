package dev.pncpki.bridge.bench;

import dev.pncpki.ca.bench.CpuMeter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One measured window of the renewal benchmark: a closed loop keeps {@code concurrency} renewals in
 * flight over the given stations (each renewal on a station not renewing), for {@code seconds};
 * triggers go to the bridges in turn. What it measures: renewals completed in the window, their
 * latency, errors, and the CPU each process used in it.
 */
final class RenewalWindow {
  /** What a window measured. */
  record Stats(
      int seconds,
      List<Long> latencies,
      int errors,
      String lastError,
      Map<String, Double> cpu,
      double machineSeconds) {
    double rate() {
      return latencies.size() / (double) seconds;
    }

    double percentileMillis(double p) {
      int n = latencies.size();
      return n == 0 ? 0 : latencies.get(Math.min(n - 1, (int) (n * p))) / 1e6;
    }
  }

  private RenewalWindow() {}

  /**
   * @param waiting where each station reports its renewal done (null) or failed (why)
   */
  static Stats run(
      List<String> stationIds,
      Map<String, CompletableFuture<String>> waiting,
      List<BridgeProcess> bridges,
      int concurrency,
      int seconds,
      CpuMeter cpu,
      HttpClient http)
      throws InterruptedException {
    List<String> ids = new ArrayList<>(stationIds);
    Collections.shuffle(ids);
    var idle = new LinkedBlockingQueue<>(ids);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger turn = new AtomicInteger();
    var lastError = new AtomicReference<String>();
    Map<String, Double> before = cpu.snapshot();
    double machineBefore = CpuMeter.machineSeconds();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      workers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (System.nanoTime() < end) {
                      String id;
                      try {
                        id = idle.poll(1, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        return;
                      }
                      if (id == null) {
                        continue;
                      }
                      long t0 = System.nanoTime();
                      String error =
                          renew(
                              id,
                              waiting,
                              bridges.get(turn.getAndIncrement() % bridges.size()),
                              http);
                      long t1 = System.nanoTime();
                      if (t1 < end) {
                        if (error == null) {
                          latencies.add(t1 - t0);
                        } else {
                          errors.incrementAndGet();
                          lastError.set(error);
                        }
                      }
                      idle.add(id);
                    }
                  }));
    }
    Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
    var used = CpuMeter.difference(cpu.snapshot(), before);
    double machine = CpuMeter.machineSeconds() - machineBefore;
    for (Thread t : workers) {
      t.join(70_000);
    }
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return new Stats(seconds, sorted, errors.get(), lastError.get(), used, machine);
  }

  /** One renewal: the admin's trigger, and the station's report that it got its certificate. */
  private static String renew(
      String id,
      Map<String, CompletableFuture<String>> waiting,
      BridgeProcess via,
      HttpClient http) {
    var done = new CompletableFuture<String>();
    waiting.put(id, done);
    try {
      var response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:%d/v1/stations/%s/trigger?wait=0"
                              .formatted(via.port, id)))
                  .header("Authorization", "Bearer " + RenewalBenchmark.ADMIN_TOKEN)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"requestedMessage\":\"SignChargingStationCertificate\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() / 100 == 2
          ? done.get(60, TimeUnit.SECONDS)
          : "trigger " + response.statusCode() + " " + response.body();
    } catch (Exception e) {
      return e.toString();
    } finally {
      waiting.remove(id);
    }
  }
}
