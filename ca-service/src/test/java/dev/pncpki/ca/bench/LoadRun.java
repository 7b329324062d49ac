package dev.pncpki.ca.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A closed-loop load: a fixed number of clients (virtual threads), each sending its next request as
 * soon as the previous answer is in. A warm-up runs unmeasured first; then every request that
 * starts inside the measured window counts. Every client stops by itself at the window's end.
 */
final class LoadRun {
  private LoadRun() {}

  /** One request by client {@code client}; true if the answer was the expected one. */
  interface Call {
    boolean call(int client) throws Exception;
  }

  /** Runs at the start and at the end of the measured window (snapshots of counters). */
  interface Hooks {
    void measuring();

    void measured();
  }

  /** What one measured window gave: latencies in nanoseconds, sorted. */
  @SuppressWarnings("ArrayRecordComponent") // a read-only sample, never compared
  record Result(
      String name,
      int clients,
      long ok,
      long failed,
      long nanos,
      long[] latencies,
      String firstFailure) {
    double perSecond() {
      return ok * 1e9 / nanos;
    }

    double millis(double percentile) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(percentile / 100.0 * latencies.length) - 1;
      return latencies[Math.max(0, Math.min(latencies.length - 1, i))] / 1e6;
    }

    double meanMillis() {
      return latencies.length == 0
          ? Double.NaN
          : Arrays.stream(latencies).average().orElse(0) / 1e6;
    }

    double maxMillis() {
      return latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6;
    }
  }

  static Result run(
      String name, int clients, Duration warmup, Duration measure, Call call, Hooks hooks)
      throws InterruptedException {
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long measureUntil = measureFrom + measure.toNanos();
    List<Client> all = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    for (int i = 0; i < clients; i++) {
      var c = new Client(i, call, measureFrom, measureUntil, firstFailure);
      all.add(c);
      threads.add(Thread.ofVirtual().name(name + "-" + i).start(c::loop));
    }
    LockSupport.parkNanos(measureFrom - System.nanoTime());
    hooks.measuring();
    LockSupport.parkNanos(measureUntil - System.nanoTime());
    for (Thread t : threads) {
      t.join(Duration.ofMinutes(2)); // the last request of a client may still be in flight
    }
    long end = all.stream().mapToLong(c -> c.lastEnd).max().orElse(measureUntil);
    hooks.measured();
    long ok = all.stream().mapToLong(c -> c.count).sum();
    long failed = all.stream().mapToLong(c -> c.failed).sum();
    long[] latencies = new long[(int) ok];
    int at = 0;
    for (Client c : all) {
      System.arraycopy(c.latencies, 0, latencies, at, c.count);
      at += c.count;
    }
    Arrays.sort(latencies);
    return new Result(
        name,
        clients,
        ok,
        failed,
        Math.max(1, Math.max(end, measureUntil) - measureFrom),
        latencies,
        firstFailure.get());
  }

  private static final class Client {
    private final int id;
    private final Call call;
    private final long measureFrom;
    private final long measureUntil;
    private final AtomicReference<String> firstFailure;
    private long[] latencies = new long[4096];
    private int count;
    private long failed;
    private volatile long lastEnd;

    Client(int id, Call call, long from, long until, AtomicReference<String> firstFailure) {
      this.id = id;
      this.call = call;
      this.measureFrom = from;
      this.measureUntil = until;
      this.firstFailure = firstFailure;
    }

    void loop() {
      while (true) {
        long t0 = System.nanoTime();
        if (t0 >= measureUntil) {
          return;
        }
        String failure = null;
        try {
          if (!call.call(id)) {
            failure = "an answer other than the expected one";
          }
        } catch (Exception e) {
          failure = e.toString();
        }
        long t1 = System.nanoTime();
        if (failure != null) {
          LockSupport.parkNanos(1_000_000); // no hot loop against a peer that keeps failing
        }
        if (t0 < measureFrom) {
          continue;
        }
        lastEnd = t1;
        if (failure != null) {
          failed++;
          firstFailure.compareAndSet(null, failure);
          continue;
        }
        if (count == latencies.length) {
          latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = t1 - t0;
      }
    }
  }
}
