package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.ca.testing.Csrs;
import dev.pncpki.ca.testing.OpenBao;
import dev.pncpki.ca.testing.OpenBaoExtension;
import dev.pncpki.ca.testing.Openssl;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compromised CPO Sub-CA 2 from revocation to replacement, as docs/operations.md tells the
 * operator: revoked by an admin (bad requests first, each refused and changing nothing), its
 * issuer's OCSP answers revoked at once and its issuer's CRL lists it (both checked by openssl),
 * nothing more is issued under it, the stations whose certificates chain through it are listed, the
 * ceremony adds a new Sub-CA 2 under the same Sub-CA 1, and after a restart the CA issues under the
 * new one. Keys in a real OpenBao, rows in a real PostgreSQL.
 */
@ExtendWith(OpenBaoExtension.class)
class SubCaRevocationIT {
  private static final String SECC =
      "CN=DE-ICE-S-00003C4D557878675645330967543476-2, O=Demo CPO, C=DE";
  private static final String NEW_SUB_CA =
      """
      certificates:
        - {id: cpo-sub-ca-2b, profile: cpo-sub-ca-2, issuer: cpo-sub-ca-1, validityDays: 700,
           subject: {commonName: PnC Demo CPO Sub-CA 2B, organization: pnc-pki demo CPO, country: DE}}
        - {id: ocsp-cpo-sub-ca-2b, profile: ocsp-signer, issuer: cpo-sub-ca-2b, validityDays: 365,
           subject: {commonName: PnC Demo OCSP CPO Sub-CA 2B, organization: pnc-pki demo CPO, country: DE}}
      """;

  @TempDir Path dir;

  @Test
  void aRevokedSubCaIsRefusedListedAndReplaced(OpenBao bao) throws Exception {
    String keys =
        "{type: vault, address: \"%s\", token: \"%s\"}"
            .formatted(bao.address(), bao.serviceToken());
    int port;
    try (var ca = new RunningCa(dir, keys, true)) {
      port = ca.port();
      String station = issue(ca, "charging-station-client", "CN=CS-AFFECTED-1, O=Demo CPO");
      issue(ca, "secc-leaf", SECC);
      issue(ca, "csms-server", "CN=csms.affected.test, O=Demo CPO");
      badRequestsChangeNothing(ca);

      var revoked =
          ca.postJson(
              "/v1/cas/cpo-sub-ca-2/revoke", RunningCa.ADMIN, Map.of("reason", "keyCompromise"));
      assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
      JsonNode r = revoked.json();
      assertThat(r.path("issuer").asText()).isEqualTo("cpo-sub-ca-1");
      assertThat(r.path("reason").asText()).isEqualTo("keyCompromise");
      assertThat(r.path("validBelow").path("secc-leaf").asLong()).isEqualTo(1);
      assertThat(r.path("validBelow").path("charging-station-client").asLong()).isEqualTo(1);
      assertThat(r.path("validBelow").path("csms-server").asLong()).isEqualTo(1);
      assertThat(r.path("validBelow").path("ocsp-signer").asLong()).isEqualTo(1);
      String serial = r.path("serial").asText();

      issuerSaysRevoked(ca, serial);
      assertThat(problem(ca.issue("secc-leaf", Csrs.p256(SECC), RunningCa.ADMIN), 409))
          .isEqualTo("issuer-revoked");
      var named =
          ca.postJson(
              "/v1/certificates",
              RunningCa.ADMIN,
              Map.of("profile", "secc-leaf", "csr", Csrs.p256(SECC), "issuer", "cpo-sub-ca-2"));
      assertThat(problem(named, 409)).isEqualTo("issuer-revoked");
      assertThat(ca.rows("select count(*) from certificate where issuer_id = 'cpo-sub-ca-2'"))
          .as("a refused issuance leaves no row")
          .isEqualTo(4);
      assertThat(
              problem(
                  ca.postJson(
                      "/v1/cas/cpo-sub-ca-2/revoke",
                      RunningCa.ADMIN,
                      Map.of("reason", "superseded")),
                  409))
          .isEqualTo("already-revoked");
      assertThat(
              ca.rows(
                  "select count(*) from audit_event where action = 'revoke-ca'"
                      + " and target = 'cpo-sub-ca-2' and outcome = 'revoked'"))
          .isEqualTo(1);
      affectedListsTheStations(ca, station);
      assertThat(statusOf(ca, "cpo-sub-ca-2")).isEqualTo("revoked");
      assertThat(statusOf(ca, "ocsp-cpo-sub-ca-2")).as("below a revoked CA").isEqualTo("revoked");
      assertThat(statusOf(ca, "cpo-sub-ca-1")).isEqualTo("valid");
    }

    var added = ceremony(NEW_SUB_CA);
    assertThat(added).contains("created  cpo-sub-ca-2b").contains("created  ocsp-cpo-sub-ca-2b");
    try (var ca = restart(keys, port)) {
      assertThat(statusOf(ca, "cpo-sub-ca-2b")).isEqualTo("valid");
      assertThat(statusOf(ca, "cpo-sub-ca-2")).isEqualTo("revoked");
      var issued = ca.issue("secc-leaf", Csrs.p256(SECC), RunningCa.ADMIN);
      assertThat(issued.status()).as(issued.body()).isEqualTo(201);
      assertThat(issued.json().path("issuer").asText()).isEqualTo("cpo-sub-ca-2b");
      Path leaf = Files.writeString(dir.resolve("new-secc.pem"), text(issued, "certificate"));
      Path chain = Files.writeString(dir.resolve("new-chain.pem"), text(issued, "chain"));
      Path issuer =
          Files.writeString(dir.resolve("new-issuer.pem"), RunningCa.firstPem(chain(issued)));
      Path root = Files.writeString(dir.resolve("new-root.pem"), text(issued, "root"));
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
      assertThat(verify.output()).as("the new chain verifies").contains(leaf + ": OK");
      var ocsp =
          Openssl.run(
              "ocsp",
              "-issuer",
              issuer.toString(),
              "-cert",
              leaf.toString(),
              "-url",
              ca.publicUrl() + "/ocsp/cpo-sub-ca-2b",
              "-CAfile",
              root.toString(),
              "-verify_other",
              chain.toString(),
              "-no_nonce");
      assertThat(ocsp.output()).contains("Response verify OK").contains(leaf + ": good");
    }
  }

