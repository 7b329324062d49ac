package dev.pncpki.bridge.bench;

import dev.pncpki.bridge.station.PasswordHash;
import dev.pncpki.ca.bench.CpuMeter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * End-to-end certificate renewals per second (scripts/bench-bridge renewals; not a test): OpenBao
 * (Transit keys), the CA service with its PostgreSQL, several bridge processes sharing one bridge
 * PostgreSQL, and this JVM playing the stations and the admin who triggers renewals. One renewal:
 * POST /v1/stations/{id}/trigger (an outbox row), TriggerMessage, the station's SignCertificate
 * with a new CSR, issuance by the CA, CertificateSigned (another outbox row), the station's
 * Accepted. A closed loop keeps {@code concurrency} renewals in flight, each on a different
 * station; triggers go to the bridges in turn, whichever holds the station.
 */
public final class RenewalBenchmark {
  static final String ADMIN_TOKEN = "bench-bridge-admin-token";

  private RenewalBenchmark() {}

  public static void main(String[] args) {
    BenchMain.run(args, RenewalBenchmark::run);
  }

  private static void run(String[] args) throws Exception {
    int stations = Integer.parseInt(ConnectionBenchmark.arg(args, "stations", "2000"));
    int concurrency = Integer.parseInt(ConnectionBenchmark.arg(args, "concurrency", "200"));
    // The CA's and the bridges' JIT compilers, at the 100 to 200 renewals a second this machine
    // runs, are still busy after a minute (C2 took a quarter of the CA's CPU at 50 s): 150 s of
    // unmeasured renewals let the measured window see the services as they run for months.
    int warmup = Integer.parseInt(ConnectionBenchmark.arg(args, "warmup", "150"));
    int duration = Integer.parseInt(ConnectionBenchmark.arg(args, "duration", "30"));
    Path work =
        Path.of(ConnectionBenchmark.arg(args, "work-dir", "target/bench-renewals"))
            .toAbsolutePath();
    var report = new StringBuilder();
    try (var peers = BenchPeers.start(args, work, stations, "")) {
      measure(report, peers, stations, concurrency, warmup, duration);
    }
    Files.writeString(work.resolve("report.txt"), report);
    System.out.print(report);
  }

