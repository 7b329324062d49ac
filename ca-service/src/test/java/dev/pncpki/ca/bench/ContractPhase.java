package dev.pncpki.ca.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

/**
 * Phase 4: complete contract provisionings through POST /v1/contracts, each a fresh contract key
 * pair made in the service, the ISO 15118-2 envelope to the vehicle's provisioning key, the
 * contract certificate signed in OpenBao Transit, and the rows in PostgreSQL. The vehicles are
 * provisioning certificates of the demo OEM PKI, uploaded once before the phase; every request gets
 * an eMAID allocated by the service.
 */
final class ContractPhase {
  static final String OEM_TOKEN = "embedded-oem-token";
  static final String MO_TOKEN = "embedded-mo-token";
  private static final int VEHICLES = 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private ContractPhase() {}

  static Optional<LoadRun.Result> run(
      BenchOptions options, Report report, CaProcess ca, Observation seen) throws Exception {
    List<String> pcids = uploadVehicles(ca);
    CaBenchmark.progress("phase 4: contract provisioning through POST /v1/contracts");
    var connections = new KeepAliveConnection[options.concurrency()];
    for (int c = 0; c < connections.length; c++) {
      connections[c] =
          new KeepAliveConnection(
              ca.port(),
              "/v1/contracts",
              "Authorization: Bearer " + MO_TOKEN + "\r\n",
              "application/json",
              JSON.writeValueAsBytes(Map.of("pcid", pcids.get(c % pcids.size()))));
    }
    LoadRun.Result r;
    try {
      r =
          LoadRun.run(
              "contracts",
              options.concurrency(),
              options.warmup(),
              options.duration(),
              c -> provision(connections[c]),
              seen);
    } finally {
      Arrays.stream(connections).forEach(KeepAliveConnection::close);
    }
    report.line("").line("4. Contract provisioning: POST /v1/contracts (ISO 15118-2)");
    report.line(
        "   (contract key pair made in the service -> ECDH + KDF + AES-128-CBC to the vehicle's"
            + " provisioning key -> rows 'pending' -> Transit sign -> 'issued' + audit; %d"
            + " vehicles, eMAIDs allocated by the service)",
        VEHICLES);
    report.load(r, "contracts");
    report.cpu(seen, r, "contract");
    report.serviceTimers(seen, "contract-issuance", "transit");
    report.baoRoute(seen, "update_transit", "Transit sign", r, "contract");
    report.postgres(seen, r, "contract");
    return Optional.of(r);
  }

  /** Provisioning certificates of the demo OEM PKI, issued by the CA and uploaded as the OEM. */
  private static List<String> uploadVehicles(CaProcess ca) throws Exception {
    String chain =
        send(ca, "GET", "/v1/cas/oem-sub-ca-2/chain", IssuancePhases.ADMIN_TOKEN, null).body();
    var parser = new PEMParser(new java.io.StringReader(chain));
    var sub2 = (X509CertificateHolder) parser.readObject();
    var sub1 = (X509CertificateHolder) parser.readObject();
    List<String> pcids = new ArrayList<>();
    for (int i = 0; i < VEHICLES; i++) {
      String pcid = "WMIBENCH%09d".formatted(i);
      var issued =
          send(
              ca,
              "POST",
              "/v1/certificates",
              IssuancePhases.ADMIN_TOKEN,
              Map.of(
                  "profile",
                  "oem-provisioning-leaf",
                  "csr",
                  CsrPool.csr("CN=" + pcid + ", O=pnc-pki demo OEM")));
      check(issued, 201, "issuing a provisioning certificate");
      String pem = JSON.readTree(issued.body()).path("certificate").asText();
      byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
      var uploaded =
          send(
              ca,
              "PUT",
              "/v1/oem/provCerts",
              OEM_TOKEN,
              Map.of(
                  "provisioningCertificate", Base64.getEncoder().encodeToString(der),
                  "subCa2Certificate", Base64.getEncoder().encodeToString(sub2.getEncoded()),
                  "subCa1Certificate", Base64.getEncoder().encodeToString(sub1.getEncoded())));
      check(uploaded, 201, "uploading a provisioning certificate");
      pcids.add(pcid);
    }
    return pcids;
  }

  /**
   * One provisioning on the client's own keep-alive connection (a general HTTP client cost the load
   * generator about 0.2 ms of CPU per contract, on the cores the service is measured on).
   */
  private static boolean provision(KeepAliveConnection connection) throws Exception {
    KeepAliveConnection.Answer reply = connection.send();
    if (reply.status() != 201) {
      String text = new String(reply.body(), StandardCharsets.UTF_8);
      throw new IllegalStateException(
          "POST /v1/contracts answered "
              + reply.status()
              + ": "
              + text.substring(0, Math.min(300, text.length())));
    }
    JsonNode data = JSON.readTree(reply.body()).path("contractData");
    if (Base64.getDecoder()
            .decode(data.path("contractSignatureEncryptedPrivateKey").asText())
            .length
        != 48) {
      throw new IllegalStateException(
          "the envelope is not 48 bytes: " + new String(reply.body(), StandardCharsets.UTF_8));
    }
    return true;
  }

  private static HttpResponse<String> send(
      CaProcess ca, String method, String path, String token, Object body)
      throws IOException, InterruptedException {
    var builder =
        HttpRequest.newBuilder(URI.create(ca.baseUrl() + path))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(60));
    if (body == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      builder
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    }
    return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static void check(HttpResponse<String> reply, int status, String what) {
    if (reply.statusCode() != status) {
      String text = reply.body();
      throw new IllegalStateException(
          what
              + " answered "
              + reply.statusCode()
              + ": "
              + text.substring(0, Math.min(300, text.length())));
    }
  }
}
