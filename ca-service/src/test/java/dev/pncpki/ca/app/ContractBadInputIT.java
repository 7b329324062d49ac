package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.testing.Csrs;
import dev.pncpki.policies.id.Emaid;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning certificates and contract requests the service must refuse, each with its own
 * problem code, storing nothing: no provisioning row, no certificate row, no contract row.
 */
class ContractBadInputIT {
  @TempDir static Path dir;
  static RunningCa ca;
  static OemPki oem;

  @BeforeAll
  static void start() throws Exception {
    ca = RunningCa.withSoftwareKeys(dir);
    oem = new OemPki("Checked OEM", "secp256r1");
    ContractIT.trust(ca, oem.root);
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  private static void refused(RunningCa.Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.json().path("code").asText()).as(reply.body()).isEqualTo(code);
  }

  private static long stored() {
    return ca.rows(
        "select (select count(*) from provisioning_certificate)"
            + " + (select count(*) from certificate) + (select count(*) from contract)");
  }

  @Test
  void badProvisioningCertificatesAreRefusedAndNothingIsStored() throws Exception {
    long before = stored();
    var rogue = new OemPki("Rogue OEM", "secp256r1");
    refused(upload(rogue, rogue.vehicle("WMR00000000000001")), 422, "untrusted-chain");
    Instant past = Instant.now().minus(Duration.ofDays(30));
    refused(
        upload(oem, oem.vehicle("WMR00000000000002", "secp256r1", true, past, 10)),
        422,
        "certificate-expired");
    refused(
        upload(oem, oem.vehicle("WMR00000000000003", "secp384r1", true, past, 100)),
        400,
        "wrong-key-type");
    refused(
        upload(oem, oem.vehicle("WMR00000000000004", "secp256r1", false, past, 100)),
        400,
        "profile-violation");
    refused(upload(oem, oem.vehicle("NOT-A-PCID")), 400, "invalid-pcid");
    // a root is trusted for one OEM only; and an OEM uploads only PCIDs of its own WMIs
    refused(
        ContractIT.uploadTo(ca, oem, oem.vehicle("WMB00000000000001"), RunningCa.OEM_B),
        422,
        "untrusted-chain");
    refused(upload(oem, oem.vehicle("WMB00000000000002")), 403, "forbidden");
    var notDer =
        ca.send(
            "PUT",
            "/v1/oem/provCerts",
            RunningCa.OEM_A,
            "application/json",
            "{\"provisioningCertificate\":\"bm90IGEgY2VydA==\",\"subCa1Certificate\":\"x\"}"
                .getBytes());
    refused(notDer, 400, "bad-certificate");
    assertThat(stored()).isEqualTo(before);

    var good = oem.vehicle("WMR00000000000005");
    assertThat(upload(oem, good).status()).isEqualTo(201);
    refused(upload(oem, good), 409, "provisioning-certificate-exists");
  }

  @Test
  void aRevokedProvisioningCertificateOfTheOwnOemPkiIsRefused() throws Exception {
    // The demo OEM PKI of the hierarchy issues a provisioning certificate, which is then revoked.
    var issued =
        ca.issue(
            "oem-provisioning-leaf",
            Csrs.p256("CN=WMD00000000000001, O=pnc-pki demo OEM"),
            RunningCa.ADMIN);
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    String serial = issued.json().path("serial").asText();
    assertThat(
            ca.postJson(
                    "/v1/certificates/" + serial + "/revoke",
                    RunningCa.ADMIN,
                    Map.of("reason", "keyCompromise"))
                .status())
        .isEqualTo(200);
    String chain = ca.get("/v1/cas/oem-sub-ca-2/chain", RunningCa.ADMIN).body();
    var parser = new PEMParser(new java.io.StringReader(chain));
    var sub2 = (X509CertificateHolder) parser.readObject();
    var sub1 = (X509CertificateHolder) parser.readObject();
    var root = (X509CertificateHolder) parser.readObject();
    ContractIT.trust(ca, root);
    long before = ca.rows("select count(*) from provisioning_certificate");
    var reply =
        ca.send(
            "PUT",
            "/v1/oem/provCerts",
            RunningCa.OEM_A,
            "application/json",
            RunningCa.JSON.writeValueAsBytes(
                Map.of(
                    "provisioningCertificate",
                    Base64.getEncoder()
                        .encodeToString(
                            new X509CertificateHolder(
                                    java.util.Base64.getMimeDecoder()
                                        .decode(
                                            issued
                                                .json()
                                                .path("certificate")
                                                .asText()
                                                .replaceAll("-----[A-Z ]+-----", "")))
                                .getEncoded()),
                    "subCa2Certificate",
                    OemPki.base64(sub2),
                    "subCa1Certificate",
                    OemPki.base64(sub1))));
    refused(reply, 422, "certificate-revoked");
    assertThat(ca.rows("select count(*) from provisioning_certificate")).isEqualTo(before);
  }

