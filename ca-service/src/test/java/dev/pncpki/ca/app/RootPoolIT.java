package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.ca.testing.Openssl;
import dev.pncpki.ca.testing.OpensslRootOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root certificate pool over HTTP in the shape of Open Plug&Charge's RCP, with roots made by
 * external operators on the openssl command line: what is pooled, what is refused (each a specific
 * 4xx with nothing stored), who may read and who may change it.
 */
class RootPoolIT {
  @TempDir static Path dir;
  static RunningCa ca;
  static OpensslRootOperator v2g;
  static OpensslRootOperator mo20;

  @BeforeAll
  static void start() throws Exception {
    ca = RunningCa.withSoftwareKeys(dir);
    v2g =
        OpensslRootOperator.create(
            dir.resolve("ext-v2g"),
            "/CN=Ext V2G Root CA/O=Ext Root Operator/C=DE/DC=V2G",
            "prime256v1");
    mo20 =
        OpensslRootOperator.create(
            dir.resolve("ext-mo"), "/CN=Ext MO Root P-521/O=Ext MO", "secp521r1");
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  private static String base64(Path pem) throws Exception {
    String text = Files.readString(pem);
    String body =
        text.substring(
                text.indexOf("-----BEGIN CERTIFICATE-----") + 27,
                text.indexOf("-----END CERTIFICATE-----"))
            .replaceAll("\\s", "");
    return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(body));
  }