  private static void measure(
      StringBuilder report,
      BenchPeers peers,
      int stations,
      int concurrency,
      int warmup,
      int duration)
      throws Exception {
    List<BridgeProcess> bridges = peers.bridges;
    Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
    var client = new WebSocketClient();
    client.setIdleTimeout(Duration.ofMinutes(30));
    client.start();
    var generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    List<String> ids = new ArrayList<>();
    List<CompletableFuture<?>> connecting = new ArrayList<>();
    for (int i = 0; i < stations; i++) {
      String id = "BENCH-%05d".formatted(i);
      ids.add(id);
      var station =
          new BenchStation(
              id,
              generator.generateKeyPair(),
              (who, error) -> {
                var f = waiting.remove(who);
                if (f != null) {
                  f.complete(error);
                }
              });
      var upgrade = BenchMain.upgrade(id);
      BridgeProcess home = bridges.get(i % bridges.size());
      connecting.add(
          client.connect(
              station, URI.create("ws://127.0.0.1:" + home.port + "/ocpp/" + id), upgrade));
      if (connecting.size() % 100 == 0) {
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new))
            .get(2, TimeUnit.MINUTES);
      }
    }
    CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
    Thread.sleep(2000); // presence rows written
    Collections.shuffle(ids);
    var idle = new LinkedBlockingQueue<>(ids);
    HttpClient http = HttpClient.newBuilder().build();
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
    long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(duration);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger turn = new AtomicInteger();
    var cpu = peers.cpu();
    var before = new java.util.concurrent.atomic.AtomicReference<Map<String, Double>>();
    var lastError = new java.util.concurrent.atomic.AtomicReference<String>();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      workers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (System.nanoTime() < measureTo) {
                      String id;
                      try {
                        id = idle.take();
                      } catch (InterruptedException e) {
                        return;
                      }
                      var done = new CompletableFuture<String>();
                      waiting.put(id, done);
                      long t0 = System.nanoTime();
                      BridgeProcess via = bridges.get(turn.getAndIncrement() % bridges.size());
                      String error;
                      try {
                        var response =
                            http.send(
                                HttpRequest.newBuilder(
                                        URI.create(
                                            "http://127.0.0.1:%d/v1/stations/%s/trigger?wait=0"
                                                .formatted(via.port, id)))
                                    .header("Authorization", "Bearer " + ADMIN_TOKEN)
                                    .header("Content-Type", "application/json")
                                    .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                            "{\"requestedMessage\":\"SignChargingStationCertificate\"}"))
                                    .build(),
                                HttpResponse.BodyHandlers.ofString());
                        error =
                            response.statusCode() / 100 == 2
                                ? done.get(60, TimeUnit.SECONDS)
                                : "trigger " + response.statusCode() + " " + response.body();
                      } catch (Exception e) {
                        error = e.toString();
                      }
                      waiting.remove(id);
                      long t1 = System.nanoTime();
                      if (t1 >= measureFrom && t1 < measureTo) {
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
    Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(measureFrom - System.nanoTime())));
    before.set(cpu.snapshot());
    double machineBefore = CpuMeter.machineSeconds();
    Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(measureTo - System.nanoTime())));
    var used = CpuMeter.difference(cpu.snapshot(), before.get());
    double machine = CpuMeter.machineSeconds() - machineBefore;
    for (Thread t : workers) {
      t.join(70_000);
    }
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    int n = sorted.size();
    double rate = n / (double) duration;
    report
        .append(
            "End-to-end renewals (trigger, TriggerMessage, SignCertificate, issuance with keys in")
        .append(" OpenBao Transit, CertificateSigned Accepted)\n");
    report
        .append(
            "  %d stations over %d bridge processes sharing one PostgreSQL; %d in flight; "
                .formatted(stations, bridges.size(), concurrency))
        .append("warm-up %d s, measured %d s\n".formatted(warmup, duration));
    report.append("  renewals      %,.1f/s (target 500/s)%n".formatted(rate));
    if (n > 0) {
      report.append(
          "  latency       p50 %.0f ms, p99 %.0f ms%n"
              .formatted(
                  sorted.get(n / 2) / 1e6, sorted.get(Math.min(n - 1, (int) (n * 0.99))) / 1e6));
    }
    report.append(
        "  errors        %d%s%n"
            .formatted(
                errors.get(), lastError.get() == null ? "" : " (last: " + lastError.get() + ")"));
    report.append(
        "  CPU per renewal (ms), machine %.2f cores busy of %d:%n"
            .formatted(machine / duration, Runtime.getRuntime().availableProcessors()));
    used.forEach(
        (name, seconds) ->
            report.append("    %-18s %6.2f%n".formatted(name, n == 0 ? 0 : seconds * 1000 / n)));
    client.stop();
  }

  static String bridgeConfig(
      int port, int admin, String caUrl, String schemas, String jdbc, int index) throws Exception {
    return """
        server:
          applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: %d, acceptQueueSize: 1024}]
          adminConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
          requestLog: {appenders: []}
        logging: {level: %s}
        ca: {url: "%s", token: embedded-bridge-token}
        organization: Demo CPO
        adminTokenSha256: %s
        schemaDirectory: "%s"
        database: {url: "%s", user: postgres, password: "", poolSize: 24}
        instanceId: bridge-%d
        stations:
        """
        .formatted(
            port,
            admin,
            System.getProperty("bench.bridgeLog", "WARN"),
            caUrl,
            sha256(ADMIN_TOKEN),
            schemas,
            jdbc,
            index);
  }

  /** -Dbench.bridgeJfr=true records each bridge with JDK Flight Recorder (for profiling). */
  static List<String> bridgeJvm(Path work, int index) {
    List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
    if (Boolean.getBoolean("bench.bridgeJfr")) {
      jvm.add(
          "-XX:StartFlightRecording=filename=%s,settings=profile"
              .formatted(work.resolve("bridge-" + index + ".jfr")));
    }
    return jvm;
  }

  static String stationsYaml(int stations) {
    String hash = PasswordHash.of(BenchMain.STATION_PASSWORD);
    var out = new StringBuilder();
    for (int i = 0; i < stations; i++) {
      out.append("  - {id: BENCH-%05d, passwordHash: \"%s\"}\n".formatted(i, hash));
    }
    return out.toString();
  }

  static String sha256(String s) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
