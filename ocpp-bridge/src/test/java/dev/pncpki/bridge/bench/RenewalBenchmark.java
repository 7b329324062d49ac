package dev.pncpki.bridge.bench;

import dev.pncpki.bridge.station.PasswordHash;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * End-to-end certificate renewals per second (scripts/bench-bridge renewals; not a test): OpenBao
 * (Transit keys), the CA service with its PostgreSQL, several bridge processes sharing one bridge
 * PostgreSQL, and this JVM playing the stations and the admin who triggers renewals. One renewal:
 * POST /v1/stations/{id}/trigger (an outbox row), TriggerMessage, the station's SignCertificate
 * with a new CSR, issuance by the CA, CertificateSigned (another outbox row), the station's
 * Accepted. A closed loop keeps {@code concurrency} renewals in flight, each on a different
 * station; triggers go to the bridges in turn, whichever holds the station. After a warm-up over
 * every station, one window per kind of station ({@link #GROUPS}: OCPP 2.0.1, OCPP 2.1 with
 * requestId, 2.0.1 with permessage-deflate) measures it alone, so the kinds are compared in one run
 * on the same warm processes.
 */
public final class RenewalBenchmark {
  static final String ADMIN_TOKEN = "bench-bridge-admin-token";

  private RenewalBenchmark() {}

  public static void main(String[] args) {
    BenchMain.run(args, RenewalBenchmark::run);
  }

  /** Stations of one kind: their OCPP version, and whether they offer permessage-deflate. */
  record Group(String version, boolean deflate) {
    String label() {
      return version + (deflate ? " + permessage-deflate" : "");
    }
  }

  /** Side by side in one run: 2.0.1, 2.1, and 2.0.1 with compression. */
  static final List<Group> GROUPS =
      List.of(
          new Group("ocpp2.0.1", false), new Group("ocpp2.1", false), new Group("ocpp2.0.1", true));

  private static void run(String[] args) throws Exception {
    int stations = Integer.parseInt(ConnectionBenchmark.arg(args, "stations", "2000"));
    int concurrency = Integer.parseInt(ConnectionBenchmark.arg(args, "concurrency", "200"));
    // The CA's and the bridges' JIT compilers, at the 100 to 200 renewals a second this machine
    // runs, are still busy after a minute (C2 took a quarter of the CA's CPU at 50 s): 150 s of
    // unmeasured renewals let the measured windows see the services as they run for months.
    int warmup = Integer.parseInt(ConnectionBenchmark.arg(args, "warmup", "150"));
    int duration = Integer.parseInt(ConnectionBenchmark.arg(args, "duration", "30"));
    Path work =
        Path.of(ConnectionBenchmark.arg(args, "work-dir", "target/bench-renewals"))
            .toAbsolutePath();
    var report = new StringBuilder();
    // a benchmark measures throughput, not the per-station issuance limit
    try (var peers =
        BenchPeers.start(args, work, stations, "signing: {certificatesPerWindow: 1000000}\n")) {
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
    Map<Group, List<String>> ids = new LinkedHashMap<>();
    Map<Group, List<BenchStation>> byGroup = new LinkedHashMap<>();
    List<CompletableFuture<?>> connecting = new ArrayList<>();
    for (int i = 0; i < stations; i++) {
      String id = "BENCH-%05d".formatted(i);
      Group group = GROUPS.get(i % GROUPS.size());
      ids.computeIfAbsent(group, g -> new ArrayList<>()).add(id);
      var station =
          new BenchStation(
              id,
              group.version(),
              generator.generateKeyPair(),
              (who, error) -> {
                var f = waiting.remove(who);
                if (f != null) {
                  f.complete(error);
                }
              });
      byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(station);
      BridgeProcess home = bridges.get(i % bridges.size());
      connecting.add(
          client.connect(
              station,
              URI.create("ws://127.0.0.1:" + home.port + "/ocpp/" + id),
              BenchMain.upgrade(id, group.version(), group.deflate())));
      if (connecting.size() % 100 == 0) {
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new))
            .get(2, TimeUnit.MINUTES);
      }
    }
    CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
    Thread.sleep(2000); // presence rows written
    HttpClient http = HttpClient.newBuilder().build();
    var cpu = peers.cpu();
    List<String> everyone = ids.values().stream().flatMap(List::stream).toList();
    RenewalWindow.run(everyone, waiting, bridges, concurrency, warmup, cpu, http); // warm-up
    Map<Group, RenewalWindow.Stats> measured = new LinkedHashMap<>();
    for (Group g : GROUPS) {
      measured.put(
          g, RenewalWindow.run(ids.get(g), waiting, bridges, concurrency, duration, cpu, http));
    }
    report
        .append("End-to-end renewals (trigger, TriggerMessage, SignCertificate, issuance with keys")
        .append(" in OpenBao Transit, CertificateSigned Accepted)\n")
        .append(
            "  %d stations over %d bridge processes sharing one PostgreSQL, a third of them per"
                .formatted(stations, bridges.size()))
        .append(
            " kind below; %d in flight; warm-up %d s (all kinds), then %d s per kind\n"
                .formatted(concurrency, warmup, duration));
    measured.forEach((g, st) -> describe(report, g, st, byGroup.get(g)));
    client.stop();
  }

  private static void describe(
      StringBuilder report, Group group, RenewalWindow.Stats st, List<BenchStation> stations) {
    int n = st.latencies().size();
    long renewals = stations.stream().mapToLong(BenchStation::renewals).sum();
    long plain = stations.stream().mapToLong(s -> s.bytes.plain()).sum();
    long deflated = stations.stream().mapToLong(s -> s.bytes.deflated()).sum();
    report.append("%n  %s%n".formatted(group.label()));
    report.append("    renewals      %,.1f/s%n".formatted(st.rate()));
    report.append(
        "    latency       p50 %.0f ms, p99 %.0f ms%n"
            .formatted(st.percentileMillis(0.5), st.percentileMillis(0.99)));
    report.append(
        "    errors        %d%s%n"
            .formatted(
                st.errors(), st.lastError() == null ? "" : " (last: " + st.lastError() + ")"));
    if (renewals > 0) {
      report.append(
          "    bytes per renewal (OCPP messages both ways, all windows): %,d as text, %,d with"
                  .formatted(plain / renewals, deflated / renewals)
              + " permessage-deflate (%.0f %%)%n".formatted(100.0 * deflated / plain));
    }
    report.append(
        "    CPU per renewal (ms), machine %.2f cores busy of %d:%n"
            .formatted(
                st.machineSeconds() / st.seconds(), Runtime.getRuntime().availableProcessors()));
    st.cpu()
        .forEach(
            (name, seconds) ->
                report.append(
                    "      %-18s %6.2f%n".formatted(name, n == 0 ? 0 : seconds * 1000 / n)));
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
        # thousands of stations connect at once here: the login budget is for the field
        loginThrottle: {checksPerSecond: 100000}
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
