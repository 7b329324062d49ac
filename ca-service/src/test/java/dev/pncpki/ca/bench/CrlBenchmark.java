package dev.pncpki.ca.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;

/**
 * The CRL benchmark (scripts/bench-crl; not a test): one CA with a million revoked certificates,
 * the service's heap capped (512 MB by default). It reports the time to build and sign the CRL, its
 * size, the download, openssl's verdict and a comparison of every entry with the database;
 * revocation latency and OCSP throughput while the CRL is rebuilt in the background; and the first
 * download after a restart.
 */
public final class CrlBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CA = RevocationsWhileBuilding.CA;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private CrlBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> own = new HashMap<>(Map.of("entries", "1000000", "revocations", "150"));
    List<String> rest = new ArrayList<>();
    for (String arg : args) {
      String name =
          arg.startsWith("--") && arg.contains("=") ? arg.substring(2, arg.indexOf('=')) : "";
      if (own.containsKey(name)) {
        own.put(name, arg.substring(arg.indexOf('=') + 1));
      } else {
        rest.add(arg);
      }
    }
    if (rest.stream().noneMatch(a -> a.startsWith("--service-jvm-args"))) {
      rest.add("--service-jvm-args=-Xmx512m");
    }
    rest.add("--request-log=false");
    BenchOptions options = BenchOptions.parse(rest.toArray(String[]::new));
    Files.createDirectories(options.workDir());
    var report = new Report();
    run(
        options,
        Integer.parseInt(own.get("entries")),
        Integer.parseInt(own.get("revocations")),
        report);
    Path saved = options.workDir().resolve("crl-report.txt");
    Files.writeString(saved, report.toString());
    System.out.print(report);
    System.out.println("(saved to " + saved + ")");
  }

  private static void run(BenchOptions options, int entries, int revocations, Report report)
      throws Exception {
    report.line("pnc-pki CRL benchmark, %s", Instant.now().truncatedTo(ChronoUnit.SECONDS));
    report.line(
        "machine   %d cores, JDK %s; CA JVM options %s; keys in OpenBao Transit; embedded PostgreSQL",
        Runtime.getRuntime().availableProcessors(), Runtime.version(), options.serviceJvmArgs());
    try (var bao = BaoServer.start(options.venv(), options.workDir())) {
      String token = bao.prepareTransitForCa();
      CaBenchmark.progress("starting the CA service");
      var ca = CaProcess.start(options, bao.address(), token);
      try {
        var csrs = new CsrPool(2 * revocations + 1);
        List<JsonNode> issued = new ArrayList<>();
        for (int i = 0; i <= 2 * revocations; i++) {
          issued.add(issue(ca, csrs.next()));
        }
        Path issuer = options.workDir().resolve("issuer.pem");
        Files.writeString(issuer, firstPem(issued.get(0).path("chain").asText()));
        try (var db = new CrlFill((int) ca.postmaster().orElseThrow()[1])) {
          CaBenchmark.progress("inserting %,d revoked certificates".formatted(entries));
          long t0 = System.nanoTime();
          db.revoked(CA, entries);
          report.line(
              "fill      %,d revoked certificates of %s inserted in %.1f s",
              entries, CA, (System.nanoTime() - t0) / 1e9);
          build(ca, report);
          byte[] der = download(ca, report, "download");
          check(der, issuer, db.expected(CA), report);
          report
              .line("")
              .line(
                  "Revocations while the CRL of %,d entries is rebuilt in the background", entries);
          var quiet = issued.subList(1, 1 + revocations);
          var loaded = issued.subList(1 + revocations, issued.size());
          window(ca, db, quiet, issued.get(0), 0, report);
          window(ca, db, loaded, issued.get(0), 16, report);
          long last = System.nanoTime();
          String lastSerial = issued.get(issued.size() - 1).path("serial").asText();
          byte[] after = waitForListing(ca, lastSerial);
          report.line(
              "  CRL follows   the last revocation listed %.1f s after the window ended",
              (System.nanoTime() - last) / 1e9);
          check(after, issuer, db.expected(CA), report);
        }
        CaBenchmark.progress("restarting the CA");
        ca.close();
        ca = ca.restart(options, bao.address(), token);
        report.line("").line("Restart");
        download(ca, report, "first download");
      } finally {
        ca.close();
      }
    }
  }

  /**
   * One window of revocations, 200 ms apart, each followed by an OCSP query for it, with {@code
   * ocspClients} keep-alive clients asking about a good certificate meanwhile.
   */
  private static void window(
      CaProcess ca, CrlFill db, List<JsonNode> toRevoke, JsonNode good, int ocspClients, Report r)
      throws Exception {
    CaBenchmark.progress(
        "revoking %d certificates, %d OCSP clients".formatted(toRevoke.size(), ocspClients));
    long before = db.lastCrlNumber(CA);
    var o = RevocationsWhileBuilding.run(ca, toRevoke, good, ocspClients, Duration.ofMillis(200));
    r.line("  with %d OCSP clients asking about a good certificate meanwhile:", ocspClients);
    o.report(r);
    r.line("  CRLs built    %d during the window", db.lastCrlNumber(CA) - before);
  }

  private static JsonNode issue(CaProcess ca, String csr) throws Exception {
    var body = JSON.writeValueAsBytes(Map.of("profile", "charging-station-client", "csr", csr));
    var r = send(ca, "POST", "/v1/certificates", body);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("issuance answered " + r.statusCode());
    }
    return JSON.readTree(r.body());
  }

  /** Three publications in a row through the admin API, each a full build, timed by the client. */
  private static void build(CaProcess ca, Report report) throws Exception {
    report
        .line("")
        .line("Build: POST /v1/cas/%s/crl (stream rows, encode, hash, sign in Transit, store)", CA);
    for (int i = 1; i <= 3; i++) {
      long t0 = System.nanoTime();
      var r = send(ca, "POST", "/v1/cas/" + CA + "/crl", new byte[0]);
      double s = (System.nanoTime() - t0) / 1e9;
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "publish answered " + r.statusCode() + ": " + new String(r.body()));
      }
      JsonNode j = JSON.readTree(r.body());
      report.line(
          "  build %d       %.2f s: CRL %s, %,d entries, %,d bytes; CA heap now %,d MB",
          i,
          s,
          j.path("crlNumber").asText(),
          j.path("entries").asLong(),
          j.path("bytes").asLong(),
          RevocationsWhileBuilding.heapUsed(ca) >> 20);
    }
  }

  private static byte[] download(CaProcess ca, Report report, String what) throws Exception {
    long t0 = System.nanoTime();
    var r = send(ca, "GET", "/crl/" + CA + ".crl", null);
    double s = (System.nanoTime() - t0) / 1e9;
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET CRL answered " + r.statusCode());
    }
    report.line(
        "  %-13s %.2f s for %,d bytes (HTTP %d, ETag %s)",
        what, s, r.body().length, r.statusCode(), r.headers().firstValue("ETag").orElse("-"));
    return r.body();
  }

  private static byte[] waitForListing(CaProcess ca, String serial) throws Exception {
    BigInteger wanted = new BigInteger(serial, 16);
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (true) {
      byte[] der = send(ca, "GET", "/crl/" + CA + ".crl", null).body();
      if (new X509CRLHolder(der).getRevokedCertificate(wanted) != null) {
        return der;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the CRL did not list " + serial + " within 3 minutes");
      }
      Thread.sleep(250);
    }
  }

  /** openssl verifies the signature; every entry is compared with the database's rows. */
  private static void check(
      byte[] der, Path issuer, Map<BigInteger, String> expected, Report report) throws Exception {
    Path file = Files.write(issuer.resolveSibling("bench.crl"), der);
    long t0 = System.nanoTime();
    String verify =
        openssl(
            "crl",
            "-inform",
            "DER",
            "-in",
            file.toString(),
            "-CAfile",
            issuer.toString(),
            "-noout");
    report.line("  openssl       %s (%.1f s)", verify.strip(), (System.nanoTime() - t0) / 1e9);
    int mismatches = 0;
    int count = 0;
    for (Object o : new X509CRLHolder(der).getRevokedCertificates()) {
      var entry = (X509CRLEntryHolder) o;
      count++;
      int reason =
          entry.getExtensions() == null
              ? 0
              : CRLReason.getInstance(
                      entry.getExtensions().getExtension(Extension.reasonCode).getParsedValue())
                  .getValue()
                  .intValue();
      String listed = entry.getRevocationDate().toInstant().getEpochSecond() + " " + reason;
      if (!listed.equals(expected.get(entry.getSerialNumber()))) {
        mismatches++;
      }
    }
    report.line(
        "  entries       %,d listed, %,d revoked in the database, %,d differing in date or reason",
        count, expected.size(), mismatches);
  }

  private static HttpResponse<byte[]> send(CaProcess ca, String method, String path, byte[] body)
      throws Exception {
    var b =
        HttpRequest.newBuilder(URI.create(ca.baseUrl() + path))
            .header("Authorization", "Bearer embedded-admin-token")
            .timeout(Duration.ofMinutes(3));
    if (body == null) {
      b.GET();
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String openssl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    return "exit " + p.waitFor() + ": " + out;
  }

  private static String firstPem(String chain) {
    String end = "-----END CERTIFICATE-----";
    return chain.substring(0, chain.indexOf(end) + end.length()) + "\n";
  }
}
