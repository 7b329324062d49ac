package dev.pncpki.contract.installation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.contract.exi.ExiException;
import dev.pncpki.contract.exi.V2gExi;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ISO 15118-2 certificate messages against an independent codec: requests we write are read back
 * and their signatures checked; responses we write are decoded by Josev's EXICodec.jar (re-encoding
 * its reading gives our bytes exactly), and their XML signature is recomputed from the jar's
 * encoding of each signed element and of SignedInfo, then verified with the signer's public key.
 * The ISO schemas come from the PyPI iso15118 wheel (scripts/env.sh), never from this project.
 */
class CertificateMessagesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  static Path shared;
  static CertificateMessages messages;
  static JosevExiCodec josev;
  static KeyPair oem;
  static byte[] oemCertificate;
  static KeyPair cps;

  @BeforeAll
  static void setUp() throws Exception {
    shared = Path.of(System.getProperty("pnc.iso15118"), "iso15118", "shared");
    messages =
        new CertificateMessages(
            new V2gExi(
                shared.resolve("schemas/iso15118_2/V2G_CI_MsgDef.xsd").toString(),
                shared.resolve("schemas/xmldsig-core-schema.xsd").toString()));
    josev = new JosevExiCodec(shared.resolve("EXICodec.jar"));
    oem = p256();
    cps = p256();
    oemCertificate = selfSigned(oem, "CN=WMIV2G0000000001A,O=Demo OEM");
  }

  @AfterAll
  static void tearDown() throws Exception {
    josev.close();
  }

  @Test
  void aSignedInstallationRequestIsReadAndItsSignatureChecked() throws Exception {
    var roots =
        List.of(
            new RootCertificateId(
                "CN=PnC Demo V2G Root,O=pnc-pki demo,C=DE",
                new BigInteger("123456789012345678901234567890")));
    byte[] exi = messages.installationRequest("0A0B0C0D0E0F1011", oemCertificate, roots, raw(oem));
    var received = messages.read(exi);
    var request = (CertificateRequest.Installation) received.request();
    assertThat(request.sessionId()).isEqualTo("0a0b0c0d0e0f1011");
    assertThat(request.oemProvisioningCertificate()).isEqualTo(oemCertificate);
    assertThat(request.rootCertificateIds()).isEqualTo(roots);
    assertThat(messages.signedBy(received, oem.getPublic())).isTrue();
    assertThat(messages.signedBy(received, cps.getPublic())).as("another key").isFalse();

    // the independent codec reads the same request
    JsonNode decoded = JSON.readTree(josev.decode(exi, JosevExiCodec.MSG_DEF));
    JsonNode body = decoded.path("V2G_Message").path("Body").path("CertificateInstallationReq");
    assertThat(body.path("Id").asText()).isEqualTo("ID1");
    assertThat(Base64.getDecoder().decode(body.path("OEMProvisioningCert").asText()))
        .isEqualTo(oemCertificate);
    // and re-encodes it to our bytes
    assertThat(josev.encode(decoded.toString(), JosevExiCodec.MSG_DEF)).isEqualTo(exi);
  }

  @Test
  void aTamperedRequestFailsItsSignature() throws Exception {
    byte[] exi =
        messages.installationRequest(
            "01",
            oemCertificate,
            List.of(new RootCertificateId("CN=Root", BigInteger.ONE)),
            raw(oem));
    ObjectNode decoded = (ObjectNode) JSON.readTree(josev.decode(exi, JosevExiCodec.MSG_DEF));
    ((ObjectNode)
            decoded
                .path("V2G_Message")
                .path("Body")
                .path("CertificateInstallationReq")
                .path("ListOfRootCertificateIDs")
                .path("RootCertificateID")
                .get(0))
        .put("X509SerialNumber", 2);
    byte[] tampered = josev.encode(decoded.toString(), JosevExiCodec.MSG_DEF);
    assertThat(messages.signedBy(messages.read(tampered), oem.getPublic())).isFalse();
  }

  @Test
  void aResponseIsReadBackByTheIndependentCodecAndItsSignatureVerifies() throws Exception {
    byte[] cpsLeaf = selfSigned(cps, "CN=CPS Leaf,O=Demo CPS,DC=CPS");
    byte[] contract = selfSigned(p256(), "CN=DEPNCA000000001,O=Demo MO");
    byte[] key = new byte[48];
    byte[] dh = new byte[65];
    dh[0] = 4;
    key[5] = 7;
    var response =
        new CertificateResponse(
            false,
            "0a0b0c0d0e0f1011",
            ResponseCode.OK,
            List.of(cpsLeaf, oemCertificate),
            List.of(contract, oemCertificate),
            key,
            dh,
            "DEPNCA000000001");
    byte[] exi = messages.write(response, raw(cps));

    JsonNode decoded = JSON.readTree(josev.decode(exi, JosevExiCodec.MSG_DEF));
    assertThat(josev.encode(decoded.toString(), JosevExiCodec.MSG_DEF)).isEqualTo(exi);
    JsonNode res = decoded.path("V2G_Message").path("Body").path("CertificateInstallationRes");
    assertThat(res.path("ResponseCode").asText()).isEqualTo("OK");
    assertThat(res.path("eMAID").path("value").asText()).isEqualTo("DEPNCA000000001");
    assertThat(Base64.getDecoder().decode(res.path("DHpublickey").path("value").asText()))
        .isEqualTo(dh);

    // the signature, recomputed with the other codec's fragments
    assertThat(josev.signatureVerifies(decoded, "CertificateInstallationRes", cps.getPublic()))
        .isTrue();
    JsonNode signedInfo =
        decoded.path("V2G_Message").path("Header").path("Signature").path("SignedInfo");
    assertThat(signedInfo.path("Reference")).hasSize(4);
  }

  /** CertificateUpdateReq and CertificateUpdateRes, byte for byte against the other codec. */
  @Test
  void updateMessagesRoundTripThroughTheIndependentCodec() throws Exception {
    KeyPair contractKey = p256();
    byte[] contract = selfSigned(contractKey, "CN=DEPNCA000000002,O=Demo MO");
    var roots = List.of(new RootCertificateId("CN=Root,O=X", BigInteger.valueOf(77)));
    byte[] exi =
        messages.updateRequest(
            "0a0b", List.of(contract, oemCertificate), "DEPNCA000000002", roots, raw(contractKey));
    var received = messages.read(exi);
    var update = (CertificateRequest.Update) received.request();
    assertThat(update.emaid()).isEqualTo("DEPNCA000000002");
    assertThat(update.contractChain()).hasSize(2);
    assertThat(update.contractChain().get(0)).isEqualTo(contract);
    assertThat(messages.signedBy(received, contractKey.getPublic())).isTrue();
    JsonNode decoded = JSON.readTree(josev.decode(exi, JosevExiCodec.MSG_DEF));
    assertThat(josev.encode(decoded.toString(), JosevExiCodec.MSG_DEF)).isEqualTo(exi);

    byte[] cpsLeaf = selfSigned(cps, "CN=CPS Leaf,O=Demo CPS,DC=CPS");
    byte[] dh = new byte[65];
    dh[0] = 4;
    byte[] response =
        messages.write(
            new CertificateResponse(
                true,
                "0a0b",
                ResponseCode.OK_CertificateExpiresSoon,
                List.of(cpsLeaf),
                List.of(contract),
                new byte[48],
                dh,
                "DEPNCA000000002"),
            raw(cps));
    JsonNode res = JSON.readTree(josev.decode(response, JosevExiCodec.MSG_DEF));
    assertThat(josev.encode(res.toString(), JosevExiCodec.MSG_DEF)).isEqualTo(response);
    assertThat(
            res.path("V2G_Message")
                .path("Body")
                .path("CertificateUpdateRes")
                .path("ResponseCode")
                .asText())
        .isEqualTo("OK_CertificateExpiresSoon");
    assertThat(josev.signatureVerifies(res, "CertificateUpdateRes", cps.getPublic())).isTrue();
  }

  @Test
  void aFailedResponseCarriesItsCodeUnsigned() throws Exception {
    byte[] cpsLeaf = selfSigned(cps, "CN=CPS Leaf,O=Demo CPS,DC=CPS");
    byte[] exi =
        messages.write(
            CertificateResponse.failed(
                false, "01", ResponseCode.FAILED_NoCertificateAvailable, List.of(cpsLeaf)),
            raw(cps));
    JsonNode decoded = JSON.readTree(josev.decode(exi, JosevExiCodec.MSG_DEF));
    assertThat(
            decoded
                .path("V2G_Message")
                .path("Body")
                .path("CertificateInstallationRes")
                .path("ResponseCode")
                .asText())
        .isEqualTo("FAILED_NoCertificateAvailable");
    assertThat(decoded.path("V2G_Message").path("Header").has("Signature")).isFalse();
  }

  @Test
  void garbageAndOtherMessagesAreRefusedClearly() throws Exception {
    assertThatThrownBy(() -> messages.read(new byte[] {(byte) 0x80, 0x12, 0x34}))
        .isInstanceOf(ExiException.class);
    assertThatThrownBy(() -> messages.read(new byte[20_000]))
        .isInstanceOf(ExiException.class)
        .hasMessageContaining("16384");
    byte[] response =
        messages.write(
            CertificateResponse.failed(false, "01", ResponseCode.FAILED, List.of(oemCertificate)),
            raw(cps));
    assertThatThrownBy(() -> messages.read(response))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("CertificateInstallationRes is not");
  }

  static XmlSignature.RawSigner raw(KeyPair key) {
    return XmlSignature.RawSigner.of(key.getPrivate());
  }

  static KeyPair p256() throws Exception {
    var g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static byte[] selfSigned(KeyPair key, String subject) throws Exception {
    var name = new X500Name(subject);
    var now = System.currentTimeMillis();
    return new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(now),
            new Date(now - 60_000),
            new Date(now + 86_400_000L),
            name,
            key.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
        .getEncoded();
  }
}