  /**
   * A revoked delegated OCSP signer signs nothing more (RFC 6960 4.2.2.2.1: with ocsp-nocheck its
   * revocation cannot be seen by those relying on it): its CA signs its answers at once.
   */
  @Test
  void aRevokedOcspSignerIsReplacedByItsCa(OpenBao bao) throws Exception {
    String keys =
        "{type: vault, address: \"%s\", token: \"%s\"}"
            .formatted(bao.address(), bao.serviceToken());
    try (var ca = new RunningCa(dir, keys, true)) {
      var issued =
          ca.issue(
              "charging-station-client", Csrs.p256("CN=CS-SIGNER-1, O=Demo CPO"), RunningCa.ADMIN);
      assertThat(issued.status()).as(issued.body()).isEqualTo(201);
      Path leaf = Files.writeString(dir.resolve("cs.pem"), text(issued, "certificate"));
      Path chain = Files.writeString(dir.resolve("cs-chain.pem"), chain(issued));
      Path issuer =
          Files.writeString(dir.resolve("cs-issuer.pem"), RunningCa.firstPem(chain(issued)));
      Path root = Files.writeString(dir.resolve("cs-root.pem"), text(issued, "root"));
      String url = ca.publicUrl() + "/ocsp/cpo-sub-ca-2";
      assertThat(signerOf(leaf, issuer, chain, root, url)).contains("PnC Demo OCSP CPO Sub-CA 2");

      var revoked =
          ca.postJson(
              "/v1/cas/ocsp-cpo-sub-ca-2/revoke",
              RunningCa.ADMIN,
              Map.of("reason", "keyCompromise"));
      assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

      assertThat(signerOf(leaf, issuer, chain, root, url))
          .doesNotContain("OCSP CPO Sub-CA 2")
          .contains("PnC Demo CPO Sub-CA 2");
      var issuedAfter =
          ca.issue(
              "charging-station-client", Csrs.p256("CN=CS-SIGNER-2, O=Demo CPO"), RunningCa.ADMIN);
      assertThat(issuedAfter.status()).as("the CA itself still issues").isEqualTo(201);
    }
  }

  /** The subject of the responder's certificate in a verified good answer (openssl -resp_text). */
  private static String signerOf(Path leaf, Path issuer, Path chain, Path root, String url) {
    var ocsp =
        Openssl.run(
            "ocsp",
            "-issuer",
            issuer.toString(),
            "-cert",
            leaf.toString(),
            "-url",
            url,
            "-CAfile",
            root.toString(),
            "-verify_other",
            chain.toString(),
            "-no_nonce",
            "-resp_text");
    assertThat(ocsp.output()).contains("Response verify OK").contains(leaf + ": good");
    String out = ocsp.output();
    // the responder's id is a key hash; the certificate it includes names it
    int subject = out.indexOf("Subject:");
    assertThat(subject).as(out).isPositive();
    return out.substring(subject, out.indexOf('\n', subject));
  }

