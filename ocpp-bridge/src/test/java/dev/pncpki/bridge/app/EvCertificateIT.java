package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.ca.app.OemPki;
import dev.pncpki.contract.exi.V2gExi;
import dev.pncpki.contract.installation.CertificateMessages;
import dev.pncpki.contract.installation.JosevExiCodec;
import dev.pncpki.contract.installation.RootCertificateId;
import dev.pncpki.contract.installation.XmlSignature;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vehicle without a contract plugs in: the charger (the Python ocpp library) forwards its EXI
 * CertificateInstallationReq with Get15118EVCertificate (OCPP 2.0.1) or inside the Plug & Charge
 * DataTransfer (1.6); the bridge passes it to the CA, and the station gets the signed EXI response.
 * Josev's independent EXI codec reads it: ResponseCode OK, the contract's eMAID, and a signature
 * that verifies with the CPS leaf's key.
 */
class EvCertificateIT {
  private static final String OEM_A = "test-oem-a-token";
  private static final String MO_X = "test-mo-x-token";
  private static final String ADMIN = "embedded-admin-token";
  @TempDir static Path dir;
  static Peers peers;
  static OemPki oem;
  static CertificateMessages messages;
  static JosevExiCodec josev;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    peers = new Peers(dir);
    oem = new OemPki("OEM A", "secp256r1");
    Path schemas = Peers.iso15118Schemas();
    messages =
        new CertificateMessages(
            new V2gExi(
                schemas.resolve("iso15118_2/V2G_CI_MsgDef.xsd").toString(),
                schemas.resolve("xmldsig-core-schema.xsd").toString()));
    josev = new JosevExiCodec(schemas.getParent().resolve("EXICodec.jar"));
    var trusted =
        ca(
            "POST",
            "/v1/trust-anchors",
            ADMIN,
            Map.of("pki", "oem", "oem", "oem-a", "certificate", OemPki.base64(oem.root)));
    assertThat(trusted.statusCode()).as(trusted.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    josev.close();
    peers.close();
  }

  @Test
  void ocpp201StationGetsTheContractForItsVehicle() throws Exception {
    installs("CS-0001", "ocpp2.0.1", "WMA00000000000021", "EVCERT001");
  }

  @Test
  void ocpp21StationGetsTheContractForItsVehicle() throws Exception {
    installs("CS-0001", "ocpp2.1", "WMA00000000000024", "EVCERT004");
  }

  @Test
  void ocpp16StationGetsItThroughDataTransfer() throws Exception {
    installs("CS-0002", "ocpp1.6", "WMA00000000000022", "EVCERT002");
  }

  /** Bytes that are not a whole EXI request, and a schema version (DIN 70121) not served. */
  @Test
  void truncatedRequestsAndUnknownSchemasAreFailed() throws Exception {
    Path truncated = dir.resolve("truncated.b64");
    Files.writeString(
        truncated, Base64.getEncoder().encodeToString(new byte[] {(byte) 0x80, 0x12}));
    var result = peers.station("CS-0001", Peers.PASSWORD, "ocpp2.0.1", "ev", truncated.toString());
    assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("Failed");
    assertThat(result.path("reason").asText()).isEqualTo("CAError");
    var wrapped = peers.station("CS-0002", Peers.PASSWORD, "ocpp1.6", "ev", truncated.toString());
    assertThat(wrapped.path("status").asText()).as(wrapped.toString()).isEqualTo("Failed");
    var din =
        peers.station(
            peers.url(),
            Map.of("EV_SCHEMA", "urn:din:70121:2012:MsgDef"),
            "CS-0001",
            Peers.PASSWORD,
            "ocpp2.0.1",
            "ev",
            truncated.toString());
    assertThat(din.path("status").asText()).as(din.toString()).isEqualTo("Failed");
    assertThat(din.path("reason").asText()).isEqualTo("NotSupported");
  }

  /** A vehicle whose operator made no contract gets one made for it (iso15118ContractsFrom). */
  @Test
  void aVehicleWithoutAContractGetsOneFromTheConfiguredOperator() throws Exception {
    installs("CS-0001", "ocpp2.0.1", "WMA00000000000023", null);
  }

  private void installs(String station, String version, String pcid, String contractId)
      throws Exception {
    String emaid =
        contractId == null
            ? null
            : dev.pncpki.policies.id.Emaid.allocate("DE", "PNC", contractId).value();
    var vehicle = oem.vehicle(pcid);
    var uploaded =
        ca(
            "PUT",
            "/v1/oem/provCerts",
            OEM_A,
            Map.of(
                "provisioningCertificate", vehicle.base64(),
                "subCa2Certificate", OemPki.base64(oem.sub2),
                "subCa1Certificate", OemPki.base64(oem.sub1)));
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    if (emaid != null) {
      var contract = ca("POST", "/v1/contracts", MO_X, Map.of("pcid", pcid, "emaid", emaid));
      assertThat(contract.statusCode()).as(contract.body()).isEqualTo(201);
    }

    X509Certificate root =
        certificate(
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(caUrl("/v1/cas/v2g-root/chain"))).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    byte[] request =
        messages.installationRequest(
            "0102030405060708",
            vehicle.certificate().getEncoded(),
            List.of(
                new RootCertificateId(
                    root.getSubjectX500Principal().getName(), root.getSerialNumber())),
            XmlSignature.RawSigner.of(vehicle.key().getPrivate()));
    Path file = dir.resolve(pcid + ".b64");
    Files.writeString(file, Base64.getEncoder().encodeToString(request));

    var result = peers.station(station, Peers.PASSWORD, version, "ev", file.toString());
    assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("Accepted");
    byte[] exi =
        Base64.getDecoder()
            .decode(Files.readString(Path.of(result.path("out").asText(), "exi-response.b64")));
    JsonNode message = Peers.JSON.readTree(josev.decode(exi, JosevExiCodec.MSG_DEF));
    JsonNode res = message.path("V2G_Message").path("Body").path("CertificateInstallationRes");
    assertThat(res.path("ResponseCode").asText()).isEqualTo("OK");
    String delivered = res.path("eMAID").path("value").asText();
    if (emaid != null) {
      assertThat(delivered).isEqualTo(emaid);
    } else {
      assertThat(delivered).startsWith("DEPNC"); // allocated from mo-x's provider ID
      var made = ca("GET", "/v1/contracts?pcid=" + pcid, MO_X, Map.of());
      assertThat(made.body()).contains(delivered);
    }
    X509Certificate cpsLeaf =
        certificate(res.path("SAProvisioningCertificateChain").path("Certificate").asText());
    assertThat(
            josev.signatureVerifies(message, "CertificateInstallationRes", cpsLeaf.getPublicKey()))
        .isTrue();
  }

  private static HttpResponse<String> ca(String method, String path, String token, Object body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(caUrl(path)))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                method.equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Peers.JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String caUrl(String path) {
    return "http://127.0.0.1:" + peers.ca.getLocalPort() + path;
  }

  private static X509Certificate certificate(String pemOrBase64) throws Exception {
    String first = pemOrBase64;
    int end = first.indexOf("-----END CERTIFICATE-----");
    if (end > 0) {
      first = first.substring(0, end);
    }
    String base64 = first.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
  }
}
