package dev.pncpki.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.ca.app.EmbeddedCaForClients;
import dev.pncpki.ca.app.OemPki;
import dev.pncpki.ca.cli.AdminCliRun.Run;
import dev.pncpki.policies.id.Emaid;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verbs for trust anchors, the provisioning pool and contracts against the real service, in the
 * order an operator meets them: trust an OEM root, see the OEM's upload, find and revoke a
 * contract, then clean up. Each refusal exits with 2.
 */
class AdminPoolCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PCID = "WMD00000000000077";
  @TempDir static Path dir;
  private static EmbeddedCaForClients ca;
  private static OemPki oem;

  @BeforeAll
  static void start() throws Exception {
    ca = new EmbeddedCaForClients(dir);
    oem = new OemPki("CLI OEM", "secp256r1");
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  private static Run admin(String... args) {
    return AdminCliRun.admin(ca.url(), EmbeddedCaForClients.ADMIN_TOKEN, args);
  }

  private static Run ok(Run run) {
    assertThat(run.failure()).as(run.err()).isEmpty();
    assertThat(run.exitStatus()).isZero();
    return run;
  }

  private static void refused(Run run, String code) {
    assertThat(run.exitStatus()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().startsWith("error: " + code + ": ");
  }

  private static String field(String out, String label) {
    Matcher m = Pattern.compile("(?m)^" + label + " +(\\S.*)$").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return m.group(1);
  }

  private static Path pemFile(String name, X509CertificateHolder... certificates) throws Exception {
    StringBuilder pem = new StringBuilder();
    for (X509CertificateHolder c : certificates) {
      pem.append("-----BEGIN CERTIFICATE-----\n")
          .append(OemPki.base64(c))
          .append("\n-----END CERTIFICATE-----\n");
    }
    return Files.writeString(dir.resolve(name), pem);
  }

  /** A mobility operator's backend issues a contract; the admin CLI has no verb for that. */
  private static void issueContract(String emaid) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(ca.url() + "/v1/contracts"))
            .header("Authorization", "Bearer " + EmbeddedCaForClients.MO_X_TOKEN)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    JSON.writeValueAsBytes(Map.of("pcid", PCID, "emaid", emaid))))
            .build();
    try (var http = HttpClient.newHttpClient()) {
      var reply = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
    }
  }

  @Test
  void trustUploadContractRevokeAndCleanUp() throws Exception {
    Path root = pemFile("root.pem", oem.root);
    Run added = ok(admin("trust-anchor-add", "--file", root.toString(), "--oem", "oem-a"));
    String id = field(added.out(), "id");
    assertThat(id).matches("[0-9a-f]{64}");
    assertThat(field(added.out(), "subject")).contains("CN=CLI OEM Root");
    refused(
        admin("trust-anchor-add", "--file", root.toString(), "--oem", "oem-a"),
        "trust-anchor-exists");
    assertThat(ok(admin("trust-anchors")).out()).contains(id + "  oem-a");

    // as an OEM might copy it, root included: the CLI leaves the root out of the upload
    Path chain =
        pemFile("chain.pem", oem.vehicle(PCID).certificate(), oem.sub2, oem.sub1, oem.root);
    refused(admin("prov-cert-upload", "--file", chain.toString()), "forbidden"); // admins do not
    Run uploaded =
        ok(
            AdminCliRun.admin(
                ca.url(),
                EmbeddedCaForClients.OEM_A_TOKEN,
                "prov-cert-upload",
                "--file",
                chain.toString()));
    assertThat(field(uploaded.out(), "root")).isEqualTo(id);
    assertThat(ok(admin("prov-certs")).out()).contains(PCID + "  oem-a");
    assertThat(field(ok(admin("prov-cert", PCID)).out(), "uploaded by")).isEqualTo("test-oem-a");

    String emaid = Emaid.allocate("DE", "PNC", "CLI000001").value();
    issueContract(emaid);
    Run listed = ok(admin("contracts", "--pcid", PCID));
    assertThat(listed.out().lines().skip(1)).singleElement().asString().contains(emaid, "active");
    assertThat(field(ok(admin("contract", emaid, PCID)).out(), "operator")).isEqualTo("mo-x");
    Run revoked = ok(admin("contract-revoke", emaid, PCID, "--reason", "keyCompromise"));
    assertThat(field(revoked.out(), "status")).isEqualTo("revoked");
    refused(
        admin("contract-revoke", emaid, PCID, "--reason", "keyCompromise"), "contract-not-active");
    JsonNode json = JSON.readTree(ok(admin("contracts", "--emaid", emaid, "--json")).out());
    assertThat(json).hasSize(1);
    assertThat(json.get(0).path("status").asText()).isEqualTo("revoked");

    Run deleted = ok(admin("prov-cert-delete", PCID, "--json"));
    assertThat(deleted.out()).isEmpty(); // 204: no JSON to print
    refused(admin("prov-cert", PCID), "not-found");
    assertThat(ok(admin("trust-anchor-remove", id)).out())
        .isEqualTo("removed trust anchor " + id + "\n");
    refused(admin("trust-anchor-remove", id), "not-found");
    assertThat(ok(admin("trust-anchors")).out()).doesNotContain(id);
  }

  @Test
  void unknownContractsAndVehiclesAreRefusals() {
    String unknown = Emaid.allocate("DE", "PNC", "NONE00001").value();
    refused(admin("contract", unknown, PCID), "not-found");
    refused(admin("contract", "DEPNCC0NTRACT99", PCID), "invalid-emaid"); // wrong check digit
    refused(admin("prov-cert", "not-a-pcid"), "invalid-pcid");
    assertThat(ok(admin("contracts", "--emaid", unknown)).out()).isEqualTo("no contract matches\n");
  }
}
