package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.testing.Csrs;
import dev.pncpki.ca.testing.Openssl;
import dev.pncpki.ca.testing.OpensslRootOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root operator made with the openssl command line cross-certifies this CA's own V2G root ({@code
 * openssl ca -ss_cert}). With its root pooled and the cross-certificate stored, a station that
 * needs the operator's root gets a certificate from the CA's own chain whose chain runs on through
 * the cross-certificate, and {@code openssl verify -x509_strict} accepts it against the operator's
 * root alone. What is not a cross-certificate for a known root is refused, specifically.
 */
class CrossCertificateIT {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.NEVER)
  Path dir;

  @Test
  void aStationNeedingTheCrossingRootGetsTheOwnChainThroughTheCrossCertificate() throws Exception {
    try (var ca = RunningCa.withSoftwareKeys(dir)) {
      Path ownRoot = dir.resolve("hierarchy/v2g-root.pem");
      var operator =
          OpensslRootOperator.create(
              dir.resolve("operator"), "/CN=Crossing V2G Root/O=Root Operator/C=US", "prime256v1");
      Path cross = operator.crossSign(ownRoot, "cross", 365);
      String crossingRoot = OpensslRootOperator.sha256(operator.root);
      String csr = Csrs.p256("CN=DE-ICE-S-00003C4D557878675645330967543476-2, O=Demo CPO, C=DE");
      Map<String, Object> secc = Map.of("profile", "secc-leaf", "csr", csr, "root", crossingRoot);

      var before = ca.postJson("/v1/certificates", RunningCa.ADMIN, secc);
      assertThat(before.status()).as(before.body()).isEqualTo(400);
      assertThat(before.json().path("code").asText()).isEqualTo("unknown-issuer");
      refused(ca, cross, 422, "untrusted-chain"); // its issuing root is not pooled yet

      var put =
          ca.send(
              "PUT",
              "/v1/root/rootCerts",
              RunningCa.ADMIN,
              "application/json",
              RunningCa.JSON.writeValueAsBytes(
                  Map.of(
                      "caCertificate",
                      pem(operator.root),
                      "rootType",
                      "V2G",
                      "fingerprint",
                      crossingRoot)));
      assertThat(put.status()).as(put.body()).isEqualTo(200);

      // what is not a cross-certificate for a root this CA knows
      refused(ca, operator.root, 422, "not-a-cross-certificate"); // self-signed: a root
      refused(ca, ownRoot, 422, "not-a-cross-certificate");
      Path leaf = operator.issue("/CN=Some Leaf/O=Root Operator", "v3_leaf", "leaf");
      refused(ca, leaf, 422, "not-a-cross-certificate");
      var other =
          OpensslRootOperator.create(
              dir.resolve("other"), "/CN=Unknown Root/O=Nobody/C=DE", "prime256v1");
      refused(
          ca, operator.crossSign(other.root, "cross-unknown", 365), 422, "not-a-cross-certificate");

      var stored = put(ca, cross);
      assertThat(stored.status()).as(stored.body()).isEqualTo(200);
      assertThat(stored.json().path("issuerRootFingerprint").asText())
          .isEqualTo(crossingRoot.replace(":", "").toLowerCase(java.util.Locale.ROOT));
      refused(ca, cross, 409, "cross-certificate-exists");
      assertThat(ca.get("/v1/root/crossCerts", RunningCa.BRIDGE).json().size()).isEqualTo(1);

      var issued = ca.postJson("/v1/certificates", RunningCa.ADMIN, secc);
      assertThat(issued.status()).as(issued.body()).isEqualTo(201);
      assertThat(issued.json().path("issuer").asText()).isEqualTo("cpo-sub-ca-2");
      Path certificate =
          Files.writeString(dir.resolve("secc.pem"), issued.json().path("certificate").asText());
      Path chain =
          Files.writeString(dir.resolve("chain.pem"), issued.json().path("chain").asText());
      assertThat(Files.readString(chain)).contains(pem(cross).substring(0, 40));
      var verify =
          Openssl.run(
              "verify",
              "-x509_strict",
              "-CAfile",
              operator.root.toString(),
              "-untrusted",
              chain.toString(),
              certificate.toString());
      assertThat(verify.output()).as(verify.output()).contains(certificate + ": OK");

      // removed: the crossing root is served no more
      String fingerprint = stored.json().path("fingerprint").asText();
      assertThat(
              ca.send("DELETE", "/v1/root/crossCerts/" + fingerprint, RunningCa.ADMIN, null, null)
                  .status())
          .isEqualTo(200);
      assertThat(ca.postJson("/v1/certificates", RunningCa.ADMIN, secc).status()).isEqualTo(400);
    }
  }

  private static RunningCa.Reply put(RunningCa ca, Path certificate) throws Exception {
    return ca.send(
        "PUT",
        "/v1/root/crossCerts",
        RunningCa.ADMIN,
        "application/json",
        RunningCa.JSON.writeValueAsBytes(Map.of("certificate", Files.readString(certificate))));
  }

  private static void refused(RunningCa ca, Path certificate, int status, String code)
      throws Exception {
    var reply = put(ca, certificate);
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.json().path("code").asText()).as(reply.body()).isEqualTo(code);
  }

  private static String pem(Path file) throws Exception {
    return Files.readString(file)
        .replace("-----BEGIN CERTIFICATE-----", "")
        .replace("-----END CERTIFICATE-----", "")
        .replaceAll("\\s", "");
  }
}
