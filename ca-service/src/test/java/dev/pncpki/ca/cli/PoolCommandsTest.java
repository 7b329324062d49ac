package dev.pncpki.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.ca.app.OemPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import net.sourceforge.argparse4j.inf.Namespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verbs for contracts, trust anchors and the provisioning pool: what they read from files and
 * how they print the service's JSON; no server needed (AdminPoolCliIT runs them against one).
 */
class PoolCommandsTest {
  @TempDir Path dir;

  private static final Namespace NONE = new Namespace(new HashMap<>());

  /** Not real certificates: the CLI only splits PEM blocks, the service parses them. */
  private static String pem(String body) {
    return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
  }

  private Path file(String text) throws Exception {
    return Files.writeString(Files.createTempFile(dir, "chain", ".pem"), text);
  }

  @Test
  void anUploadTakesLeafThenSubCa2ThenSubCa1() throws Exception {
    var three =
        ProvCertUploadCommand.body(
            file(pem("TEFG") + "text between\n" + pem("U1VC") + pem("T05F")), null);
    assertThat(three.get("provisioningCertificate")).contains("TEFG");
    assertThat(three.get("subCa2Certificate")).contains("U1VC");
    assertThat(three.get("subCa1Certificate")).contains("T05F");
    assertThat(three).doesNotContainKey("xsdMsgDefNamespace");
    var two = ProvCertUploadCommand.body(file(pem("TEFG") + pem("T05F")), "urn:x");
    assertThat(two)
        .doesNotContainKey("subCa2Certificate")
        .containsEntry("xsdMsgDefNamespace", "urn:x");
    assertThat(two.get("subCa1Certificate")).contains("T05F");
  }

  @Test
  void aRootAtTheEndOfTheChainIsLeftOut() throws Exception {
    var oem = new OemPki("Unit OEM", "secp256r1");
    String sub1 = pem(OemPki.base64(oem.sub1));
    String chain =
        pem(oem.vehicle("WMA00000000000009").base64())
            + pem(OemPki.base64(oem.sub2))
            + sub1
            + pem(OemPki.base64(oem.root));
    var body = ProvCertUploadCommand.body(file(chain), null);
    assertThat(body.get("subCa1Certificate")).isEqualTo(sub1);
    assertThat(body.get("subCa2Certificate")).isEqualTo(pem(OemPki.base64(oem.sub2)));
    // without Sub-CA 2 and with the root: leaf, Sub-CA 1
    var twoAndRoot =
        ProvCertUploadCommand.body(
            file(pem(OemPki.base64(oem.sub2)) + sub1 + pem(OemPki.base64(oem.root))), null);
    assertThat(twoAndRoot)
        .doesNotContainKey("subCa2Certificate")
        .containsEntry("subCa1Certificate", sub1);
  }

  @Test
  void anUploadWithTheWrongNumberOfCertificatesOrNoneIsAnError() throws Exception {
    Path one = file(pem("TEFG"));
    assertThatThrownBy(() -> ProvCertUploadCommand.body(one, null))
        .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(ExitCode.of(f)).isEqualTo(1))
        .hasMessageContaining("holds 1 certificates");
    Path text = file("not pem");
    assertThatThrownBy(() -> ProvCertUploadCommand.body(text, null))
        .hasMessageEndingWith("holds no PEM certificate");
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(() -> ProvCertUploadCommand.body(missing, null))
        .hasMessageEndingWith("missing.pem: no such file");
  }

  @Test
  void contractsPrintAsATableAndOneAsFieldsWithoutTheEncryptedKey() {
    String json =
        """
        {"id":7,"emaid":"DEPNCC0NTRACT17","pcid":"WMA00000000000001","status":"active",
         "operator":"mo:mo-x","xsdMsgDefNamespace":"urn:iso:15118:2:2013:MsgDef",
         "issuerId":"mo-sub-ca-2","serial":"0abc","notAfter":"2027-01-01T00:00:00Z",
         "createdAt":"2026-01-01T00:00:00Z","replaces":null,"replacedBy":null,
         "contractData":{"contractSignatureEncryptedPrivateKey":"c2VjcmV0"}}
        """;
    var reply = new ServiceClient.Reply(json);
    String one = new ContractCommand().describe(NONE, reply);
    assertThat(one).contains("emaid        DEPNCC0NTRACT17").contains("replaces     -");
    assertThat(one).doesNotContain("c2VjcmV0");
    String many = new ContractsCommand().describe(NONE, new ServiceClient.Reply("[" + json + "]"));
    assertThat(many.lines().findFirst().orElseThrow())
        .matches("ID +EMAID +PCID +STATUS +OPERATOR +NOT AFTER +SERIAL");
    assertThat(many).contains("7   DEPNCC0NTRACT17  WMA00000000000001  active");
    assertThat(new ContractsCommand().describe(NONE, new ServiceClient.Reply("[]")))
        .isEqualTo("no contract matches\n");
  }

  @Test
  void anchorsAndProvisioningCertificatesPrintWithoutTheirBase64() {
    String anchor =
        """
        {"id":"%s","pki":"oem","oem":"oem-a","subject":"CN=OEM A Root","notAfter":"2036-01-01T00:00:00Z",
         "certificate":"TUlJQg==","addedBy":"test-admin","addedAt":"2026-01-01T00:00:00Z"}
        """
            .formatted("ab".repeat(32));
    JsonNode list = new ServiceClient.Reply("[" + anchor + "]").json();
    assertThat(PoolText.anchors(list))
        .contains("ab".repeat(32) + "  oem-a")
        .doesNotContain("TUlJQg");
    assertThat(PoolText.anchor(list.get(0))).contains("subject    CN=OEM A Root");
    String pool =
        """
        [{"pcid":"WMA00000000000001","oem":"oem-a","xsdMsgDefNamespace":"urn:iso:15118:2:2013:MsgDef",
          "provisioningCertificate":"TUlJQg==","notAfter":"2036-01-01T00:00:00Z",
          "revocationStatus":"unknown: no OCSP URL","rootCertificateId":"cd"}]
        """;
    JsonNode certs = new ServiceClient.Reply(pool).json();
    assertThat(PoolText.provisionings(certs))
        .contains("WMA00000000000001  oem-a")
        .contains("unknown: no OCSP URL")
        .doesNotContain("TUlJQg");
    assertThat(PoolText.provisioning(certs.get(0))).contains("uploaded by  -");
    assertThat(new TrustAnchorRemoveCommand().describe(idArgs("ab"), null))
        .isEqualTo("removed trust anchor ab\n");
  }

  private static Namespace idArgs(String id) {
    var values = new HashMap<String, Object>();
    values.put("id", id);
    return new Namespace(values);
  }
}