  @Test
  void badContractRequestsAreRefusedAndNothingIsStored() throws Exception {
    var vehicle = oem.vehicle("WMR00000000000010");
    assertThat(upload(oem, vehicle).status()).isEqualTo(201);
    long before = stored();
    String good = Emaid.allocate("DE", "PNC", "BAD000001").value();
    String badDigit = good.substring(0, 14) + (good.charAt(14) == 'A' ? 'B' : 'A');
    refused(contract(vehicle.pcid(), badDigit), 400, "invalid-emaid");
    refused(contract(vehicle.pcid(), "DEPNC12"), 400, "invalid-emaid");
    refused(
        contract(vehicle.pcid(), Emaid.allocate("DE", "OTH", "BAD000002").value()),
        403,
        "forbidden");
    refused(contract("WMR00000000000099", good), 404, "not-found");
    refused(contract("short", good), 400, "invalid-pcid");
    var noJson =
        ca.send("POST", "/v1/contracts", RunningCa.MO_X, "text/plain", "pcid=x".getBytes());
    assertThat(noJson.status()).isEqualTo(415);
    assertThat(stored()).isEqualTo(before);

    assertThat(contract(vehicle.pcid(), good).status()).isEqualTo(201);
    long after = stored();
    refused(contract(vehicle.pcid(), good), 409, "contract-exists");
    refused(
        ca.postJson(
            "/v1/contracts/" + good + "/" + vehicle.pcid() + "/update", RunningCa.MO_X, Map.of()),
        409,
        "contract-not-due");
    assertThat(stored()).as("refused requests leave no rows").isEqualTo(after);
  }

  @Test
  void aVehicleWhoseOemRootIsNoLongerTrustedGetsNoContract() throws Exception {
    var dropped = new OemPki("Dropped OEM", "secp256r1");
    var added =
        ca.postJson(
            "/v1/trust-anchors",
            RunningCa.ADMIN,
            Map.of("pki", "oem", "oem", "oem-a", "certificate", OemPki.base64(dropped.root)));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    var vehicle = dropped.vehicle("WMR00000000000020");
    assertThat(upload(dropped, vehicle).status()).isEqualTo(201);
    String id = added.json().path("id").asText();
    assertThat(ca.send("DELETE", "/v1/trust-anchors/" + id, RunningCa.ADMIN, null, null).status())
        .isEqualTo(204);
    long before = stored();
    refused(
        contract(vehicle.pcid(), Emaid.allocate("DE", "PNC", "DROPPED01").value()),
        422,
        "untrusted-chain");
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void concurrentRequestsForOneEmaidMakeOneContract() throws Exception {
    var vehicles =
        java.util.List.of(oem.vehicle("WMR00000000000030"), oem.vehicle("WMR00000000000031"));
    for (var v : vehicles) {
      assertThat(upload(oem, v).status()).isEqualTo(201);
    }
    String emaid = Emaid.allocate("DE", "PNC", "RACE00001").value();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    var replies = new java.util.ArrayList<java.util.concurrent.Future<RunningCa.Reply>>();
    for (int i = 0; i < 8; i++) {
      String pcid = vehicles.get(i % 2).pcid();
      replies.add(pool.submit(() -> contract(pcid, emaid)));
    }
    int made = 0;
    for (var r : replies) {
      RunningCa.Reply reply = r.get();
      if (reply.status() == 201) {
        made++;
      } else {
        assertThat(reply.status()).as(reply.body()).isEqualTo(409);
        assertThat(reply.json().path("code").asText()).isEqualTo("contract-exists");
      }
    }
    pool.shutdown();
    assertThat(made).isEqualTo(1);
    assertThat(ca.rows("select count(*) from contract where emaid = '" + emaid + "'")).isEqualTo(1);
    assertThat(ca.rows("select count(*) from certificate where subject_cn = '" + emaid + "'"))
        .as("the refused requests left no certificate row")
        .isEqualTo(1);
  }

  private static RunningCa.Reply contract(String pcid, String emaid) throws Exception {
    return ca.postJson("/v1/contracts", RunningCa.MO_X, Map.of("pcid", pcid, "emaid", emaid));
  }

  private static RunningCa.Reply upload(OemPki pki, OemPki.Vehicle vehicle) throws Exception {
    return ContractIT.uploadTo(ca, pki, vehicle, RunningCa.OEM_A);
  }
}
