package dev.pncpki.bridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.ca.bench.CpuMeter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How long a fleet rotation takes (scripts/bench-bridge campaign; not a test): OpenBao (Transit
 * keys), the CA service, several bridge processes sharing one PostgreSQL, and this JVM playing
 * {@code stations} stations spread over the bridges. One admin call starts a rotation campaign over
 * all of them; the bridges' campaign runner (whichever holds the lock) asks {@code concurrency}
 * stations at a time, each station's own bridge delivers its trigger, issues its new certificate
 * and delivers it. Measured: from the POST until the campaign is completed.
 */
public final class CampaignBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CampaignBenchmark() {}

  public static void main(String[] args) {
    BenchMain.run(args, CampaignBenchmark::run);
  }

  private static void run(String[] args) throws Exception {
    int stations = Integer.parseInt(ConnectionBenchmark.arg(args, "stations", "20000"));
    int concurrency = Integer.parseInt(ConnectionBenchmark.arg(args, "concurrency", "300"));
    int waveSize = Integer.parseInt(ConnectionBenchmark.arg(args, "wave-size", "5000"));
    int warmup = Integer.parseInt(ConnectionBenchmark.arg(args, "warmup-stations", "4000"));
    Path work =
        Path.of(ConnectionBenchmark.arg(args, "work-dir", "target/bench-campaign"))
            .toAbsolutePath();
    var report = new StringBuilder();
    try (var peers = BenchPeers.start(args, work, stations, "campaignPassMillis: 200\n")) {
      measure(report, peers, stations, concurrency, waveSize, warmup);
    }
    Files.writeString(work.resolve("report.txt"), report);
    System.out.print(report);
  }

  private static void measure(
      StringBuilder report,
      BenchPeers peers,
      int stations,
      int concurrency,
      int waveSize,
      int warmup)
      throws Exception {
    List<BridgeProcess> bridges = peers.bridges;
    // stations in processes of their own, each under the machine's limit of open files
    int perProcess = 8000;
    String ports = String.join(",", bridges.stream().map(b -> String.valueOf(b.port)).toList());
    List<Host> hosts = new ArrayList<>();
    long connectStart = System.nanoTime();
    for (int from = 0; from < stations; from += perProcess) {
      hosts.add(Host.start(from, Math.min(stations, from + perProcess), ports));
    }
    for (Host h : hosts) {
      h.awaitConnected();
    }
    double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
    Thread.sleep(3000); // presence rows written

    var cpu = peers.cpu();
    for (int h = 0; h < hosts.size(); h++) {
      cpu.process("stations " + h, hosts.get(h).process.pid());
    }
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + bridges.get(0).port;
    double warmupSeconds = 0;
    if (warmup > 0) {
      // JIT warm-up of the long-running services, as a fleet in production runs on warm JVMs
      var ids = new ArrayList<String>();
      for (int i = 0; i < Math.min(warmup, stations); i++) {
        ids.add("\"BENCH-%05d\"".formatted(i));
      }
      long warmStart = System.nanoTime();
      Run w =
          campaign(
              http, base, "{\"stations\": [" + String.join(",", ids) + "]}", waveSize, concurrency);
      warmupSeconds = (System.nanoTime() - warmStart) / 1e9;
      if (!w.campaign.path("state").asText().equals("completed")) {
        throw new IllegalStateException("warm-up campaign ended " + w.campaign);
      }
      Thread.sleep(2000);
    }
    Map<String, Double> before = cpu.snapshot();
    double machineBefore = CpuMeter.machineSeconds();
    long start = System.nanoTime();
    Run run = campaign(http, base, "{\"all\": true}", waveSize, concurrency);
    JsonNode campaign = run.campaign;
    List<String> progress = run.progress;
    double seconds = (System.nanoTime() - start) / 1e9;
    var used = CpuMeter.difference(cpu.snapshot(), before);
    double machine = CpuMeter.machineSeconds() - machineBefore;
    long accepted = campaign.path("counts").path("accepted").asLong();
    report.append("Fleet rotation campaign (trigger, CSR, issuance with keys in OpenBao Transit,");
    report.append(" CertificateSigned Accepted), one admin call\n");
    report.append(
        "  %d stations over %d bridge processes sharing one PostgreSQL (connected in %.0f s);"
                .formatted(stations, bridges.size(), connectSeconds)
            + " waves of %d, %d in flight%n".formatted(waveSize, concurrency));
    if (warmup > 0) {
      report.append(
          "  warm-up       a rotation of the first %d stations (%.1f s), not measured%n"
              .formatted(Math.min(warmup, stations), warmupSeconds));
    }
    report.append(
        "  campaign      %s after %.1f s%n".formatted(campaign.path("state").asText(), seconds));
    report.append(
        "  rotated       %d accepted, %d failed, %d rejected (stations saw %d certificates in all, warm-up included, %d errors%s)%n"
            .formatted(
                accepted,
                campaign.path("counts").path("failed").asLong(),
                campaign.path("counts").path("rejected").asLong(),
                hosts.stream().mapToLong(Host::renewed).sum(),
                hosts.stream().mapToLong(Host::errors).sum(),
                hosts.stream()
                    .map(Host::lastError)
                    .filter(e -> !e.isBlank())
                    .findFirst()
                    .map(e -> "; last: " + e)
                    .orElse("")));
    report.append(
        "  throughput    %,.1f stations/s; whole fleet in %.1f s (target under 120 s)%n"
            .formatted(accepted / seconds, seconds));
    report.append(
        "  CPU per station (ms), machine %.2f cores busy of %d:%n"
            .formatted(machine / seconds, Runtime.getRuntime().availableProcessors()));
    used.forEach(
        (name, s) ->
            report.append(
                "    %-18s %6.2f%n".formatted(name, accepted == 0 ? 0 : s * 1000 / accepted)));
    report.append("  progress:\n");
    progress.forEach(p -> report.append(p).append('\n'));
    for (Host h : hosts) {
      h.close();
    }
  }

  private record Run(JsonNode campaign, List<String> progress) {}

  /** Starts a rotation over {@code selection} and follows it until it is no longer running. */
  private static Run campaign(
      HttpClient http, String base, String selection, int waveSize, int concurrency)
      throws Exception {
    long start = System.nanoTime();
    var created =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/campaigns"))
                .header("Authorization", "Bearer " + RenewalBenchmark.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        """
                        {"kind": "rotate", "certificateType": "ChargingStationCertificate",
                         "selection": %s, "waveSize": %d, "concurrency": %d,
                         "maxFailurePercent": 100, "stepTimeoutSeconds": 120,
                         "requestedBy": "benchmark"}
                        """
                            .formatted(selection, waveSize, concurrency)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IllegalStateException("campaign not started: " + created.body());
    }
    long id = JSON.readTree(created.body()).path("id").asLong();
    JsonNode campaign;
    long deadline = start + TimeUnit.MINUTES.toNanos(20);
    List<String> progress = new ArrayList<>();
    long nextNote = start;
    while (true) {
      campaign =
          JSON.readTree(
              http.send(
                      HttpRequest.newBuilder(URI.create(base + "/v1/campaigns/" + id))
                          .header("Authorization", "Bearer " + RenewalBenchmark.ADMIN_TOKEN)
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      long now = System.nanoTime();
      if (now >= nextNote) {
        progress.add(
            "    %5.0f s  %s".formatted((now - start) / 1e9, campaign.path("counts").toString()));
        // finely at first, where a slow start would show
        nextNote =
            now + TimeUnit.SECONDS.toNanos(now - start < TimeUnit.SECONDS.toNanos(20) ? 2 : 15);
      }
      if (!campaign.path("state").asText().equals("running") || now > deadline) {
        return new Run(campaign, progress);
      }
      Thread.sleep(500); // each look counts the campaign's stations: not too often
    }
  }

  /** A {@link StationHost} process and what it last printed. */
  private static final class Host implements AutoCloseable {
    final Process process;
    private final java.util.concurrent.CountDownLatch connected =
        new java.util.concurrent.CountDownLatch(1);
    private volatile String last = "renewed 0 errors 0 ";

    private Host(Process process) {
      this.process = process;
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                try (var out =
                    new java.io.BufferedReader(
                        new java.io.InputStreamReader(
                            process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                  for (String line; (line = out.readLine()) != null; ) {
                    if (line.equals("connected")) {
                      connected.countDown();
                    } else if (line.startsWith("renewed ")) {
                      last = line;
                    }
                  }
                } catch (java.io.IOException e) {
                  // the process ended
                }
              });
    }

    static Host start(int from, int to, String ports) throws java.io.IOException {
      List<String> command =
          List.of(
              ProcessHandle.current().info().command().orElse("java"),
              "-Xmx1g",
              "-cp",
              System.getProperty("java.class.path"),
              StationHost.class.getName(),
              "--from=" + from,
              "--to=" + to,
              "--bridges=" + ports);
      return new Host(
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }

    void awaitConnected() throws InterruptedException {
      if (!connected.await(5, TimeUnit.MINUTES) || !process.isAlive()) {
        throw new IllegalStateException("a station process did not connect its stations");
      }
    }

    long renewed() {
      return Long.parseLong(last.split(" ")[1]);
    }

    long errors() {
      return Long.parseLong(last.split(" ")[3]);
    }

    String lastError() {
      String[] parts = last.split(" ", 5);
      return parts.length > 4 ? parts[4] : "";
    }

    @Override
    public void close() throws Exception {
      process.getOutputStream().close();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
