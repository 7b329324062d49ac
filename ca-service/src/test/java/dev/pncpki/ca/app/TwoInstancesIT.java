package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.testing.Csrs;
import dev.pncpki.ca.testing.Openssl;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two CA instances on one PostgreSQL: a revocation made through one reaches the other's OCSP cache
 * through NOTIFY, so no instance keeps answering "good" from its cache; and both serve the one CRL
 * that lists it, byte for byte, built by one of them and stored in the database.
 */
class TwoInstancesIT {
  @TempDir Path a;
  @TempDir Path b;

  @Test
  void aRevocationOnOneInstanceReachesTheOthersOcspCache() throws Exception {
    String keysA = RunningCa.softwareKeys(a);
    try (var first = new RunningCa(a, keysA, true)) {
      RunningCa.copyHierarchy(a, b);
      List<String> pid = Files.readAllLines(a.resolve("postgres").resolve("postmaster.pid"));
      String database =
          "{url: \"jdbc:postgresql://127.0.0.1:%s/postgres\", user: postgres}"
              .formatted(pid.get(3).trim());
      try (var second =
          new RunningCa(
              b,
              keysA,
              false,
              "{type: http, bindHost: 127.0.0.1, port: 0, uriCompliance: LEGACY}",
              "publicUrl: " + first.publicUrl(), // both serve the same hierarchy under one URL
              HttpClient.newHttpClient(),
              database)) {
        var issued =
            first.issue(
                "charging-station-client", Csrs.p256("CN=CS-TWO-1, O=Demo CPO"), RunningCa.ADMIN);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        Path leaf = a.resolve("leaf.pem");
        Files.writeString(leaf, issued.json().path("certificate").asText());
        String chain = issued.json().path("chain").asText();
        Path issuer = a.resolve("issuer.pem");
        Files.writeString(issuer, RunningCa.firstPem(chain));
        Path request = a.resolve("req.der");
        Openssl.run(
            "ocsp",
            "-issuer",
            issuer.toString(),
            "-cert",
            leaf.toString(),
            "-no_nonce",
            "-reqout",
            request.toString());

        assertThat(status(second, request, issuer, leaf))
            .isEqualTo("good"); // now cached in the second
        String serial = issued.json().path("serial").asText();
        assertThat(
                first
                    .postJson(
                        "/v1/certificates/" + serial + "/revoke",
                        RunningCa.ADMIN,
                        Map.of("reason", "keyCompromise"))
                    .status())
            .isEqualTo(200);
        Instant deadline = Instant.now().plusSeconds(10);
        String seen = "good";
        while (!seen.equals("revoked") && Instant.now().isBefore(deadline)) {
          Thread.sleep(100);
          seen = status(second, request, issuer, leaf);
        }
        assertThat(seen).isEqualTo("revoked");

        // one CRL, built by one of them and stored: the same number and bytes from both
        var fromSecond = crlListing(second, serial);
        var fromFirst = first.get("/crl/cpo-sub-ca-2.crl", null);
        assertThat(fromFirst.raw().headers().firstValue("ETag"))
            .isEqualTo(fromSecond.raw().headers().firstValue("ETag"));
        assertThat(fromFirst.raw().body()).isEqualTo(fromSecond.raw().body());
        Path crl = a.resolve("two.crl");
        Files.write(crl, fromSecond.raw().body());
        assertThat(
                Openssl.run(
                        "crl",
                        "-inform",
                        "DER",
                        "-in",
                        crl.toString(),
                        "-CAfile",
                        issuer.toString(),
                        "-noout")
                    .output())
            .contains("verify OK");
      }
    }
  }

  /** The CRL of cpo-sub-ca-2 from {@code ca} once it lists {@code serial} (20 s at most). */
  private static RunningCa.Reply crlListing(RunningCa ca, String serial) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    while (true) {
      var crl = ca.get("/crl/cpo-sub-ca-2.crl", null);
      var listed =
          new org.bouncycastle.cert.X509CRLHolder(crl.raw().body())
              .getRevokedCertificate(new java.math.BigInteger(serial, 16));
      if (listed != null || Instant.now().isAfter(deadline)) {
        assertThat(listed).as("CRL lists " + serial).isNotNull();
        return crl;
      }
      Thread.sleep(100);
    }
  }

  private String status(RunningCa ca, Path request, Path issuer, Path leaf) throws Exception {
    var response = ca.ocsp("cpo-sub-ca-2", Files.readAllBytes(request));
    Path der = a.resolve("resp.der");
    Files.write(der, response.raw().body());
    String text =
        Openssl.run(
                "ocsp",
                "-respin",
                der.toString(),
                "-issuer",
                issuer.toString(),
                "-cert",
                leaf.toString(),
                "-noverify",
                "-no_nonce")
            .output();
    return text.contains(": revoked") ? "revoked" : text.contains(": good") ? "good" : text;
  }
}