  private static RunningCa.Reply put(
      String token, Path certificate, String type, String fingerprint) throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("caCertificate", base64(certificate));
    body.put("rootType", type);
    body.put("fingerprint", fingerprint);
    return ca.send(
        "PUT",
        "/v1/root/rootCerts",
        token,
        "application/json",
        new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(body));
  }

  private static long pooled() {
    return ca.rows("select count(*) from root_certificate");
  }

  @Test
  void anExternalRootWithItsConfirmedFingerprintIsPooledAndReadLikeOpcpsRcp() throws Exception {
    var added = put(RunningCa.ADMIN, v2g.root, "V2G", OpensslRootOperator.sha256(v2g.root));
    assertThat(added.status()).as(added.body()).isEqualTo(200);
    JsonNode root = added.json().path("RootResponse");
    String id = root.path("rootCertificateId").asText();
    assertThat(root.path("rootType").asText()).isEqualTo("V2G");
    assertThat(root.path("commonName").asText()).isEqualTo("Ext V2G Root CA");
    assertThat(root.path("organizationName").asText()).isEqualTo("Ext Root Operator");
    assertThat(root.path("caCertificate").asText()).isEqualTo(base64(v2g.root));
    assertThat(root.path("fingerprint").asText())
        .isEqualTo(OpensslRootOperator.sha256(v2g.root).replace(":", "").toLowerCase());
    assertThat(root.path("xsdMsgDefNamespace").asText()).isEqualTo("urn:iso:15118:2:2013:MsgDef");
    assertThat(root.path("signatureAlgorithm").asText()).isEqualTo("secp256r1");
    // as openssl reads the certificate: the subject in RFC 4514 order, the key identifier its SKI
    String subject =
        Openssl.run("x509", "-in", v2g.root.toString(), "-noout", "-subject", "-nameopt", "RFC2253")
            .output()
            .strip()
            .replaceFirst("^subject=", "");
    assertThat(root.path("distinguishedName").asText()).isEqualTo(subject);
    String ski =
        Openssl.run("x509", "-in", v2g.root.toString(), "-noout", "-ext", "subjectKeyIdentifier")
            .output()
            .lines()
            .skip(1)
            .findFirst()
            .orElseThrow()
            .strip()
            .replace(":", "")
            .toLowerCase(java.util.Locale.ROOT);
    assertThat(root.path("rootAuthorityKeyIdentifierHex").asText()).isEqualTo(ski);

    var one = ca.get("/v1/root/rootCerts/" + id, RunningCa.BRIDGE);
    assertThat(one.status()).as(one.body()).isEqualTo(200);
    assertThat(one.json().path("RootResponse").path("rootCertificateId").asText()).isEqualTo(id);
    var v2gOnly = ca.get("/v1/root/rootCerts?rootType=v2g", RunningCa.MO_X);
    assertThat(v2gOnly.json().path("RootCertificateCollection").path("rootCertificates"))
        .anySatisfy(r -> assertThat(r.path("rootCertificateId").asText()).isEqualTo(id));
    var moOnly = ca.get("/v1/root/rootCerts?rootType=mo", RunningCa.MO_X);
    assertThat(moOnly.json().path("RootCertificateCollection").path("rootCertificates"))
        .noneSatisfy(r -> assertThat(r.path("rootCertificateId").asText()).isEqualTo(id));
    assertThat(ca.get("/v1/root/rootCerts", null).status()).isEqualTo(401);

    var again = put(RunningCa.ADMIN, v2g.root, "V2G", OpensslRootOperator.sha256(v2g.root));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("code").asText()).isEqualTo("root-already-pooled");
  }

  @Test
  void aP521RootIsAnIso15118Dash20Root() throws Exception {
    var added = put(RunningCa.ADMIN, mo20.root, "MO", OpensslRootOperator.sha256(mo20.root));
    assertThat(added.status()).as(added.body()).isEqualTo(200);
    JsonNode root = added.json().path("RootResponse");
    assertThat(root.path("xsdMsgDefNamespace").asText()).isEqualTo("urn:iso:15118:20:2022:MsgDef");
    assertThat(root.path("signatureAlgorithm").asText()).isEqualTo("secp521r1");
    String id = root.path("rootCertificateId").asText();

    assertThat(ca.send("DELETE", "/v1/root/rootCerts/" + id, RunningCa.BRIDGE, null, null).status())
        .isEqualTo(403);
    assertThat(ca.send("DELETE", "/v1/root/rootCerts/" + id, RunningCa.ADMIN, null, null).status())
        .isEqualTo(200);
    assertThat(ca.get("/v1/root/rootCerts/" + id, RunningCa.ADMIN).status()).isEqualTo(404);
    assertThat(ca.rows("select count(*) from audit_event where action = 'root-remove'"))
        .isEqualTo(1);
  }

  @Test
  void whatIsNotARootOrNotTheConfirmedOneIsRefusedWithItsOwnCodeAndNothingIsStored()
      throws Exception {
    long before = pooled();
    Path sub1 = v2g.issue("/CN=Ext CPO Sub-CA 1/O=Ext CPO", "v3_sub_ca_1", "sub1");
    Path leaf = v2g.issue("/CN=Ext Leaf/O=Ext CPO", "v3_leaf", "leaf");
    Path expired = v2g.expiredRoot("/CN=Ext Old Root/O=Ext Root Operator");
    Path other =
        OpensslRootOperator.create(dir.resolve("other"), "/CN=Other Root", "prime256v1").root;

    assertRefused(
        put(RunningCa.ADMIN, sub1, "V2G", OpensslRootOperator.sha256(sub1)), 422, "not-a-root");
    assertRefused(
        put(RunningCa.ADMIN, leaf, "V2G", OpensslRootOperator.sha256(leaf)), 422, "not-a-root");
    assertRefused(
        put(RunningCa.ADMIN, expired, "V2G", OpensslRootOperator.sha256(expired)),
        422,
        "certificate-expired");
    assertRefused(
        put(RunningCa.ADMIN, v2g.root, "V2G", OpensslRootOperator.sha256(other)),
        422,
        "fingerprint-mismatch");
    assertRefused(put(RunningCa.ADMIN, v2g.root, "V2G", null), 400, "malformed-request");
    assertRefused(
        put(RunningCa.ADMIN, v2g.root, "ROOT", OpensslRootOperator.sha256(v2g.root)),
        400,
        "malformed-request");
    assertRefused(
        put(RunningCa.BRIDGE, other, "V2G", OpensslRootOperator.sha256(other)), 403, "forbidden");
    assertRefused(
        ca.get("/v1/root/rootCerts/not-a-uuid", RunningCa.ADMIN), 400, "malformed-request");
    assertRefused(
        ca.get("/v1/root/rootCerts?rootType=x", RunningCa.ADMIN), 400, "malformed-request");
    assertThat(pooled()).isEqualTo(before);
  }

  private static void assertRefused(RunningCa.Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().path("code").asText()).isEqualTo(code);
  }
}
