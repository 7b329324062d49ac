package dev.pncpki.bridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.ca.bench.BaoServer;
import dev.pncpki.ca.bench.BenchOptions;
import dev.pncpki.ca.bench.CaProcess;
import dev.pncpki.ca.bench.CpuMeter;
import dev.pncpki.ca.bench.ExternalPostgres;
import dev.pncpki.contract.exi.V2gExi;
import dev.pncpki.contract.installation.CertificateMessages;
import dev.pncpki.contract.installation.RootCertificateId;
import dev.pncpki.contract.installation.XmlSignature;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Latency of contract installation through the charger (scripts/bench-bridge installations; not a
 * test): OpenBao with the CA's keys (the CPS leaf's among them), the CA, one bridge, and stations
 * played by this JVM sending Get15118EVCertificate with vehicles' signed EXI
 * CertificateInstallationReqs, each answered with an EXI response signed in Transit. Latency is
 * from sending the CALL to receiving its CALLRESULT, as the charger sees it (the vehicle allows 5
 * s; target p99 under 500 ms).
 */
public final class InstallationBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = "embedded-admin-token";
  private static final String OEM = "embedded-oem-token";
  private static final String MO = "embedded-mo-token";
  private static final int VEHICLES = 20;

  private InstallationBenchmark() {}

  /** A station that sends Get15118EVCertificate and completes a future with each answer. */
  public static final class EvStation implements Session.Listener.AutoDemanding {
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private volatile Session session;

    @Override
    public void onWebSocketOpen(Session session) {
      this.session = session;
    }

    @Override
    public void onWebSocketText(String text) {
      try {
        JsonNode frame = JSON.readTree(text);
        var f = waiting.remove(frame.path(1).asText());
        if (f != null) {
          f.complete(frame);
        }
      } catch (java.io.IOException e) {
        // not ours
      }
    }

    JsonNode ask(String exiRequest) throws Exception {
      String id = UUID.randomUUID().toString();
      var answer = new CompletableFuture<JsonNode>();
      waiting.put(id, answer);
      var call = JSON.createArrayNode().add(2).add(id).add("Get15118EVCertificate");
      call.addObject()
          .put("iso15118SchemaVersion", CertificateMessages.NAMESPACE)
          .put("action", "Install")
          .put("exiRequest", exiRequest);
      session.sendText(call.toString(), Callback.NOOP);
      return answer.get(30, TimeUnit.SECONDS);
    }
  }

  public static void main(String[] args) {
    BenchMain.run(args, InstallationBenchmark::run);
  }

  private static void run(String[] args) throws Exception {
    int stations = Integer.parseInt(ConnectionBenchmark.arg(args, "stations", "10"));
    int warmup = Integer.parseInt(ConnectionBenchmark.arg(args, "warmup", "30"));
    int duration = Integer.parseInt(ConnectionBenchmark.arg(args, "duration", "30"));
    Path work =
        Path.of(ConnectionBenchmark.arg(args, "work-dir", "target/bench-installations"))
            .toAbsolutePath();
    Path iso =
        Path.of(ConnectionBenchmark.arg(args, "iso15118", null), "iso15118", "shared", "schemas");
    Files.createDirectories(work);
    System.setProperty("bench.iso15118SchemaDirectory", iso.resolve("iso15118_2").toString());
    var options =
        BenchOptions.parse(
            new String[] {
              "--service-jar=" + ConnectionBenchmark.arg(args, "ca-jar", null),
              "--work-dir=" + work,
              "--request-log=false"
            });
    var messages =
        new CertificateMessages(
            new V2gExi(
                iso.resolve("iso15118_2/V2G_CI_MsgDef.xsd").toString(),
                iso.resolve("xmldsig-core-schema.xsd").toString()));
    var report = new StringBuilder();
    try (var bao = BaoServer.start(options.venv(), work);
        var ca = CaProcess.start(options, bao.address(), bao.prepareTransitForCa());
        var database = new ExternalPostgres(work.resolve("bridge-postgres"))) {
      List<String> requests = vehicles(ca, messages);
      int port = BaoServer.freePort();
      int admin = BaoServer.freePort();
      Path config = work.resolve("bridge.yml");
      Files.writeString(
          config,
          RenewalBenchmark.bridgeConfig(
                  port,
                  admin,
                  ca.baseUrl(),
                  ConnectionBenchmark.arg(args, "schemas", null),
                  database.jdbcUrl(),
                  0)
              + RenewalBenchmark.stationsYaml(stations));
      try (var bridge =
          BridgeProcess.start(
              ConnectionBenchmark.arg(args, "bridge-jar", null),
              config,
              work.resolve("bridge.log"),
              port,
              admin,
              RenewalBenchmark.bridgeJvm(work, 0))) {
        var cpu =
            new CpuMeter()
                .process("load generator", ProcessHandle.current().pid())
                .process("CA JVM", ca.pid())
                .tree("CA PostgreSQL", () -> ca.postmaster().map(p -> p[0]).orElse(-1L))
                .process("OpenBao", bao.pid())
                .process("bridge", bridge.pid());
        measure(report, bridge, stations, requests, warmup, duration, cpu);
      }
    }
    Files.writeString(work.resolve("report.txt"), report);
    System.out.print(report);
  }

  private static void measure(
      StringBuilder report,
      BridgeProcess bridge,
      int stations,
      List<String> requests,
      int warmup,
      int duration,
      CpuMeter cpu)
      throws Exception {
    var client = new WebSocketClient();
    client.setIdleTimeout(Duration.ofMinutes(30));
    client.start();
    List<EvStation> connected = new ArrayList<>();
    for (int i = 0; i < stations; i++) {
      String id = "BENCH-%05d".formatted(i);
      var station = new EvStation();
      var upgrade = BenchMain.upgrade(id);
      client
          .connect(station, URI.create("ws://127.0.0.1:" + bridge.port + "/ocpp/" + id), upgrade)
          .get(30, TimeUnit.SECONDS);
      connected.add(station);
    }
    long start = System.nanoTime();
    long from = start + TimeUnit.SECONDS.toNanos(warmup);
    long to = from + TimeUnit.SECONDS.toNanos(duration);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger errors = new AtomicInteger();
    var lastError = new java.util.concurrent.atomic.AtomicReference<String>();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < stations; w++) {
      EvStation station = connected.get(w);
      int offset = w;
      workers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int n = offset; System.nanoTime() < to; n++) {
                      long t0 = System.nanoTime();
                      String error = null;
                      try {
                        JsonNode answer = station.ask(requests.get(n % requests.size()));
                        if (answer.path(0).asInt() != 3
                            || !"Accepted".equals(answer.path(2).path("status").asText())) {
                          error = answer.toString();
                        }
                      } catch (Exception e) {
                        error = e.toString();
                      }
                      long t1 = System.nanoTime();
                      if (t1 >= from && t1 < to) {
                        if (error == null) {
                          latencies.add(t1 - t0);
                        } else {
                          errors.incrementAndGet();
                          lastError.set(error);
                        }
                      }
                    }
                  }));
    }
    Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(from - System.nanoTime())));
    var before = cpu.snapshot();
    Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(to - System.nanoTime())));
    var used = CpuMeter.difference(cpu.snapshot(), before);
    for (Thread t : workers) {
      t.join(60_000);
    }
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    int n = sorted.size();
    report
        .append(
            "Contract installation through the charger: Get15118EVCertificate with a signed EXI")
        .append(
            " CertificateInstallationReq, answered with the EXI response signed in OpenBao Transit\n");
    report.append(
        "  %d stations sending one after another, %d vehicles; warm-up %d s, measured %d s%n"
            .formatted(stations, requests.size(), warmup, duration));
    report.append("  installations %,.1f/s%n".formatted(n / (double) duration));
    if (n > 0) {
      report.append(
          "  latency       p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (target < 500), max %.1f ms%n"
              .formatted(
                  at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted.get(n - 1) / 1e6));
    }
    report.append(
        "  errors        %d%s%n"
            .formatted(
                errors.get(), lastError.get() == null ? "" : " (last: " + lastError.get() + ")"));
    report.append("  CPU per installation (ms):\n");
    used.forEach(
        (name, seconds) ->
            report.append("    %-16s %6.2f%n".formatted(name, n == 0 ? 0 : seconds * 1000 / n)));
    client.stop();
  }

  private static double at(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * q))) / 1e6;
  }

  /**
   * Vehicles of the CA's own demo OEM PKI: a provisioning certificate issued through the API,
   * uploaded by the OEM, a contract from the MO, and the vehicle's signed installation request.
   */
  private static List<String> vehicles(CaProcess ca, CertificateMessages messages)
      throws Exception {
    var chain = get(ca, "/v1/cas/oem-sub-ca-2/chain");
    var parser = new PEMParser(new StringReader(chain));
    var sub2 = (X509CertificateHolder) parser.readObject();
    var sub1 = (X509CertificateHolder) parser.readObject();
    var rootParser = new PEMParser(new StringReader(get(ca, "/v1/cas/v2g-root/chain")));
    var v2gRoot = (X509CertificateHolder) rootParser.readObject();
    var rootName = new javax.security.auth.x500.X500Principal(v2gRoot.getSubject().getEncoded());
    var generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    List<String> requests = new ArrayList<>();
    for (int i = 0; i < VEHICLES; i++) {
      String pcid = "WMIEVBENCH%07d".formatted(i);
      KeyPair key = generator.generateKeyPair();
      var csr =
          new JcaPKCS10CertificationRequestBuilder(
                  new X500Name("CN=" + pcid + ", O=pnc-pki demo OEM"), key.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
      var pem = new StringWriter();
      try (var w = new JcaPEMWriter(pem)) {
        w.writeObject(csr);
      }
      JsonNode issued =
          post(
              ca,
              "POST",
              "/v1/certificates",
              ADMIN,
              Map.of("profile", "oem-provisioning-leaf", "csr", pem.toString()),
              201);
      byte[] der =
          Base64.getMimeDecoder()
              .decode(issued.path("certificate").asText().replaceAll("-----[A-Z ]+-----", ""));
      post(
          ca,
          "PUT",
          "/v1/oem/provCerts",
          OEM,
          Map.of(
              "provisioningCertificate", Base64.getEncoder().encodeToString(der),
              "subCa2Certificate", Base64.getEncoder().encodeToString(sub2.getEncoded()),
              "subCa1Certificate", Base64.getEncoder().encodeToString(sub1.getEncoded())),
          201);
      post(ca, "POST", "/v1/contracts", MO, Map.of("pcid", pcid), 201);
      byte[] request =
          messages.installationRequest(
              "0102030405060708",
              der,
              List.of(new RootCertificateId(rootName.getName(), v2gRoot.getSerialNumber())),
              XmlSignature.RawSigner.of(key.getPrivate()));
      requests.add(Base64.getEncoder().encodeToString(request));
    }
    return requests;
  }

  private static String get(CaProcess ca, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(ca.baseUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static JsonNode post(
      CaProcess ca, String method, String path, String token, Object body, int expected)
      throws Exception {
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(ca.baseUrl() + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(
                        method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          method + " " + path + ": " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
