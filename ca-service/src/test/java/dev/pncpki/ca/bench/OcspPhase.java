package dev.pncpki.ca.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Phase 3: OCSP for one issued certificate, POST /ocsp/cpo-sub-ca-2 with a nonce-less DER request,
 * which the responder answers from its pre-signed cache. The first answer is checked fully and
 * kept; later answers count as fine if they are byte-identical to it (or, if the responder signed a
 * fresh one, if that checks out too). Key-backend signatures during the window are counted on both
 * sides: the service's Transit timer, if it has one, and OpenBao's Transit route.
 */
final class OcspPhase {
  static final String CONTENT_TYPE = "application/ocsp-request";

  private OcspPhase() {}

  /** Runs the phase and reports it; empty if it could not run. */
  static Optional<LoadRun.Result> run(
      BenchOptions options, Report report, CaProcess ca, Observation seen, JsonNode issued)
      throws Exception {
    report
        .line("")
        .line(
            "3. OCSP from the cache: POST %s (DER request, SHA-1 CertID, no nonce)",
            CaBenchmark.OCSP_PATH);
    if (issued == null) {
      report.line("  skipped: phase 1 issued no certificate to ask about");
      return Optional.empty();
    }
    var target = OcspTarget.of(issued.path("certificate").asText(), issued.path("chain").asText());
    byte[] warmed;
    try (var warm = connection(ca, target)) {
      var first = warm.send();
      String problem =
          first.status() == 200 ? target.problemWith(first.body()) : "HTTP " + first.status();
      if (problem != null) {
        report.line("  skipped: the first OCSP answer is not usable: %s", problem);
        return Optional.empty();
      }
      warmed = first.body();
    }
    report.line(
        "  asking about serial %s; warmed once: %d-byte answer, signature and 'good' status checked",
        target.certificate().getSerialNumber().toString(16), warmed.length);
    var connections = new KeepAliveConnection[options.ocspConcurrency()];
    for (int i = 0; i < connections.length; i++) {
      connections[i] = connection(ca, target);
    }
    var fresh = new AtomicLong();
    CaBenchmark.progress("phase 3: OCSP over " + connections.length + " keep-alive connections");
    LoadRun.Result r;
    try {
      r =
          LoadRun.run(
              "ocsp",
              connections.length,
              options.warmup(),
              options.duration(),
              c -> {
                var answer = connections[c].send();
                if (answer.status() != 200) {
                  return false;
                }
                if (Arrays.equals(answer.body(), warmed)) {
                  return true;
                }
                fresh.incrementAndGet();
                return target.problemWith(answer.body()) == null;
              },
              seen);
    } finally {
      Arrays.stream(connections).forEach(KeepAliveConnection::close);
    }
    report.load(r, "responses");
    report.cpu(seen, r, "response");
    report.line(
        "  answers       %,d differed from the warmed one (newly signed), warm-up included",
        fresh.get());
    var transit = seen.caTimers("transit.sign");
    if (transit.isEmpty()) {
      report.line(
          "  signatures    the service has no Transit timer in its /metrics; OpenBao's count:");
    } else {
      transit.forEach(
          (name, t) ->
              report.line(
                  "  signatures    %,d key-backend signatures in the window (service timer %s)",
                  t.getKey(), name));
    }
    double[] calls = seen.baoRoute("update_transit");
    report.line("  signatures    %,.0f Transit requests reached OpenBao in the window", calls[0]);
    report.serviceTimers(seen, "ocsp", "Ocsp");
    return Optional.of(r);
  }

  private static KeepAliveConnection connection(CaProcess ca, OcspTarget target) {
    return new KeepAliveConnection(
        ca.port(), CaBenchmark.OCSP_PATH, CONTENT_TYPE, target.request());
  }
}
