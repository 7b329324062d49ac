package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an admin does to a connected station through the bridge, and what a station asks about
 * certificates: a triggered renewal (TriggerMessage / ExtendedTriggerMessage, CSR, issuance,
 * CertificateSigned), installing, listing (certificateHashData as OCPP computes it) and deleting a
 * root, GetCertificateStatus answered from the CA's OCSP responder, and Authorize of a contract
 * (OCPP 2.0.1 C07; 1.6 through the Plug & Charge DataTransfer) by its chain and by hash data alone.
 */
class AdminOperationsIT {
  @TempDir static Path dir;
  static Peers peers;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    // CS-AUTH16: the 1.6 station of the Authorize test, so that CS-0002 stays never connected
    // for the CLI test whatever the order; CS-V21: the 2.1 station of the renewal test, so that
    // CS-0001 stays within the certificates a station may get per hour
    peers = new Peers(dir, false, null, "", List.of("CS-AUTH16", "CS-V21"));
  }

  @AfterAll
  static void stop() {
    peers.close();
  }

  @Test
  void ocpp201RenewalAndTrustAnchors() throws Exception {
    renewalAndTrustAnchors(
        "CS-0001", "ocpp2.0.1", "SignChargingStationCertificate", "V2GRootCertificate");
  }

  @Test
  void ocpp21RenewalAndTrustAnchors() throws Exception {
    renewalAndTrustAnchors(
        "CS-V21", "ocpp2.1", "SignChargingStationCertificate", "V2GRootCertificate");
  }

  @Test
  void ocpp16RenewalAndTrustAnchors() throws Exception {
    renewalAndTrustAnchors(
        "CS-0002", "ocpp1.6", "SignChargingStationCertificate", "CSMSRootCertificate");
  }

  @Test
  void certificateStatusComesFromTheCaOcspResponder() throws Exception {
    var result = peers.station("CS-0001", Peers.PASSWORD, "ocpp2.0.1", "status");
    assertThat(result.path("certificateSigned").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.path("statusAnswer").asText()).as(result.toString()).isEqualTo("Accepted");
    assertThat(result.path("ocspStatus").asText()).isEqualTo("GOOD");
    // the bridge verified the CA's answer and keeps it; a foreign responder it does not ask, and
    // that refusal does not replace the good answer the station holds
    assertThat(result.path("foreignStatusAnswer").asText()).isEqualTo("Failed");
    JsonNode ocsp = peers.admin().get("/v1/stations/CS-0001").path("ocsp");
    assertThat(ocsp.path("status").asText()).as(ocsp.toString()).isEqualTo("good");
    assertThat(ocsp.path("serial").asText()).isEqualTo(result.path("ocspSerial").asText());
    assertThat(ocsp.path("nextUpdate").asText()).isNotEmpty();
    assertThat(result.path("securityEvent").asText()).isEqualTo("answered");
    assertThat(result.path("ev15118").asText()).isEqualTo("Failed");
  }

  @Test
  void authorizeAsksTheCaAboutTheContract() throws Exception {
    var pair = keyPair();
    var request =
        new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
                new org.bouncycastle.asn1.x500.X500Name("CN=DEPNCAUTH00001T, O=Demo MO"),
                pair.getPublic())
            .build(
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                    .build(pair.getPrivate()));
    var out = new java.io.StringWriter();
    try (var w = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(out)) {
      w.writeObject(request);
    }
    var issued =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(ca("/v1/certificates")))
                .header("Authorization", "Bearer embedded-admin-token")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        Peers.JSON.writeValueAsString(
                            java.util.Map.of("profile", "contract-leaf", "csr", out.toString()))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    JsonNode contract = json(issued);
    Path chain = dir.resolve("contract-chain.pem");
    Files.writeString(
        chain, contract.path("certificate").asText() + contract.path("chain").asText());

    // every certificate of the chain below the root names a responder of this CA (under its public
    // URL, so the bridge asks it on the station's behalf): the Sub-CAs' is their issuer's
    assertThat(ocspUrls(chain)).hasSizeGreaterThan(1).allMatch(u -> u.startsWith(ca("/ocsp/")));
    for (String version : List.of("ocpp2.0.1", "ocpp2.1", "ocpp1.6")) {
      String station = version.equals("ocpp1.6") ? "CS-AUTH16" : "CS-0001";
      var good = peers.station(station, Peers.PASSWORD, version, "authorize", chain.toString());
      assertThat(good.path("byChain").toString()).isEqualTo("[\"Accepted\",\"Accepted\"]");
      // C07: the station validated the chain and asks for the status alone; the CA says good
      assertThat(good.path("byLeaf").toString())
          .as(version)
          .isEqualTo("[\"Accepted\",\"Accepted\"]");
      // C07: a station that validated the chain sends the hash data of each of its certificates
      // that names an OCSP responder: the contract's and its Sub-CAs', each answered by the CA's
      // responder (the Sub-CAs are rows of the CA like issued certificates), all good
      assertThat(good.path("hashEntries").asInt()).as(version).isGreaterThan(1);
      List<String> entries = new java.util.ArrayList<>();
      good.path("byEntry").forEach(e -> entries.add(e.asText()));
      assertThat(entries)
          .as(version)
          .hasSize(good.path("hashEntries").asInt())
          .containsOnly("Accepted");
      assertThat(good.path("byHash").toString())
          .as(version + " " + entries)
          .isEqualTo("[\"Accepted\",\"Accepted\"]");
      assertThat(good.path("plain").asText()).isEqualTo("Unknown");
      var unknown =
          peers.station(
              peers.url(),
              java.util.Map.of("AUTH_SERIAL", "1badc0ffee"),
              station,
              Peers.PASSWORD,
              version,
              "authorize",
              chain.toString());
      assertThat(unknown.path("byHash").toString())
          .as("a serial the contract's issuer never gave out, %s", version)
          .isEqualTo("[\"CertChainError\",\"Invalid\"]");
    }
    var someoneElse =
        peers.station(
            peers.url(),
            java.util.Map.of("AUTH_EMAID", "DEPNCOTHER0001X"),
            "CS-0001",
            Peers.PASSWORD,
            "ocpp2.0.1",
            "authorize",
            chain.toString());
    assertThat(someoneElse.path("byChain").toString())
        .as("a contract certificate presented for another eMAID")
        .isEqualTo("[\"CertChainError\",\"Invalid\"]");

    var revoked =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        ca("/v1/certificates/" + contract.path("serial").asText() + "/revoke")))
                .header("Authorization", "Bearer embedded-admin-token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"keyCompromise\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    for (String version : List.of("ocpp2.0.1", "ocpp2.1", "ocpp1.6")) {
      String station = version.equals("ocpp1.6") ? "CS-AUTH16" : "CS-0001";
      var bad = peers.station(station, Peers.PASSWORD, version, "authorize", chain.toString());
      assertThat(bad.path("byChain").toString()).isEqualTo("[\"CertificateRevoked\",\"Invalid\"]");
      assertThat(bad.path("byHash").toString())
          .as(version)
          .isEqualTo("[\"CertificateRevoked\",\"Invalid\"]");
      assertThat(bad.path("byLeaf").toString())
          .as(version)
          .isEqualTo("[\"CertificateRevoked\",\"Invalid\"]");
    }
  }

  /** The admin CLI of the packaged bridge, run as an operator would, against this bridge. */
  @Test
  void adminCliRenewsAndManagesRoots() throws Exception {
    var station = peers.startStation("CS-0001", "ocpp2.0.1");
    awaitConnected("CS-0001");
    assertThat(cli("renew", "CS-0001")).contains("TriggerMessage", "answered", "Accepted");
    Path chain = station.out().resolve("chain.pem");
    for (int i = 0; i < 200 && !Files.exists(chain); i++) {
      Thread.sleep(100);
    }
    Path root = dir.resolve("cli-root.pem");
    Files.writeString(root, caRootPem());
    String serial =
        ((X509CertificateHolder) new PEMParser(new StringReader(caRootPem())).readObject())
            .getSerialNumber()
            .toString(16);
    assertThat(
            cli(
                "install-root",
                "CS-0001",
                "--type",
                "V2GRootCertificate",
                "--file",
                root.toString()))
        .contains("InstallCertificate", "answered", "Accepted");
    assertThat(cli("roots", "CS-0001")).contains("V2GRootCertificate serial " + serial);
    assertThat(cli("station", "CS-0001"))
        .contains(
            "ChargingStationCertificate serial", "Accepted", "V2GRootCertificate serial " + serial);
    assertThat(cli("delete-root", "CS-0001", "--file", root.toString()))
        .contains("DeleteCertificate", "Accepted");
    assertThat(Peers.JSON.readTree(cli("stations", "--json")).findValuesAsText("id"))
        .contains("CS-0001");
    assertThat(cli("stations")).contains("CS-0001", "connected", "ocpp2.0.1");
    // a station registered but never seen is listed too
    assertThat(cli("stations", "--state", "never-connected"))
        .contains("CS-0002")
        .doesNotContain("CS-0001");
    station.finish();

    var refused = run(List.of("stations", "--token", "not-the-token"));
    assertThat(refused.exitCode()).isEqualTo(2); // refused by the bridge
    assertThat(refused.output()).contains("error: the bridge refused (HTTP 401 unauthenticated)");
  }

  private static String cli(String... args) throws Exception {
    return new BridgeCli(peers.bridge.getLocalPort()).ok(args);
  }

  private static BridgeCli.Ran run(List<String> args) throws Exception {
    return new BridgeCli(peers.bridge.getLocalPort()).run(args);
  }

  private static java.security.KeyPair keyPair() throws Exception {
    var g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** The OCSP URLs (AIA) the certificates of a PEM chain name. */
  private static List<String> ocspUrls(Path pem) throws Exception {
    List<String> urls = new java.util.ArrayList<>();
    try (var parser = new PEMParser(new StringReader(Files.readString(pem)))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        var aia =
            org.bouncycastle.asn1.x509.AuthorityInformationAccess.fromExtensions(
                ((X509CertificateHolder) o).getExtensions());
        if (aia == null) {
          continue;
        }
        for (var d : aia.getAccessDescriptions()) {
          if (d.getAccessMethod().equals(org.bouncycastle.asn1.x509.AccessDescription.id_ad_ocsp)) {
            urls.add(d.getAccessLocation().getName().toString());
          }
        }
      }
    }
    return urls;
  }

  private static String ca(String path) {
    return "http://127.0.0.1:" + peers.ca.getLocalPort() + path;
  }

  private void renewalAndTrustAnchors(String id, String version, String trigger, String type)
      throws Exception {
    var station = peers.startStation(id, version);
    awaitConnected(id);
    var triggered =
        admin(
            "POST",
            "/v1/stations/" + id + "/trigger",
            "{\"requestedMessage\":\"" + trigger + "\"}");
    assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(200);
    assertThat(json(triggered).path("state").asText()).isEqualTo("answered");
    assertThat(json(triggered).path("answer").path("status").asText()).isEqualTo("Accepted");
    Path chain = station.out().resolve("chain.pem");
    for (int i = 0; i < 200 && !Files.exists(chain); i++) {
      Thread.sleep(100);
    }
    assertThat(chain).as("CertificateSigned after the trigger").exists();

    String rootPem = caRootPem();
    var installed =
        admin(
            "POST",
            "/v1/stations/" + id + "/certificates",
            Peers.JSON.writeValueAsString(
                java.util.Map.of("certificateType", type, "certificate", rootPem)));
    assertThat(answer(installed).path("status").asText())
        .as(installed.body())
        .isEqualTo("Accepted");

    var listing = admin("POST", "/v1/stations/" + id + "/certificate-ids", null);
    assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
    JsonNode listed = answer(listing);
    JsonNode hashData =
        version.equals("ocpp1.6")
            ? listed.path("certificateHashData").get(0)
            : listed.path("certificateHashDataChain").get(0).path("certificateHashData");
    var root = (X509CertificateHolder) new PEMParser(new StringReader(rootPem)).readObject();
    assertThat(hashData.path("issuerNameHash").asText())
        .isEqualToIgnoringCase(sha256(root.getIssuer().getEncoded()));
    assertThat(hashData.path("issuerKeyHash").asText())
        .isEqualToIgnoringCase(
            sha256(root.getSubjectPublicKeyInfo().getPublicKeyData().getBytes()));
    assertThat(hashData.path("serialNumber").asText())
        .isEqualToIgnoringCase(root.getSerialNumber().toString(16));

    var deleted = admin("POST", "/v1/stations/" + id + "/certificates/delete", hashData.toString());
    assertThat(answer(deleted).path("status").asText()).as(deleted.body()).isEqualTo("Accepted");
    assertThat(
            answer(admin("POST", "/v1/stations/" + id + "/certificate-ids", null))
                .path("status")
                .asText())
        .isEqualTo("NotFound");
    var result = station.finish();
    assertThat(result.path("certificateSigned").asBoolean()).isTrue();

    // what the bridge knows about the station: the certificate it accepted, its last answer
    // about trust anchors, and the deliveries
    JsonNode view = json(admin("GET", "/v1/stations/" + id, null));
    assertThat(view.path("certificates").get(0).path("status").asText()).isEqualTo("Accepted");
    assertThat(view.path("certificates").get(0).path("certificateType").asText())
        .isEqualTo("ChargingStationCertificate");
    assertThat(view.path("certificates").get(0).path("daysLeft").asInt()).isPositive();
    assertThat(view.path("trustAnchors").path("answer").path("status").asText())
        .isEqualTo("NotFound");
    assertThat(view.path("deliveries").findValuesAsText("action"))
        .contains("CertificateSigned", "InstallCertificate", "DeleteCertificate");

    assertThat(
            admin(
                    "POST",
                    "/v1/stations/NOT-CONNECTED/trigger",
                    "{\"requestedMessage\":\"Heartbeat\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(bridge("/v1/stations"))).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(401);
  }

  private static void awaitConnected(String id) throws Exception {
    for (int i = 0; i < 100; i++) {
      for (JsonNode s : json(admin("GET", "/v1/stations", null))) {
        if (s.path("id").asText().equals(id) && s.path("connected").asBoolean()) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(id + " did not connect");
  }

  /** The station's answer in a delivery the admin API returned. */
  private static JsonNode answer(HttpResponse<String> response) throws Exception {
    JsonNode delivery = json(response);
    assertThat(delivery.path("state").asText()).as(response.body()).isEqualTo("answered");
    return delivery.path("answer");
  }

  private static String caRootPem() throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + peers.ca.getLocalPort() + "/v1/cas/v2g-root/chain"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static HttpResponse<String> admin(String method, String path, String body)
      throws Exception {
    return new BridgeAdmin(peers.bridge).send(method, path, body);
  }

  private static String bridge(String path) {
    return "http://127.0.0.1:" + peers.bridge.getLocalPort() + path;
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Peers.JSON.readTree(response.body());
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