  private static String issue(RunningCa ca, String profile, String subject) throws Exception {
    var reply = ca.issue(profile, Csrs.p256(subject), RunningCa.ADMIN);
    assertThat(reply.status()).as(profile + ": " + reply.body()).isEqualTo(201);
    assertThat(reply.json().path("issuer").asText()).isEqualTo("cpo-sub-ca-2");
    return reply.json().path("serial").asText();
  }

  /** Every refused revocation request answers a specific problem and revokes nothing. */
  private static void badRequestsChangeNothing(RunningCa ca) throws Exception {
    String path = "/v1/cas/cpo-sub-ca-2/revoke";
    Map<String, String> reason = Map.of("reason", "keyCompromise");
    assertThat(problem(ca.postJson(path, null, reason), 401)).isEqualTo("unauthenticated");
    assertThat(problem(ca.postJson(path, RunningCa.BRIDGE, reason), 403)).isEqualTo("forbidden");
    assertThat(problem(ca.postJson(path, RunningCa.ADMIN, Map.of("reason", "oops")), 400))
        .isEqualTo("malformed-request");
    assertThat(
            problem(
                ca.send("POST", path, RunningCa.ADMIN, "application/json", "{}".getBytes()), 400))
        .isEqualTo("malformed-request");
    assertThat(problem(ca.postJson("/v1/cas/no-such-ca/revoke", RunningCa.ADMIN, reason), 404))
        .isEqualTo("not-found");
    assertThat(problem(ca.postJson("/v1/cas/v2g-root/revoke", RunningCa.ADMIN, reason), 409))
        .isEqualTo("root-not-revocable");
    assertThat(problem(ca.get("/v1/cas/cpo-sub-ca-2/affected", null), 401))
        .isEqualTo("unauthenticated");
    assertThat(problem(ca.get("/v1/cas/cpo-sub-ca-2/affected?limit=x", RunningCa.ADMIN), 400))
        .isEqualTo("malformed-request");
    assertThat(problem(ca.get("/v1/cas/cpo-sub-ca-2/affected?status=gone", RunningCa.ADMIN), 400))
        .isEqualTo("malformed-request");
    assertThat(ca.rows("select count(*) from certificate where revoked_at is not null")).isZero();
  }

  /** Sub-CA 1's responder answers revoked for Sub-CA 2, and Sub-CA 1's CRL lists it. */
  private void issuerSaysRevoked(RunningCa ca, String serial) throws Exception {
    String chain = ca.get("/v1/cas/cpo-sub-ca-2/chain", null).body();
    Path subCa2 = Files.writeString(dir.resolve("sub2.pem"), RunningCa.firstPem(chain));
    Path all = Files.writeString(dir.resolve("sub2-chain.pem"), chain);
    Path subCa1 =
        Files.writeString(
            dir.resolve("sub1.pem"),
            RunningCa.firstPem(chain.substring(chain.indexOf("-----END CERTIFICATE-----") + 26)));
    Path root =
        Files.writeString(
            dir.resolve("root.pem"),
            chain.substring(chain.lastIndexOf("-----BEGIN CERTIFICATE-----")));
    var ocsp =
        Openssl.run(
            "ocsp",
            "-issuer",
            subCa1.toString(),
            "-cert",
            subCa2.toString(),
            "-url",
            ca.publicUrl() + "/ocsp/cpo-sub-ca-1",
            "-CAfile",
            root.toString(),
            "-verify_other",
            all.toString(),
            "-no_nonce");
    assertThat(ocsp.output())
        .contains("Response verify OK")
        .contains(subCa2 + ": revoked")
        .contains("Reason: keyCompromise");

    // the issuer's CRL follows in the background (docs/operations.md, "CRLs")
    HttpResponse<byte[]> crl = crlListing(ca, serial, java.time.Duration.ofSeconds(30));
    assertThat(crl.statusCode()).isEqualTo(200);
    Path der = Files.write(dir.resolve("sub1.crl"), crl.body());
    var text =
        Openssl.run(
            "crl",
            "-inform",
            "DER",
            "-in",
            der.toString(),
            "-CAfile",
            subCa1.toString(),
            "-noout",
            "-text");
    assertThat(text.output()).contains("verify OK").contains("Key Compromise");
    var entry = new X509CRLHolder(crl.body()).getRevokedCertificate(new BigInteger(serial, 16));
    assertThat(entry).as("Sub-CA 1's CRL lists Sub-CA 2").isNotNull();
  }

