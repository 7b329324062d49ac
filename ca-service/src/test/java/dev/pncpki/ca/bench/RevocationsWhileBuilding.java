package dev.pncpki.ca.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;

/**
 * The CRL benchmark's load window: revocations through the API one after another, each followed by
 * an OCSP query for the certificate just revoked (which must answer revoked at once), while
 * keep-alive clients ask the responder about a good certificate as fast as they can and the CA
 * rebuilds the large CRL in the background after each burst of revocations. The service's heap is
 * sampled from its metrics throughout.
 */
final class RevocationsWhileBuilding {
  static final String CA = "cpo-sub-ca-2";

  @SuppressWarnings("ArrayRecordComponent") // a read-only sample, never compared
  record Outcome(
      long[] revokeNanos,
      int revokedAtOnce,
      long ocspOk,
      long ocspFailed,
      long windowNanos,
      long maxHeapBytes) {
    double revokeMillis(double percentile) {
      int i = (int) Math.ceil(percentile / 100.0 * revokeNanos.length) - 1;
      return revokeNanos[Math.max(0, Math.min(revokeNanos.length - 1, i))] / 1e6;
    }

    double ocspPerSecond() {
      return ocspOk * 1e9 / windowNanos;
    }

    void report(Report r) {
      r.line(
          "  revoke        %d calls over %.1f s: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
          revokeNanos.length,
          windowNanos / 1e9,
          revokeMillis(50),
          revokeMillis(99),
          revokeMillis(100));
      r.line(
          "  OCSP          revoked at once for %d of %d (queried right after each revoke answered)",
          revokedAtOnce, revokeNanos.length);
      if (ocspOk + ocspFailed > 0) {
        r.line("  OCSP load     %,.0f responses/s (%,d failed)", ocspPerSecond(), ocspFailed);
      }
      r.line("  CA heap       at most %,d MB used (sampled every 250 ms)", maxHeapBytes >> 20);
    }
  }

  private RevocationsWhileBuilding() {}

  static Outcome run(
      CaProcess ca, List<JsonNode> toRevoke, JsonNode good, int ocspClients, Duration spacing)
      throws Exception {
    var running = new AtomicBoolean(true);
    var ok = new AtomicLong();
    var failed = new AtomicLong();
    var heap = new AtomicLong();
    byte[] goodRequest = target(good).request();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < ocspClients; i++) {
      threads.add(Thread.ofPlatform().start(() -> askGood(ca, goodRequest, running, ok, failed)));
    }
    threads.add(Thread.ofPlatform().start(() -> sampleHeap(ca, running, heap)));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long[] nanos = new long[toRevoke.size()];
    int revokedAtOnce = 0;
    long start = System.nanoTime();
    try {
      for (int i = 0; i < toRevoke.size(); i++) {
        JsonNode cert = toRevoke.get(i);
        long t0 = System.nanoTime();
        int status = revoke(http, ca, cert.path("serial").asText());
        nanos[i] = System.nanoTime() - t0;
        if (status != 200) {
          throw new IllegalStateException("revocation answered " + status);
        }
        if (answersRevoked(ca, target(cert).request())) {
          revokedAtOnce++;
        }
        Thread.sleep(spacing.toMillis());
      }
    } finally {
      running.set(false);
      for (Thread t : threads) {
        t.join();
      }
    }
    long window = System.nanoTime() - start;
    Arrays.sort(nanos);
    return new Outcome(nanos, revokedAtOnce, ok.get(), failed.get(), window, heap.get());
  }

  static OcspTarget target(JsonNode issued) throws Exception {
    return OcspTarget.of(issued.path("certificate").asText(), issued.path("chain").asText());
  }

  private static int revoke(HttpClient http, CaProcess ca, String serial) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(ca.baseUrl() + "/v1/certificates/" + serial + "/revoke"))
            .header("Authorization", "Bearer embedded-admin-token")
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(120))
            .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"keyCompromise\"}"))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static boolean answersRevoked(CaProcess ca, byte[] request) throws Exception {
    try (var c =
        new KeepAliveConnection(ca.port(), "/ocsp/" + CA, "application/ocsp-request", request)) {
      var answer = c.send();
      if (answer.status() != 200) {
        return false;
      }
      var basic = (BasicOCSPResp) new OCSPResp(answer.body()).getResponseObject();
      return basic.getResponses()[0].getCertStatus() instanceof RevokedStatus;
    }
  }

  private static void askGood(
      CaProcess ca, byte[] request, AtomicBoolean running, AtomicLong ok, AtomicLong failed) {
    try (var c =
        new KeepAliveConnection(ca.port(), "/ocsp/" + CA, "application/ocsp-request", request)) {
      while (running.get()) {
        try {
          (c.send().status() == 200 ? ok : failed).incrementAndGet();
        } catch (java.io.IOException e) {
          failed.incrementAndGet();
        }
      }
    }
  }

  private static void sampleHeap(CaProcess ca, AtomicBoolean running, AtomicLong max) {
    while (running.get()) {
      long used = heapUsed(ca);
      max.accumulateAndGet(used, Math::max);
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  static long heapUsed(CaProcess ca) {
    JsonNode metrics = ca.metrics();
    return metrics == null
        ? 0
        : metrics.path("gauges").path("jvm.memory.heap.used").path("value").asLong();
  }
}
