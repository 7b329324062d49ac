package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.testing.Csrs;
import dev.pncpki.ca.testing.FreePorts;
import dev.pncpki.ca.testing.OpenBao;
import dev.pncpki.ca.testing.OpenBaoExtension;
import dev.pncpki.ca.testing.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The CA service end to end: keys in a real OpenBao, rows in a real PostgreSQL, openssl checks. */
@ExtendWith(OpenBaoExtension.class)
class CaServiceIT {
  @TempDir static Path dir;
  static RunningCa ca;

  @BeforeAll
  static void start(OpenBao bao) throws Exception {
    ca =
        new RunningCa(
            dir,
            "{type: vault, address: \"%s\", token: \"%s\"}"
                .formatted(bao.address(), bao.serviceToken()),
            true);
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  private static void opensslVerifies(RunningCa.Reply reply, String name) throws Exception {
    var body = reply.json();
    Path leaf = dir.resolve(name + ".pem");
    Path chain = dir.resolve(name + "-chain.pem");
    Path root = dir.resolve(name + "-root.pem");
    Files.writeString(leaf, body.path("certificate").asText());
    Files.writeString(chain, body.path("chain").asText());
    Files.writeString(root, body.path("root").asText());
    var verify =
        Openssl.run(
            "verify",
            "-x509_strict",
            "-purpose",
            "any",
            "-CAfile",
            root.toString(),
            "-untrusted",
            chain.toString(),
            leaf.toString());
    assertThat(verify.exitCode()).as(verify.output()).isZero();
  }

  /**
   * OCPP 2.0.1 has a CSMS offer TLS_RSA cipher suites, which need an RSA server key: the CSMS
   * server profile certifies one (with keyEncipherment, signed by the EC Sub-CA); nothing else
   * does.
   */
  @Test
  void issuesAnRsaCsmsServerCertificateAndNoOtherRsaCertificate() throws Exception {
    var csms =
        ca.issue(
            "csms-server", Csrs.rsa("CN=csms-rsa.example.test, O=Demo CPO", 2048), RunningCa.ADMIN);
    assertThat(csms.status()).as(csms.body()).isEqualTo(201);
    opensslVerifies(csms, "csms-rsa");
    var text =
        Openssl.run("x509", "-in", dir.resolve("csms-rsa.pem").toString(), "-noout", "-text");
    assertThat(text.output())
        .contains("Public-Key: (2048 bit)")
        .contains("Digital Signature, Key Encipherment")
        .contains("Signature Algorithm: ecdsa-with-SHA256");

    var shortKey =
        ca.issue(
            "csms-server",
            Csrs.rsa("CN=csms-short.example.test, O=Demo CPO", 1024),
            RunningCa.ADMIN);
    assertThat(shortKey.status()).isEqualTo(400);
    assertThat(shortKey.json().path("code").asText()).isEqualTo("wrong-key-type");
    assertThat(shortKey.json().path("detail").asText())
        .isEqualTo(
            "profile csms-server needs a secp256r1 or RSA 2048..8192 bits (odd e, 65537 <= e <"
                + " 2^256) key, the CSR has RSA 1024 bits");
    var station =
        ca.issue(
            "charging-station-client", Csrs.rsa("CN=CS-RSA-1, O=Demo CPO", 2048), RunningCa.ADMIN);
    assertThat(station.status()).isEqualTo(400);
    assertThat(station.json().path("code").asText()).isEqualTo("wrong-key-type");
  }

  @Test
  void issuesStationSeccAndContractCertificatesThatOpensslVerifies() throws Exception {
    var station =
        ca.issue("charging-station-client", Csrs.p256("CN=CS-IT-1, O=Demo CPO"), RunningCa.ADMIN);
    assertThat(station.status()).as(station.body()).isEqualTo(201);
    assertThat(station.json().path("issuer").asText()).isEqualTo("cpo-sub-ca-2");
    opensslVerifies(station, "station");

    var secc =
        ca.issue(
            "secc-leaf",
            Csrs.p256("CN=DE-ICE-S-00003C4D557878675645330967543476-2, O=Demo CPO, C=DE"),
            RunningCa.ADMIN);
    assertThat(secc.status()).as(secc.body()).isEqualTo(201);
    opensslVerifies(secc, "secc");
    assertThat(secc.json().path("subject").asText()).contains("DC=CPO");

    var contract =
        ca.issue("contract-leaf", Csrs.p256("CN=DE8AACA2B3C4D5L, O=Demo MO"), RunningCa.ADMIN);
    assertThat(contract.status()).as(contract.body()).isEqualTo(201);
    assertThat(contract.json().path("issuer").asText()).isEqualTo("mo-sub-ca-2");
    opensslVerifies(contract, "contract");

    String serial = station.json().path("serial").asText();
    var fetched = ca.get("/v1/certificates/" + serial, RunningCa.ADMIN);
    assertThat(fetched.json().path("certificate").asText())
        .isEqualTo(station.json().path("certificate").asText());
    assertThat(serial.length()).isGreaterThanOrEqualTo(16);
  }

  @Test
  void retriesWithTheSameIdempotencyKeyGetTheSameCertificate() throws Exception {
    String csr = Csrs.p256("CN=CS-IT-IDEM, O=Demo CPO");
    var first =
        ca.issue("charging-station-client", csr, RunningCa.ADMIN, "Idempotency-Key", "idem-1");
    var again =
        ca.issue("charging-station-client", csr, RunningCa.ADMIN, "Idempotency-Key", "idem-1");
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().path("serial")).isEqualTo(first.json().path("serial"));
    var other =
        ca.issue(
            "charging-station-client",
            Csrs.p256("CN=CS-IT-IDEM2, O=Demo CPO"),
            RunningCa.ADMIN,
            "Idempotency-Key",
            "idem-1");
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.json().path("code").asText()).isEqualTo("idempotency-key-reused");
    assertThat(ca.rows("select count(*) from certificate where idempotency_key = 'idem-1'"))
        .isEqualTo(1);
  }

  @Test
  void concurrentRetriesWithOneIdempotencyKeyIssueOnce() throws Exception {
    String csr = Csrs.p256("CN=CS-IT-RACE, O=Demo CPO");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    var replies = new java.util.ArrayList<java.util.concurrent.Future<RunningCa.Reply>>();
    for (int i = 0; i < 8; i++) {
      replies.add(
          pool.submit(
              () ->
                  ca.issue(
                      "charging-station-client",
                      csr,
                      RunningCa.ADMIN,
                      "Idempotency-Key",
                      "race-1")));
    }
    java.util.Set<String> serials = new java.util.HashSet<>();
    for (var r : replies) {
      RunningCa.Reply reply = r.get();
      assertThat(reply.status()).as(reply.body()).isIn(201, 409);
      if (reply.status() == 201) {
        serials.add(reply.json().path("serial").asText());
      } else {
        assertThat(reply.json().path("code").asText()).isEqualTo("issuance-in-progress");
      }
    }
    pool.shutdown();
    assertThat(serials).hasSize(1);
    assertThat(ca.rows("select count(*) from certificate where idempotency_key = 'race-1'"))
        .isEqualTo(1);
  }

  @Test
  void badInputGetsASpecificProblemAndChangesNothing() throws Exception {
    long before = ca.rows("select count(*) from certificate");
    String good = Csrs.p256("CN=CS-IT-BAD, O=Demo CPO");
    byte[] tampered = Base64.getMimeDecoder().decode(good.replaceAll("-----[A-Z ]+-----", ""));
    tampered[tampered.length - 10] ^= 1;
    String badSignature =
        "-----BEGIN CERTIFICATE REQUEST-----\n"
            + Base64.getMimeEncoder().encodeToString(tampered)
            + "\n-----END CERTIFICATE REQUEST-----\n";
    Object[][] cases = {
      {
        "charging-station-client",
        "-----BEGIN CERTIFICATE REQUEST-----\nnot base64\n-----END CERTIFICATE REQUEST-----",
        400,
        "bad-csr"
      },
      {"charging-station-client", badSignature, 400, "csr-signature-invalid"},
      {
        "charging-station-client",
        Csrs.csr("CN=CS-IT-BAD, O=Demo CPO", "secp384r1"),
        400,
        "wrong-key-type"
      },
      {"contract-leaf", Csrs.p256("CN=DE8AACA2B3C4D5X, O=Demo MO"), 400, "profile-violation"},
      {"no-such-profile", good, 400, "unknown-profile"},
      {"v2g-root", good, 400, "profile-not-issuable"},
    };
    for (Object[] c : cases) {
      var reply = ca.issue((String) c[0], (String) c[1], RunningCa.ADMIN);
      assertThat(reply.status()).as(reply.body()).isEqualTo(c[2]);
      assertThat(reply.contentType()).startsWith("application/problem+json");
      assertThat(reply.json().path("code").asText()).isEqualTo(c[3]);
    }
    assertThat(
            ca.send(
                    "POST",
                    "/v1/certificates",
                    RunningCa.ADMIN,
                    "application/json",
                    "{not json".getBytes())
                .json()
                .path("code")
                .asText())
        .isEqualTo("malformed-request");
    assertThat(
            ca.send("POST", "/v1/certificates", RunningCa.ADMIN, "text/plain", "x".getBytes())
                .status())
        .isEqualTo(415);
    // A raw request announcing a body over the limit: the answer must come before the body.
    try (var socket = new java.net.Socket("127.0.0.1", ca.port())) {
      socket
          .getOutputStream()
          .write(
              ("POST /v1/certificates HTTP/1.1\r\nHost: x\r\n"
                      + "Authorization: Bearer "
                      + RunningCa.ADMIN
                      + "\r\nContent-Type: application/json\r\n"
                      + "Content-Length: 70000\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String status =
          new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()))
              .readLine();
      assertThat(status).startsWith("HTTP/1.1 413");
    }
    assertThat(
            ca.postJson(
                    "/v1/certificates/0123456789abcdef/revoke",
                    RunningCa.ADMIN,
                    Map.of("reason", "keyCompromise"))
                .status())
        .isEqualTo(404);
    assertThat(
            ca.postJson(
                    "/v1/certificates/zz/revoke",
                    RunningCa.ADMIN,
                    Map.of("reason", "keyCompromise"))
                .status())
        .isEqualTo(400);
    assertThat(ca.rows("select count(*) from certificate")).isEqualTo(before);
  }

  @Test
  void unknownCredentialsAndForbiddenRequestsAreRefusedAndAudited() throws Exception {
    String csr = Csrs.p256("CN=CS-IT-AUTH, O=Demo CPO");
    assertThat(ca.issue("charging-station-client", csr, null).status()).isEqualTo(401);
    assertThat(ca.issue("charging-station-client", csr, "wrong-token").status()).isEqualTo(401);
    var bridgeContract =
        ca.postJson(
            "/v1/certificates",
            RunningCa.BRIDGE,
            Map.of("profile", "contract-leaf", "csr", csr, "identity", "CS-IT-AUTH"));
    assertThat(bridgeContract.status()).isEqualTo(403);
    var wrongIdentity =
        ca.postJson(
            "/v1/certificates",
            RunningCa.BRIDGE,
            Map.of("profile", "charging-station-client", "csr", csr, "identity", "CS-OTHER"));
    assertThat(wrongIdentity.status()).isEqualTo(403);
    var otherCpo =
        ca.postJson(
            "/v1/certificates",
            RunningCa.BRIDGE,
            Map.of(
                "profile",
                "charging-station-client",
                "csr",
                Csrs.p256("CN=CS-IT-AUTH, O=Other CPO"),
                "identity",
                "CS-IT-AUTH"));
    assertThat(otherCpo.status()).isEqualTo(403);
    assertThat(otherCpo.json().path("detail").asText()).contains("Other CPO");
    var own =
        ca.postJson(
            "/v1/certificates",
            RunningCa.BRIDGE,
            Map.of("profile", "charging-station-client", "csr", csr, "identity", "CS-IT-AUTH"));
    assertThat(own.status()).as(own.body()).isEqualTo(201);
    assertThat(ca.get("/v1/certificates?cn=CS-IT-AUTH", RunningCa.BRIDGE).status()).isEqualTo(403);
    assertThat(
            ca.rows(
                "select count(*) from audit_event where action = 'refused' and actor = 'test-bridge'"))
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void revocationIsRecordedOnceAndTheAuditChainHolds() throws Exception {
    var issued =
        ca.issue("charging-station-client", Csrs.p256("CN=CS-IT-REV, O=Demo CPO"), RunningCa.ADMIN);
    String serial = issued.json().path("serial").asText();
    var revoked =
        ca.postJson(
            "/v1/certificates/" + serial + "/revoke",
            RunningCa.ADMIN,
            Map.of("reason", "keyCompromise"));
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    assertThat(revoked.json().path("status").asText()).isEqualTo("revoked");
    assertThat(revoked.json().path("revocationReason").asInt()).isEqualTo(1);
    var again =
        ca.postJson(
            "/v1/certificates/" + serial + "/revoke",
            RunningCa.ADMIN,
            Map.of("reason", "superseded"));
    assertThat(again.json().path("code").asText()).isEqualTo("already-revoked");
    var found = ca.get("/v1/certificates?cn=CS-IT-REV&status=revoked", RunningCa.ADMIN);
    assertThat(found.json()).hasSize(1);

    var verification = new AuditLog(ca.jdbi(), Clock.systemUTC()).verify();
    assertThat(verification.intact()).as(verification.firstProblem().orElse("")).isTrue();
    assertThat(verification.events()).isGreaterThan(2);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                ca.jdbi()
                    .useHandle(h -> h.execute("update audit_event set outcome = 'x' where id = 1")))
        .hasMessageContaining("append-only");
  }

  @Test
  void vaultDownAnswers503WithRetryAfterAndLeavesNoPendingRow(@TempDir Path other)
      throws Exception {
    RunningCa.copyHierarchy(dir, other);
    int closed;
    closed = FreePorts.next();
    try (var down =
        new RunningCa(
            other,
            "{type: vault, address: \"http://127.0.0.1:%d\", token: t}".formatted(closed),
            false,
            "{type: http, bindHost: 127.0.0.1, port: 0, uriCompliance: LEGACY}",
            "publicUrl: " + ca.publicUrl(), // the copied hierarchy names the first CA's URL
            java.net.http.HttpClient.newHttpClient())) {
      var reply =
          down.issue(
              "charging-station-client", Csrs.p256("CN=CS-IT-DOWN, O=Demo CPO"), RunningCa.ADMIN);
      assertThat(reply.status()).as(reply.body()).isEqualTo(503);
      assertThat(reply.json().path("code").asText()).isEqualTo("key-backend-unavailable");
      assertThat(reply.raw().headers().firstValue("Retry-After")).contains("5");
      assertThat(down.rows("select count(*) from certificate where status = 'pending'")).isZero();
      assertThat(
              down.rows(
                  "select count(*) from certificate where status = 'issued'"
                      + " and authority_id is null")) // the hierarchy's rows are issued
          .isZero();
      assertThat(down.rows("select count(*) from certificate where status = 'failed'"))
          .isEqualTo(1);
    }
  }

  /**
   * Every CA the service lists names a CRL that answers, signed by that CA (openssl verifies it):
   * the OEM test PKI and the ISO 15118-20 CAs included, some of which sign their own OCSP answers.
   */
  @Test
  void everyListedCaPublishesACrlItSigned() throws Exception {
    JsonNode cas = ca.get("/v1/cas", null).json();
    var checked = new java.util.ArrayList<String>();
    for (JsonNode authority : cas) {
      if (authority.path("crlUrl").isNull() || authority.path("crlUrl").isMissingNode()) {
        continue;
      }
      String id = authority.path("id").asText();
      String url = authority.path("crlUrl").asText();
      assertThat(url).isEqualTo(ca.publicUrl() + "/crl/" + id + ".crl");
      var crl = ca.get("/crl/" + id + ".crl", null);
      assertThat(crl.status()).as(id).isEqualTo(200);
      Path crlFile = dir.resolve("all-" + id + ".crl");
      Files.write(crlFile, crl.raw().body());
      Path issuer = dir.resolve("all-" + id + ".pem");
      Files.writeString(
          issuer, RunningCa.firstPem(ca.get("/v1/cas/" + id + "/chain", null).body()));
      var verified =
          Openssl.run(
              "crl",
              "-inform",
              "DER",
              "-in",
              crlFile.toString(),
              "-CAfile",
              issuer.toString(),
              "-noout");
      assertThat(verified.output()).as(id).contains("verify OK");
      checked.add(id);
    }
    // those without a delegated OCSP signer (the OEM test PKI, the ISO 15118-20 V2G and CPS CAs)
    assertThat(checked)
        .contains("v2g-root", "oem-root", "oem-sub-ca-2", "v2g-root-p521", "cps-sub-ca-2-p521");
  }

  /** The CRL of cpo-sub-ca-2 once it lists {@code serial}, fetched until {@code within}. */
  private RunningCa.Reply crlListing(String serial, java.time.Duration within) throws Exception {
    Instant deadline = Instant.now().plus(within);
    while (true) {
      var crl = ca.get("/crl/cpo-sub-ca-2.crl", null);
      var holder = new org.bouncycastle.cert.X509CRLHolder(crl.raw().body());
      if (holder.getRevokedCertificate(new java.math.BigInteger(serial, 16)) != null
          || Instant.now().isAfter(deadline)) {
        return crl;
      }
      Thread.sleep(100);
    }
  }

  @Test
  void ocspAndCrlFollowARevocationAsOpensslSeesThem() throws Exception {
    var issued =
        ca.issue(
            "charging-station-client", Csrs.p256("CN=CS-IT-OCSP, O=Demo CPO"), RunningCa.ADMIN);
    opensslVerifies(issued, "ocsp");
    Path leaf = dir.resolve("ocsp.pem");
    Path issuer = dir.resolve("ocsp-issuer.pem");
    String chain = issued.json().path("chain").asText();
    Files.writeString(issuer, RunningCa.firstPem(chain));
    Path root = dir.resolve("ocsp-root.pem");
    String url = "http://127.0.0.1:" + ca.port() + "/ocsp/cpo-sub-ca-2";

    var good = ocsp(issuer, leaf, url, root, "-no_nonce");
    assertThat(good.output())
        .as(good.output())
        .contains("Response verify OK")
        .contains(leaf + ": good");
    var sha256 = ocsp(issuer, leaf, url, root, "-sha256");
    assertThat(sha256.output())
        .as(sha256.output())
        .contains("Response verify OK")
        .contains(": good");

    String serial = issued.json().path("serial").asText();
    assertThat(
            ca.postJson(
                    "/v1/certificates/" + serial + "/revoke",
                    RunningCa.ADMIN,
                    Map.of("reason", "keyCompromise"))
                .status())
        .isEqualTo(200);
    var revoked = ocsp(issuer, leaf, url, root, "-no_nonce");
    assertThat(revoked.output())
        .as(revoked.output())
        .contains("Response verify OK")
        .contains(": revoked")
        .contains("keyCompromise");

    // the CRL follows in the background, within the bound of docs/operations.md
    var crl = crlListing(serial, java.time.Duration.ofSeconds(20));
    assertThat(crl.status()).isEqualTo(200);
    assertThat(crl.contentType()).isEqualTo("application/pkix-crl");
    assertThat(crl.raw().headers().firstValueAsLong("Content-Length"))
        .hasValue(crl.raw().body().length);
    Path crlFile = dir.resolve("cpo-sub-ca-2.crl");
    Files.write(crlFile, crl.raw().body());
    var crlText =
        Openssl.run(
            "crl",
            "-inform",
            "DER",
            "-in",
            crlFile.toString(),
            "-CAfile",
            issuer.toString(),
            "-noout",
            "-text");
    assertThat(crlText.output())
        .contains("verify OK")
        .contains("Key Compromise")
        .contains(serial.toUpperCase(java.util.Locale.ROOT));
    var check =
        Openssl.run(
            "verify",
            "-crl_check",
            "-CAfile",
            root.toString(),
            "-untrusted",
            dir.resolve("ocsp-chain.pem").toString(),
            "-CRLfile",
            crlFile.toString(),
            leaf.toString());
    assertThat(check.output()).contains("certificate revoked");
    assertThat(ca.get("/crl/nope.crl", null).status()).isEqualTo(404);
    var garbage =
        ca.send(
            "POST", "/ocsp/cpo-sub-ca-2", null, "application/ocsp-request", new byte[] {1, 2, 3});
    assertThat(garbage.status()).isEqualTo(200);
    assertThat(garbage.contentType()).isEqualTo("application/ocsp-response");

    // RFC 6960 appendix A.1: GET with the URL-encoded base64 request, as caching proxies use it
    // Requests with a random nonce until one's base64 holds both '/' and '+', the characters a
    // GET path must carry percent-encoded and literal respectively.
    Path request = dir.resolve("ocsp-req.der");
    String base64 = "";
    for (int i = 0; i < 200 && !(base64.contains("/") && base64.contains("+")); i++) {
      Openssl.run(
          "ocsp",
          "-issuer",
          issuer.toString(),
          "-cert",
          leaf.toString(),
          "-reqout",
          request.toString());
      base64 = Base64.getEncoder().encodeToString(Files.readAllBytes(request));
    }
    assertThat(base64).contains("/").contains("+");
    String encoded = base64.replace("/", "%2F");
    var viaGet = ca.get("/ocsp/cpo-sub-ca-2/" + encoded, null);
    assertThat(viaGet.status()).isEqualTo(200);
    Path viaGetDer = dir.resolve("ocsp-get.der");
    Files.write(viaGetDer, viaGet.raw().body());
    var readBack =
        Openssl.run(
            "ocsp",
            "-respin",
            viaGetDer.toString(),
            "-issuer",
            issuer.toString(),
            "-cert",
            leaf.toString(),
            "-CAfile",
            root.toString(),
            "-verify_other",
            dir.resolve("ocsp-chain.pem").toString(),
            "-no_nonce");
    assertThat(readBack.output())
        .as(readBack.output())
        .contains("Response verify OK")
        .contains(": revoked");
    assertThat(
            ca.send("POST", "/ocsp/cpo-sub-ca-2", null, "application/json", new byte[] {1})
                .status())
        .isEqualTo(415);
  }

  @Test
  void healthChecksAndMetricsAreOnTheAdminPort() throws Exception {
    ca.issue("charging-station-client", Csrs.p256("CN=CS-IT-METRICS, O=Demo CPO"), RunningCa.ADMIN);
    var http = java.net.http.HttpClient.newHttpClient();
    String admin = "http://127.0.0.1:" + ca.adminPort();
    var health =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(admin + "/healthcheck"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).contains("\"database\"").contains("\"key-backend\"");
    var metrics =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(admin + "/metrics")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body())
        .contains("CertificateResource.issuance")
        .contains("vault.transit.sign")
        .contains("ocsp.cached-responses");
    assertThat(metrics.body()).doesNotContain(RunningCa.ADMIN);
  }

  /** openssl ocsp against our responder, verifying the answer up to the demo root. */
  private static Openssl.Result ocsp(Path issuer, Path leaf, String url, Path root, String option) {
    return Openssl.run(
        "ocsp",
        option,
        "-issuer",
        issuer.toString(),
        "-cert",
        leaf.toString(),
        "-url",
        url,
        "-CAfile",
        root.toString(),
        "-verify_other",
        dir.resolve("ocsp-chain.pem").toString());
  }

  @Test
  void publishesTheHierarchyUnauthenticated() throws Exception {
    var list = ca.get("/v1/cas", null);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().findValuesAsText("id"))
        .contains("v2g-root", "cpo-sub-ca-2", "mo-sub-ca-2");
    var chain = ca.get("/v1/cas/cpo-sub-ca-2/chain", null);
    assertThat(chain.body().split("BEGIN CERTIFICATE", -1)).hasSize(4);
    assertThat(ca.get("/v1/cas/nope/chain", null).status()).isEqualTo(404);
  }

  /**
   * Every refusal of an authenticated caller is audited, whatever bytes it held (a NUL in a JSON
   * string is valid JSON, but PostgreSQL's text cannot hold it), and the log still verifies, with
   * its head signed by the key in OpenBao.
   */
  @Test
  void refusalsAreAuditedWhateverTheyHoldAndTheLogIsAnchored() throws Exception {
    var refused =
        ca.postJson(
            "/v1/certificates",
            RunningCa.BRIDGE,
            java.util.Map.of("profile", "no\u0000such", "csr", "x\u0000"));
    assertThat(refused.status()).as(refused.body()).isBetween(400, 499);
    var missing = ca.get("/v1/certificates/0abc0def", RunningCa.ADMIN);
    assertThat(missing.status()).isEqualTo(404);

    var events = ca.get("/v1/audit/events?action=refused&limit=50", RunningCa.ADMIN).json();
    assertThat(events.findValuesAsText("target"))
        .contains("POST /v1/certificates", "GET /v1/certificates/0abc0def");
    assertThat(events.findValuesAsText("detail"))
        .contains("profile holds a control character (U+0000)");
    // the head moved: it is signed within the anchoring interval (10 s by default)
    var verification = ca.get("/v1/audit/verification", RunningCa.ADMIN).json();
    for (int i = 0; i < 150 && verification.path("latestAnchor").isMissingNode(); i++) {
      Thread.sleep(100);
      verification = ca.get("/v1/audit/verification", RunningCa.ADMIN).json();
    }
    assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
    assertThat(verification.path("latestAnchor").path("key").asText())
        .isEqualTo("pnc-audit-anchor#1");
  }
}
