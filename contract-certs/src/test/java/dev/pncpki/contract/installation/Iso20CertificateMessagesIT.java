package dev.pncpki.contract.installation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.contract.exi.V2gExi;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ISO 15118-20 CertificateInstallationReq/Res against Josev's independent codec: its reading of our
 * bytes re-encodes to the same bytes, and our P-521/SHA-512 signatures verify.
 */
class Iso20CertificateMessagesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  static Iso20CertificateMessages messages;
  static V2gExi exi;
  static JosevExiCodec josev;
  static KeyPair oem;
  static KeyPair cps;
  static byte[] oemCertificate;

  @BeforeAll
  static void setUp() throws Exception {
    Path shared = Path.of(System.getProperty("pnc.iso15118"), "iso15118", "shared");
    exi =
        new V2gExi(
            shared.resolve("schemas/iso15118_20/V2G_CI_CommonMessages.xsd").toString(),
            shared.resolve("schemas/xmldsig-core-schema.xsd").toString());
    messages = new Iso20CertificateMessages(exi);
    josev = new JosevExiCodec(shared.resolve("EXICodec.jar"));
    oem = p521();
    cps = p521();
    oemCertificate = CertificateMessagesIT.selfSigned(oem, "CN=WMIV2G00000000001,O=Demo OEM");
  }

  @AfterAll
  static void tearDown() throws Exception {
    josev.close();
  }

  @Test
  void aSignedRequestRoundTripsAndItsSignatureChecks() throws Exception {
    var roots = List.of(new RootCertificateId("CN=V2G Root,O=X", new BigInteger("987654321")));
    byte[] exi =
        messages.installationRequest(
            "0a0b0c0d0e0f1011",
            1_763_800_000L,
            List.of(oemCertificate, oemCertificate),
            roots,
            1,
            XmlSignature.RawSigner.of(oem.getPrivate(), XmlSignature.Algorithm.ECDSA_P521_SHA512));
    var received = messages.read(exi);
    assertThat(received.request().oemProvisioningChain()).hasSize(2);
    assertThat(received.request().rootCertificateIds()).isEqualTo(roots);
    assertThat(received.request().timestamp()).isEqualTo(1_763_800_000L);
    assertThat(messages.signedBy(received, oem.getPublic())).isTrue();
    assertThat(messages.signedBy(received, cps.getPublic())).isFalse();

    String decoded = josev.decode(exi, Iso20CertificateMessages.NAMESPACE);
    assertThat(
            JSON.readTree(decoded)
                .path("CertificateInstallationReq")
                .path("Header")
                .path("TimeStamp")
                .asLong())
        .isEqualTo(1_763_800_000L);
    assertThat(josev.encode(decoded, Iso20CertificateMessages.NAMESPACE)).isEqualTo(exi);
  }

  @Test
  void aResponseRoundTripsThroughTheIndependentCodec() throws Exception {
    byte[] dh = new byte[133];
    dh[0] = 4;
    byte[] key = new byte[94];
    key[3] = 9;
    byte[] exiBytes =
        messages.write(
            new Iso20CertificateMessages.Response(
                "0a0b0c0d0e0f1011",
                1_763_800_001L,
                "OK",
                List.of(oemCertificate),
                List.of(oemCertificate, oemCertificate),
                dh,
                key,
                0),
            XmlSignature.RawSigner.of(cps.getPrivate(), XmlSignature.Algorithm.ECDSA_P521_SHA512));
    String decoded = josev.decode(exiBytes, Iso20CertificateMessages.NAMESPACE);
    assertThat(josev.encode(decoded, Iso20CertificateMessages.NAMESPACE)).isEqualTo(exiBytes);
    JsonNode res = JSON.readTree(decoded).path("CertificateInstallationRes");
    assertThat(res.path("ResponseCode").asText()).isEqualTo("OK");
    JsonNode signed = res.path("SignedInstallationData");
    assertThat(signed.path("ECDHCurve").asText()).isEqualTo("SECP521");
    assertThat(Base64.getDecoder().decode(signed.path("SECP521_EncryptedPrivateKey").asText()))
        .isEqualTo(key);
    // The signature (P-521, SHA-512) verifies over SignedInfo as our codec encodes it. It is not
    // checked against the jar: the jar re-encodes a -20 SignedInfo read from its JSON with other
    // bytes in the SignatureMethod URI, and encodes a -20 SignedInstallationData as a document,
    // not as the EXI fragment the digest is taken over (docs/installation.md, Not yet).
    JsonNode signature = res.path("Header").path("Signature");
    JsonNode reference = signature.path("SignedInfo").path("Reference").get(0);
    assertThat(reference.path("URI").asText()).isEqualTo("#" + signed.path("Id").asText());
    assertThat(Base64.getDecoder().decode(reference.path("DigestValue").asText())).hasSize(64);
    byte[] ours =
        exi.signedInfo(
            (org.w3c.dom.Element)
                exi.decode(exiBytes)
                    .getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "SignedInfo")
                    .item(0));
    var verifier = java.security.Signature.getInstance("SHA512withECDSAinP1363Format");
    verifier.initVerify(cps.getPublic());
    verifier.update(ours);
    assertThat(
            verifier.verify(
                Base64.getDecoder()
                    .decode(signature.path("SignatureValue").path("value").asText())))
        .isTrue();
  }

  static KeyPair p521() throws Exception {
    var g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp521r1"));
    return g.generateKeyPair();
  }
}