  /** The listing names each station, SECC and CSMS certificate with its subject. */
  private static void affectedListsTheStations(RunningCa ca, String stationSerial)
      throws Exception {
    var page = ca.get("/v1/cas/cpo-sub-ca-2/affected?status=valid", RunningCa.ADMIN);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    JsonNode json = page.json();
    assertThat(json.path("status").asText()).isEqualTo("revoked");
    assertThat(json.path("revocationReason").asText()).isEqualTo("keyCompromise");
    List<String> subjects = new ArrayList<>();
    json.path("certificates").forEach(c -> subjects.add(c.path("subjectCn").asText()));
    assertThat(subjects)
        .containsExactlyInAnyOrder(
            "CS-AFFECTED-1",
            "DE-ICE-S-00003C4D557878675645330967543476-2",
            "csms.affected.test",
            "PnC Demo OCSP CPO Sub-CA 2");
    JsonNode station = null;
    for (JsonNode c : json.path("certificates")) {
      if (c.path("serial").asText().equals(stationSerial)) {
        station = c;
      }
    }
    assertThat(station).isNotNull();
    assertThat(station.path("profile").asText()).isEqualTo("charging-station-client");
    assertThat(station.path("path").toString()).isEqualTo("[\"cpo-sub-ca-2\"]");

    var first = ca.get("/v1/cas/cpo-sub-ca-1/affected?limit=2", RunningCa.ADMIN).json();
    assertThat(first.path("certificates")).hasSize(2);
    String next = first.path("next").asText();
    var second =
        ca.get("/v1/cas/cpo-sub-ca-1/affected?limit=100&after=" + next, RunningCa.ADMIN).json();
    assertThat(second.path("next").isNull() || second.path("next").isMissingNode()).isTrue();
    // below Sub-CA 1: its OCSP signer, Sub-CA 2 (revoked) and the four Sub-CA 2 issued
    assertThat(first.path("certificates").size() + second.path("certificates").size()).isEqualTo(6);
  }

  private static String statusOf(RunningCa ca, String id) throws Exception {
    for (JsonNode c : ca.get("/v1/cas", null).json()) {
      if (c.path("id").asText().equals(id)) {
        return c.path("status").asText();
      }
    }
    throw new AssertionError("no CA " + id);
  }

  private static String problem(RunningCa.Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    return reply.json().path("code").asText();
  }

  private static String text(RunningCa.Reply reply, String field) {
    return reply.json().path(field).asText();
  }

  private static String chain(RunningCa.Reply reply) {
    return text(reply, "chain");
  }

  /** The same CA again: same port (the URL in its certificates), database and hierarchy. */
  private RunningCa restart(String keys, int port) throws Exception {
    return new RunningCa(
        dir,
        keys,
        true,
        "{type: http, bindHost: 127.0.0.1, port: %d, uriCompliance: LEGACY}".formatted(port),
        "",
        HttpClient.newHttpClient());
  }

  /** {@code ceremony config.yml --plan plan.yaml}, as the security admin runs it. */
  private String ceremony(String plan) throws Exception {
    Path planFile = Files.writeString(dir.resolve("add-sub-ca.yaml"), plan);
    var out = new ByteArrayOutputStream();
    var app = new CaApplication();
    var bootstrap = new Bootstrap<>(app);
    app.initialize(bootstrap);
    var print = new PrintStream(out, true, StandardCharsets.UTF_8);
    var cli = new Cli(new JarLocation(getClass()), bootstrap, print, print);
    PrintStream console = System.out;
    System.setOut(print);
    try {
      var failure =
          cli.run("ceremony", dir.resolve("config.yml").toString(), "--plan", planFile.toString());
      assertThat(failure).as(out.toString(StandardCharsets.UTF_8)).isEmpty();
    } finally {
      System.setOut(console);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Sub-CA 1's CRL, once it lists {@code serial} (hex), or the last one fetched. */
  private static HttpResponse<byte[]> crlListing(
      RunningCa ca, String serial, java.time.Duration within) throws Exception {
    BigInteger wanted = new BigInteger(serial, 16);
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      HttpResponse<byte[]> crl =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(ca.publicUrl() + "/crl/cpo-sub-ca-1.crl"))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      if (crl.statusCode() != 200
          || new X509CRLHolder(crl.body()).getRevokedCertificate(wanted) != null
          || System.nanoTime() > deadline) {
        return crl;
      }
      Thread.sleep(250);
    }
  }
}
