package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.testing.OpenBao;
import dev.pncpki.ca.testing.OpenBaoExtension;
import dev.pncpki.ca.testing.Openssl;
import dev.pncpki.policies.id.Emaid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contracts end to end with keys in a real OpenBao and rows in a real PostgreSQL: an OEM uploads a
 * provisioning certificate, a mobility operator gets a contract for it, an independent
 * implementation (Python cryptography) recovers the contract key as the vehicle would, openssl
 * verifies the contract chain, then the contract is renewed and revoked.
 */
@ExtendWith(OpenBaoExtension.class)
class ContractIT {
  @TempDir static Path dir;
  static RunningCa ca;
  static OemPki oem2;
  static OemPki oem20;

  @BeforeAll
  static void start(OpenBao bao) throws Exception {
    ca =
        new RunningCa(
            dir,
            "{type: vault, address: \"%s\", token: \"%s\"}"
                .formatted(bao.address(), bao.serviceToken()),
            true);
    oem2 = new OemPki("OEM A", "secp256r1");
    oem20 = new OemPki("OEM A P-521", "secp521r1");
    trust(ca, oem2.root);
    trust(ca, oem20.root);
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  /** An admin trusts {@code root} as a root of OEM tenant oem-a. */
  static void trust(RunningCa ca, X509CertificateHolder root) throws Exception {
    var added =
        ca.postJson(
            "/v1/trust-anchors",
            RunningCa.ADMIN,
            Map.of("pki", "oem", "oem", "oem-a", "certificate", OemPki.base64(root)));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
  }

  static RunningCa.Reply upload(OemPki pki, OemPki.Vehicle vehicle, String token) throws Exception {
    return uploadTo(ca, pki, vehicle, token);
  }

  static RunningCa.Reply uploadTo(RunningCa ca, OemPki pki, OemPki.Vehicle vehicle, String token)
      throws Exception {
    return ca.send(
        "PUT",
        "/v1/oem/provCerts",
        token,
        "application/json",
        RunningCa.JSON.writeValueAsBytes(
            Map.of(
                "provisioningCertificate", vehicle.base64(),
                "subCa2Certificate", OemPki.base64(pki.sub2),
                "subCa1Certificate", OemPki.base64(pki.sub1))));
  }

  @Test
  void iso2ContractReachesTheVehicleAndIsRenewedAndRevoked() throws Exception {
    var vehicle = oem2.vehicle("WMA00000000000001");
    var uploaded = upload(oem2, vehicle, RunningCa.OEM_A);
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    assertThat(uploaded.json().path("revocationStatus").asText()).startsWith("unknown");

    String emaid = Emaid.allocate("DE", "PNC", "C0NTRACT1").value();
    var issued =
        ca.postJson(
            "/v1/contracts",
            RunningCa.MO_X,
            Map.of("pcid", vehicle.pcid(), "emaid", emaid, "validityDays", 30));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    var contract = issued.json();
    assertThat(contract.path("status").asText()).isEqualTo("active");
    assertThat(contract.path("xsdMsgDefNamespace").asText())
        .isEqualTo("urn:iso:15118:2:2013:MsgDef");
    var data = contract.path("contractData");
    assertThat(VehicleSide.b64(data.path("contractSignatureEncryptedPrivateKey"))).hasSize(48);
    assertThat(VehicleSide.b64(data.path("dHpublickey"))).hasSize(65).startsWith(4);
    var leaf =
        new X509CertificateHolder(
            VehicleSide.b64(
                data.path("contractSignatureCertChain")
                    .path("contractSignatureCertChainCertificate")));
    assertThat(leaf.getSubject().toString()).contains("CN=" + emaid).contains("O=MO X");
    opensslVerifies(contract, "mo-root");

    String scalar = VehicleSide.decrypt(dir, contract, vehicle.key());
    assertThat(scalar).hasSize(64);

    // Renewal: the new key is encrypted to the current contract key (V2G2-821).
    var renewed =
        ca.postJson(
            "/v1/contracts/" + emaid + "/" + vehicle.pcid() + "/update", RunningCa.MO_X, Map.of());
    assertThat(renewed.status()).as(renewed.body()).isEqualTo(201);
    String newScalar =
        VehicleSide.decrypt(
            dir, renewed.json(), VehicleSide.keyPairFromScalar("secp256r1", scalar));
    assertThat(newScalar).isNotEqualTo(scalar);
    var old = ca.get("/v1/contracts?pcid=" + vehicle.pcid(), RunningCa.MO_X).json();
    assertThat(old).hasSize(2);
    assertThat(old.get(1).path("status").asText()).isEqualTo("replaced");
    assertThat(old.get(0).path("status").asText()).isEqualTo("active");

    // Only the owning operator may revoke; the refusal is audited.
    String path = "/v1/contracts/" + emaid + "/" + vehicle.pcid() + "/revoke";
    var foreign = ca.postJson(path, RunningCa.MO_Y, Map.of("reason", "keyCompromise"));
    assertThat(foreign.status()).as(foreign.body()).isEqualTo(403);
    assertThat(ca.rows("select count(*) from audit_event where actor = 'test-mo-y'")).isPositive();
    var revoked = ca.postJson(path, RunningCa.MO_X, Map.of("reason", "keyCompromise"));
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    assertThat(revoked.json().path("status").asText()).isEqualTo("revoked");
    // the replaced predecessor, still unexpired, is revoked with it: the old key dies too
    for (var c : ca.get("/v1/contracts?pcid=" + vehicle.pcid(), RunningCa.MO_X).json()) {
      assertThat(c.path("status").asText()).isEqualTo("revoked");
      String serial = c.path("serial").asText();
      assertThat(
              ca.get("/v1/certificates/" + serial, RunningCa.ADMIN).json().path("status").asText())
          .isEqualTo("revoked");
    }
  }

  @Test
  void iso20ContractUsesP521AndAesGcm() throws Exception {
    var vehicle = oem20.vehicle("WMA000000000000020");
    var uploaded = upload(oem20, vehicle, RunningCa.OEM_A);
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    var wrongVersion = ca.postJson("/v1/contracts", RunningCa.MO_X, Map.of("pcid", vehicle.pcid()));
    assertThat(wrongVersion.status()).as(wrongVersion.body()).isEqualTo(400);
    assertThat(wrongVersion.json().path("code").asText()).isEqualTo("suite-mismatch");

    var issued =
        ca.postJson(
            "/v1/contracts",
            RunningCa.MO_X,
            Map.of(
                "pcid",
                vehicle.pcid(),
                "xsdMsgDefNamespace",
                "urn:iso:std:iso:15118:-20:CommonMessages"));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    var data = issued.json().path("contractData");
    assertThat(VehicleSide.b64(data.path("contractSignatureEncryptedPrivateKey"))).hasSize(94);
    assertThat(VehicleSide.b64(data.path("dHpublickey"))).hasSize(133);
    String emaid = issued.json().path("emaid").asText();
    assertThat(Emaid.parse(emaid).value()).isEqualTo(emaid).startsWith("DEPNC").hasSize(15);
    assertThat(issued.json().path("issuerId").asText()).isEqualTo("mo-sub-ca-2-p521");
    opensslVerifies(issued.json(), "mo-root-p521");
    String first = VehicleSide.decrypt(dir, issued.json(), vehicle.key());
    assertThat(first).hasSize(132);

    // -20 has no CertificateUpdate: a renewal is encrypted to the provisioning key again
    var shortLived =
        ca.postJson(
            "/v1/contracts",
            RunningCa.MO_X,
            Map.of(
                "pcid",
                vehicle.pcid(),
                "emaid",
                Emaid.allocate("DE", "PNC", "P521RENEW").value(),
                "validityDays",
                30,
                "xsdMsgDefNamespace",
                "urn:iso:std:iso:15118:-20:CommonMessages"));
    assertThat(shortLived.status()).as(shortLived.body()).isEqualTo(201);
    String renewPath =
        "/v1/contracts/" + shortLived.json().path("emaid").asText() + "/" + vehicle.pcid();
    var renewed = ca.postJson(renewPath + "/update", RunningCa.MO_X, Map.of());
    assertThat(renewed.status()).as(renewed.body()).isEqualTo(201);
    assertThat(VehicleSide.decrypt(dir, renewed.json(), vehicle.key())).hasSize(132);
    assertThat(ca.get(renewPath, RunningCa.OEM_A).json().path("id").asLong())
        .isEqualTo(renewed.json().path("id").asLong());
  }

  private static void opensslVerifies(com.fasterxml.jackson.databind.JsonNode contract, String root)
      throws Exception {
    var chain = contract.path("contractData").path("contractSignatureCertChain");
    Path leaf = Files.createTempFile(dir, "contract", ".pem");
    Files.writeString(leaf, pem(chain.path("contractSignatureCertChainCertificate").asText()));
    Path untrusted = Files.createTempFile(dir, "chain", ".pem");
    StringBuilder subs = new StringBuilder();
    chain
        .path("contractSignatureCertChainSubCertificates")
        .forEach(c -> subs.append(pem(c.asText())));
    Files.writeString(untrusted, subs.toString());
    Path anchor = Files.createTempFile(dir, "root", ".pem");
    Files.writeString(anchor, ca.get("/v1/cas/" + root + "/chain", RunningCa.ADMIN).body());
    var verify =
        Openssl.run(
            "verify",
            "-x509_strict",
            "-purpose",
            "any",
            "-CAfile",
            anchor.toString(),
            "-untrusted",
            untrusted.toString(),
            leaf.toString());
    assertThat(verify.exitCode()).as(verify.output()).isZero();
  }

  private static String pem(String base64) {
    byte[] der = java.util.Base64.getDecoder().decode(base64);
    return "-----BEGIN CERTIFICATE-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
  }
}
