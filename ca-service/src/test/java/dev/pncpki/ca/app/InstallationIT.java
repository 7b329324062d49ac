package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.ca.testing.OpenBao;
import dev.pncpki.ca.testing.OpenBaoExtension;
import dev.pncpki.contract.exi.V2gExi;
import dev.pncpki.contract.installation.CertificateMessages;
import dev.pncpki.contract.installation.Iso20CertificateMessages;
import dev.pncpki.contract.installation.JosevExiCodec;
import dev.pncpki.contract.installation.RootCertificateId;
import dev.pncpki.contract.installation.XmlSignature;
import dev.pncpki.policies.id.Emaid;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ISO 15118-2 certificate installation with the CPS key in a real OpenBao: a vehicle's signed
 * CertificateInstallationReq (built as a vehicle would) is answered with the contract its mobility
 * operator made, signed by the CPS leaf; Josev's independent EXI codec reads the response and its
 * signature verifies against the CPS leaf certificate. Each failure gets its ResponseCode.
 */
@ExtendWith(OpenBaoExtension.class)
class InstallationIT {
  @TempDir static Path dir;
  static RunningCa ca;
  static OemPki oem;
  static CertificateMessages messages;
  static JosevExiCodec josev;
  static X509Certificate v2gRoot;

  @BeforeAll
  static void start(OpenBao bao) throws Exception {
    Path schemas = Path.of(System.getProperty("pnc.iso15118"), "iso15118", "shared", "schemas");
    ca =
        new RunningCa(
            dir,
            "{type: vault, address: \"%s\", token: \"%s\"}"
                .formatted(bao.address(), bao.serviceToken()),
            true,
            "{type: http, bindHost: 127.0.0.1, port: 0}",
            "iso15118SchemaDirectory: \"%s\"\niso15118_20SchemaDirectory: \"%s\""
                .formatted(schemas.resolve("iso15118_2"), schemas.resolve("iso15118_20")),
            java.net.http.HttpClient.newHttpClient());
    oem = new OemPki("OEM A", "secp256r1");
    ContractIT.trust(ca, oem.root);
    messages =
        new CertificateMessages(
            new V2gExi(
                schemas.resolve("iso15118_2/V2G_CI_MsgDef.xsd").toString(),
                schemas.resolve("xmldsig-core-schema.xsd").toString()));
    josev = new JosevExiCodec(schemas.getParent().resolve("EXICodec.jar"));
    v2gRoot = certificate(RunningCa.firstPem(ca.get("/v1/cas/v2g-root/chain", null).body()));
  }

  @AfterAll
  static void stop() throws Exception {
    josev.close();
    ca.close();
  }

  @Test
  void aVehicleGetsItsContractSignedByTheCps() throws Exception {
    var vehicle = oem.vehicle("WMA00000000000011");
    assertThat(ContractIT.uploadTo(ca, oem, vehicle, RunningCa.OEM_A).status()).isEqualTo(201);
    String emaid = Emaid.allocate("DE", "PNC", "INSTALL01").value();
    var contract =
        ca.postJson(
            "/v1/contracts", RunningCa.MO_X, Map.of("pcid", vehicle.pcid(), "emaid", emaid));
    assertThat(contract.status()).as(contract.body()).isEqualTo(201);

    var answer =
        install(request(vehicle.certificate().getEncoded(), vehicle.key(), trustedRoots()));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("responseCode").asText()).isEqualTo("OK");
    assertThat(answer.json().path("emaid").asText()).isEqualTo(emaid);
    assertThat(answer.json().path("xsdMsgDefNamespace").asText())
        .isEqualTo("urn:iso:15118:2:2013:MsgDef");

    byte[] exi =
        Base64.getDecoder().decode(answer.json().path("certificateInstallationRes").asText());
    JsonNode message = RunningCa.JSON.readTree(josev.decode(exi, JosevExiCodec.MSG_DEF));
    JsonNode res = message.path("V2G_Message").path("Body").path("CertificateInstallationRes");
    assertThat(res.path("ResponseCode").asText()).isEqualTo("OK");
    assertThat(res.path("eMAID").path("value").asText()).isEqualTo(emaid);
    var data = contract.json().path("contractData");
    assertThat(res.path("ContractSignatureEncryptedPrivateKey").path("value").asText())
        .isEqualTo(data.path("contractSignatureEncryptedPrivateKey").asText());
    assertThat(res.path("DHpublickey").path("value").asText())
        .isEqualTo(data.path("dHpublickey").asText());
    // the CPS chain: leaf, Sub-CA 2, Sub-CA 1; the leaf's key signed the response
    JsonNode cps = res.path("SAProvisioningCertificateChain");
    X509Certificate cpsLeaf = certificate(cps.path("Certificate").asText());
    assertThat(cpsLeaf.getSubjectX500Principal().getName()).contains("CPS");
    assertThat(cps.path("SubCertificates").path("Certificate")).hasSize(2);
    assertThat(
            josev.signatureVerifies(message, "CertificateInstallationRes", cpsLeaf.getPublicKey()))
        .isTrue();
    assertThat(
            ca.rows(
                "select count(*) from audit_event where action = 'iso15118.certificate-installation'"
                    + " and outcome = 'OK' and target = '"
                    + emaid
                    + "'"))
        .isEqualTo(1);
  }

  /**
   * The vehicle is Josev (PyPI iso15118): its own codec encodes and signs the request; its own
   * routines decode the response, verify the CPS signature, decrypt the contract key and match it
   * to the contract certificate.
   */
  @Test
  void josevAsTheVehicleGetsAndOpensItsContract() throws Exception {
    var vehicle = oem.vehicle("WMA00000000000014");
    assertThat(ContractIT.uploadTo(ca, oem, vehicle, RunningCa.OEM_A).status()).isEqualTo(201);
    String emaid = Emaid.allocate("DE", "PNC", "JOSEV0001").value();
    assertThat(
            ca.postJson(
                    "/v1/contracts", RunningCa.MO_X, Map.of("pcid", vehicle.pcid(), "emaid", emaid))
                .status())
        .isEqualTo(201);
    Path cert = dir.resolve("josev-oem.der");
    Path key = dir.resolve("josev-oem.pk8");
    Files.write(cert, vehicle.certificate().getEncoded());
    Files.write(key, vehicle.key().getPrivate().getEncoded());
    Path request = dir.resolve("josev-request.exi");
    josev(
        "request",
        cert.toString(),
        key.toString(),
        v2gRoot.getSubjectX500Principal().getName(),
        v2gRoot.getSerialNumber().toString(),
        request.toString());

    var answer = install(Files.readAllBytes(request));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    Path response = dir.resolve("josev-response.exi");
    Files.write(
        response,
        Base64.getDecoder().decode(answer.json().path("certificateInstallationRes").asText()));
    JsonNode opened = josev("response", response.toString(), key.toString());
    assertThat(opened.path("responseCode").asText()).isEqualTo("OK");
    assertThat(opened.path("emaid").asText()).isEqualTo(emaid);
    assertThat(opened.path("signatureValid").asBoolean()).as(opened.toString()).isTrue();
    assertThat(opened.path("keyMatchesCertificate").asBoolean()).as(opened.toString()).isTrue();
  }

  /** An element as XML text, with the namespace declarations it needs. */
  private static String xml(org.w3c.dom.Element element) throws Exception {
    var out = new java.io.StringWriter();
    var transformer = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
    transformer.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
    transformer.transform(
        new javax.xml.transform.dom.DOMSource(element),
        new javax.xml.transform.stream.StreamResult(out));
    return out.toString();
  }

  private static JsonNode josev(String... args) throws Exception {
    Path script = dir.resolve("vehicle.py");
    if (!Files.exists(script)) {
      try (var in = InstallationIT.class.getResourceAsStream("/josev/vehicle.py")) {
        Files.write(script, in.readAllBytes());
      }
    }
    var command = new java.util.ArrayList<String>();
    command.add(Path.of(System.getProperty("pnc.josev"), "bin", "python").toString());
    command.add(script.toString());
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).redirectErrorStream(false);
    // py4j starts the codec jar with the java on PATH: this JVM's
    builder
        .environment()
        .put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
    Process p = builder.start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    String err =
        new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out + err).isZero();
    String[] lines = out.strip().split("\n");
    return RunningCa.JSON.readTree(lines[lines.length - 1]);
  }

  /**
   * A renewal through the charger: the vehicle signs a CertificateUpdateReq with its current
   * contract key; before the operator has renewed the contract there is nothing to deliver, after
   * it the renewed contract arrives.
   */
  @Test
  void aVehicleRenewsItsContractWithCertificateUpdateReq() throws Exception {
    var vehicle = oem.vehicle("WMA00000000000017");
    assertThat(ContractIT.uploadTo(ca, oem, vehicle, RunningCa.OEM_A).status()).isEqualTo(201);
    String emaid = Emaid.allocate("DE", "PNC", "UPDATE001").value();
    var issued =
        ca.postJson(
            "/v1/contracts",
            RunningCa.MO_X,
            Map.of("pcid", vehicle.pcid(), "emaid", emaid, "validityDays", 30));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    KeyPair current =
        VehicleSide.keyPairFromScalar(
            "secp256r1", VehicleSide.decrypt(dir, issued.json(), vehicle.key()));
    byte[] leaf =
        VehicleSide.b64(
            issued
                .json()
                .path("contractData")
                .path("contractSignatureCertChain")
                .path("contractSignatureCertChainCertificate"));
    byte[] update =
        messages.updateRequest("0A0B", List.of(leaf), emaid, trustedRoots(), signer(current));
    assertThat(code(renew(update))).isEqualTo("FAILED_NoCertificateAvailable");
    assertThat(
            code(
                renew(
                    messages.updateRequest(
                        "0A0B", List.of(leaf), emaid, trustedRoots(), signer(vehicle.key())))))
        .as("signed with another key")
        .isEqualTo("FAILED_SignatureError");

    var renewed =
        ca.postJson(
            "/v1/contracts/" + emaid + "/" + vehicle.pcid() + "/update", RunningCa.MO_X, Map.of());
    assertThat(renewed.status()).as(renewed.body()).isEqualTo(201);
    var answer = renew(update);
    assertThat(code(answer)).isIn("OK", "OK_CertificateExpiresSoon");
    byte[] exi = Base64.getDecoder().decode(answer.json().path("certificateUpdateRes").asText());
    JsonNode message = RunningCa.JSON.readTree(josev.decode(exi, JosevExiCodec.MSG_DEF));
    JsonNode res = message.path("V2G_Message").path("Body").path("CertificateUpdateRes");
    assertThat(res.path("eMAID").path("value").asText()).isEqualTo(emaid);
    assertThat(res.path("ContractSignatureCertChain").path("Certificate").asText())
        .isEqualTo(
            renewed
                .json()
                .path("contractData")
                .path("contractSignatureCertChain")
                .path("contractSignatureCertChainCertificate")
                .asText());
    X509Certificate cpsLeaf =
        certificate(res.path("SAProvisioningCertificateChain").path("Certificate").asText());
    assertThat(josev.signatureVerifies(message, "CertificateUpdateRes", cpsLeaf.getPublicKey()))
        .isTrue();
  }

  private static RunningCa.Reply renew(byte[] exi) throws Exception {
    return ca.postJson(
        "/v1/iso15118/certificate-installation",
        RunningCa.BRIDGE,
        Map.of("certificateUpdateReq", Base64.getEncoder().encodeToString(exi)));
  }

  /**
   * ISO 15118-20: a P-521 vehicle's CertificateInstallationReq gets its -20 contract (SECP521
   * envelope) in SignedInstallationData, signed by the P-521 CPS leaf under the P-521 V2G root.
   */
  @Test
  void anIso20VehicleGetsItsContract() throws Exception {
    var oem20 = new OemPki("OEM A P-521", "secp521r1");
    ContractIT.trust(ca, oem20.root);
    var vehicle = oem20.vehicle("WMA000000000000031");
    assertThat(ContractIT.uploadTo(ca, oem20, vehicle, RunningCa.OEM_A).status()).isEqualTo(201);
    var contract =
        ca.postJson(
            "/v1/contracts",
            RunningCa.MO_X,
            Map.of(
                "pcid", vehicle.pcid(), "xsdMsgDefNamespace", Iso20CertificateMessages.NAMESPACE));
    assertThat(contract.status()).as(contract.body()).isEqualTo(201);
    X509Certificate root20 =
        certificate(RunningCa.firstPem(ca.get("/v1/cas/v2g-root-p521/chain", null).body()));
    Path schemas = Path.of(System.getProperty("pnc.iso15118"), "iso15118", "shared", "schemas");
    var exi20 =
        new V2gExi(
            schemas.resolve("iso15118_20/V2G_CI_CommonMessages.xsd").toString(),
            schemas.resolve("xmldsig-core-schema.xsd").toString());
    byte[] request =
        new Iso20CertificateMessages(exi20)
            .installationRequest(
                "1A2B3C4D5E6F7081",
                1_763_800_000L,
                List.of(
                    vehicle.certificate().getEncoded(),
                    oem20.sub2.getEncoded(),
                    oem20.sub1.getEncoded()),
                List.of(
                    new RootCertificateId(
                        root20.getSubjectX500Principal().getName(), root20.getSerialNumber())),
                1,
                XmlSignature.RawSigner.of(
                    vehicle.key().getPrivate(), XmlSignature.Algorithm.ECDSA_P521_SHA512));
    var answer =
        ca.postJson(
            "/v1/iso15118/certificate-installation",
            RunningCa.BRIDGE,
            Map.of(
                "certificateInstallationReq",
                Base64.getEncoder().encodeToString(request),
                "xsdMsgDefNamespace",
                Iso20CertificateMessages.NAMESPACE));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("responseCode").asText()).isEqualTo("OK");
    assertThat(answer.json().path("emaid").asText())
        .isEqualTo(contract.json().path("emaid").asText());
    byte[] exi =
        Base64.getDecoder().decode(answer.json().path("certificateInstallationRes").asText());

    // the independent codec reads it and re-encodes our bytes
    String decoded = josev.decode(exi, Iso20CertificateMessages.NAMESPACE);
    assertThat(josev.encode(decoded, Iso20CertificateMessages.NAMESPACE)).isEqualTo(exi);
    JsonNode res = RunningCa.JSON.readTree(decoded).path("CertificateInstallationRes");
    JsonNode signed = res.path("SignedInstallationData");
    var data = contract.json().path("contractData");
    assertThat(signed.path("SECP521_EncryptedPrivateKey").asText())
        .isEqualTo(data.path("contractSignatureEncryptedPrivateKey").asText());
    assertThat(signed.path("DHPublicKey").asText()).isEqualTo(data.path("dHpublickey").asText());
    X509Certificate cpsLeaf =
        certificate(res.path("CPSCertificateChain").path("Certificate").asText());
    assertThat(cpsLeaf.getSubjectX500Principal().getName()).contains("P-521");

    // the signature, with our codec's fragments
    var doc = exi20.decode(exi);
    var signedInfo =
        (org.w3c.dom.Element)
            doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "SignedInfo").item(0);
    var installationData =
        (org.w3c.dom.Element)
            doc.getElementsByTagNameNS(Iso20CertificateMessages.NAMESPACE, "SignedInstallationData")
                .item(0);
    String digest =
        doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "DigestValue")
            .item(0)
            .getTextContent();
    assertThat(Base64.getDecoder().decode(digest))
        .isEqualTo(
            java.security.MessageDigest.getInstance("SHA-512")
                .digest(exi20.fragment(installationData)));
    Signature verifier = Signature.getInstance("SHA512withECDSAinP1363Format");
    verifier.initVerify(cpsLeaf.getPublicKey());
    verifier.update(exi20.signedInfo(signedInfo));
    String value =
        doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "SignatureValue")
            .item(0)
            .getTextContent();
    assertThat(verifier.verify(Base64.getMimeDecoder().decode(value))).isTrue();

    // the same with the independent codec's EXIficient: SignedInstallationData and SignedInfo as
    // EXI fragments (ISO 15118-20 [V2G20-1449]) of the CommonMessages and xmldsig grammars, made
    // by the jar from the XML text; the digest and the signature hold over its bytes too
    byte[] theirs =
        josev.fragment(xml(installationData), JosevExiCodec.Grammar.ISO15118_20_COMMON_MESSAGES);
    assertThat(theirs).isEqualTo(exi20.fragment(installationData));
    assertThat(Base64.getDecoder().decode(digest))
        .isEqualTo(java.security.MessageDigest.getInstance("SHA-512").digest(theirs));
    Signature independent = Signature.getInstance("SHA512withECDSAinP1363Format");
    independent.initVerify(cpsLeaf.getPublicKey());
    independent.update(josev.fragment(xml(signedInfo), JosevExiCodec.Grammar.XMLDSIG));
    assertThat(independent.verify(Base64.getMimeDecoder().decode(value))).isTrue();

    // a provisioning certificate the pool does not hold
    var stranger = oem20.vehicle("WMA000000000000032");
    byte[] unknown =
        new Iso20CertificateMessages(exi20)
            .installationRequest(
                "01",
                1L,
                List.of(stranger.certificate().getEncoded()),
                List.of(),
                1,
                XmlSignature.RawSigner.of(
                    stranger.key().getPrivate(), XmlSignature.Algorithm.ECDSA_P521_SHA512));
    var refused =
        ca.postJson(
            "/v1/iso15118/certificate-installation",
            RunningCa.BRIDGE,
            Map.of(
                "certificateInstallationReq",
                Base64.getEncoder().encodeToString(unknown),
                "xsdMsgDefNamespace",
                Iso20CertificateMessages.NAMESPACE));
    assertThat(refused.json().path("responseCode").asText())
        .isEqualTo("WARNING_CertificateValidationError");
  }

  @Test
  void eachFailureGetsItsResponseCode() throws Exception {
    var vehicle = oem.vehicle("WMA00000000000012");
    byte[] cert = vehicle.certificate().getEncoded();
    // not in the pool
    assertThat(code(install(request(cert, vehicle.key(), trustedRoots()))))
        .isEqualTo("FAILED_CertChainError");
    // from an OEM root nobody trusts (the pool would refuse it too)
    var untrusted = new OemPki("Unknown OEM", "secp256r1").vehicle("WMA00000000000018");
    assertThat(
            code(
                install(
                    request(
                        untrusted.certificate().getEncoded(), untrusted.key(), trustedRoots()))))
        .isEqualTo("FAILED_CertChainError");
    assertThat(ContractIT.uploadTo(ca, oem, untrusted, RunningCa.OEM_A).status())
        .as("the pool refuses it")
        .isNotEqualTo(201);
    assertThat(ContractIT.uploadTo(ca, oem, vehicle, RunningCa.OEM_A).status()).isEqualTo(201);
    // signed with another key
    assertThat(code(install(request(cert, OemPki.keyPair("secp256r1"), trustedRoots()))))
        .isEqualTo("FAILED_SignatureError");
    // the vehicle does not trust our V2G root
    assertThat(
            code(
                install(
                    request(
                        cert,
                        vehicle.key(),
                        List.of(
                            new RootCertificateId("CN=Another Root", java.math.BigInteger.TEN))))))
        .isEqualTo("FAILED_NoCertificateAvailable");
    // no contract for the PCID yet
    var none = install(request(cert, vehicle.key(), trustedRoots()));
    assertThat(code(none)).isEqualTo("FAILED_NoCertificateAvailable");
    JsonNode failed =
        RunningCa.JSON.readTree(
            josev.decode(
                Base64.getDecoder().decode(none.json().path("certificateInstallationRes").asText()),
                JosevExiCodec.MSG_DEF));
    assertThat(failed.path("V2G_Message").path("Header").has("Signature")).isFalse();
    // each refusal is audited with its reason, and no contract was made
    assertThat(
            ca.rows(
                "select count(*) from audit_event where action = 'iso15118.certificate-installation'"
                    + " and outcome = 'FAILED_SignatureError'"))
        .isPositive();
    assertThat(ca.rows("select count(*) from contract where pcid = 'WMA00000000000012'")).isZero();
  }

  @Test
  void anExpiredProvisioningCertificateGetsCertificateExpired() throws Exception {
    var expired =
        oem.vehicle(
            "WMA00000000000016",
            "secp256r1",
            true,
            java.time.Instant.now().minus(java.time.Duration.ofDays(10)),
            1);
    assertThat(
            code(
                install(
                    request(expired.certificate().getEncoded(), expired.key(), trustedRoots()))))
        .isEqualTo("FAILED_CertificateExpired");
  }

  /** A provisioning certificate of the CA's own (demo) OEM PKI, revoked after it was pooled. */
  @Test
  void aRevokedProvisioningCertificateGetsCertificateRevoked() throws Exception {
    String oemRoot = RunningCa.firstPem(ca.get("/v1/cas/oem-root/chain", null).body());
    var trusted =
        ca.postJson(
            "/v1/trust-anchors",
            RunningCa.ADMIN,
            Map.of(
                "pki",
                "oem",
                "oem",
                "oem-a",
                "certificate",
                Base64.getEncoder().encodeToString(certificate(oemRoot).getEncoded())));
    assertThat(trusted.status()).as(trusted.body()).isIn(201, 409);
    KeyPair key = OemPki.keyPair("secp256r1");
    var csr =
        new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
                new org.bouncycastle.asn1.x500.X500Name("CN=WMA00000000000015, O=pnc-pki demo OEM"),
                key.getPublic())
            .build(
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                    .build(key.getPrivate()));
    var pem = new java.io.StringWriter();
    try (var w = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(pem)) {
      w.writeObject(csr);
    }
    var issued =
        ca.postJson(
            "/v1/certificates",
            RunningCa.ADMIN,
            Map.of("profile", "oem-provisioning-leaf", "csr", pem.toString()));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    X509Certificate provisioning = certificate(issued.json().path("certificate").asText());
    String chain = ca.get("/v1/cas/oem-sub-ca-2/chain", null).body();
    String sub2 = RunningCa.firstPem(chain);
    String sub1 = RunningCa.firstPem(chain.substring(sub2.strip().length()).strip());
    var uploaded =
        ca.send(
            "PUT",
            "/v1/oem/provCerts",
            RunningCa.OEM_A,
            "application/json",
            RunningCa.JSON.writeValueAsBytes(
                Map.of(
                    "provisioningCertificate",
                        Base64.getEncoder().encodeToString(provisioning.getEncoded()),
                    "subCa2Certificate",
                        Base64.getEncoder().encodeToString(certificate(sub2).getEncoded()),
                    "subCa1Certificate",
                        Base64.getEncoder().encodeToString(certificate(sub1).getEncoded()))));
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    String emaid = Emaid.allocate("DE", "PNC", "REVOKED01").value();
    assertThat(
            ca.postJson(
                    "/v1/contracts",
                    RunningCa.MO_X,
                    Map.of("pcid", "WMA00000000000015", "emaid", emaid))
                .status())
        .isEqualTo(201);
    byte[] request = request(provisioning.getEncoded(), key, trustedRoots());
    assertThat(code(install(request))).isEqualTo("OK");

    var revoked =
        ca.postJson(
            "/v1/certificates/" + provisioning.getSerialNumber().toString(16) + "/revoke",
            RunningCa.ADMIN,
            Map.of("reason", "keyCompromise"));
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    assertThat(code(install(request))).isEqualTo("FAILED_CertificateRevoked");
  }

  @Test
  void badInputIsAProblemAndOnlyTheBridgeAndAdminsMayAsk() throws Exception {
    var garbage =
        ca.postJson(
            "/v1/iso15118/certificate-installation",
            RunningCa.BRIDGE,
            Map.of("certificateInstallationReq", "gBI0"));
    assertThat(garbage.status()).as(garbage.body()).isEqualTo(400);
    assertThat(garbage.body()).contains("EXI");
    var otherNamespace =
        ca.postJson(
            "/v1/iso15118/certificate-installation",
            RunningCa.BRIDGE,
            Map.of(
                "certificateInstallationReq", "gBI0",
                "xsdMsgDefNamespace", "urn:din:70121:2012:MsgDef"));
    assertThat(otherNamespace.status()).isEqualTo(400);
    var vehicle = oem.vehicle("WMA00000000000013");
    var forbidden =
        ca.postJson(
            "/v1/iso15118/certificate-installation",
            RunningCa.OEM_A,
            Map.of(
                "certificateInstallationReq",
                Base64.getEncoder()
                    .encodeToString(
                        request(
                            vehicle.certificate().getEncoded(), vehicle.key(), trustedRoots()))));
    assertThat(forbidden.status()).isEqualTo(403);
  }

  private static String code(RunningCa.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("responseCode").asText();
  }

  private static RunningCa.Reply install(byte[] exi) throws Exception {
    return ca.postJson(
        "/v1/iso15118/certificate-installation",
        RunningCa.BRIDGE,
        Map.of(
            "certificateInstallationReq",
            Base64.getEncoder().encodeToString(exi),
            "xsdMsgDefNamespace",
            "urn:iso:15118:2:2013:MsgDef"));
  }

  private static List<RootCertificateId> trustedRoots() {
    return List.of(
        new RootCertificateId("CN=Some Other Root,O=Elsewhere", java.math.BigInteger.ONE),
        new RootCertificateId(
            v2gRoot.getSubjectX500Principal().getName(), v2gRoot.getSerialNumber()));
  }

  static byte[] request(byte[] oemCertificate, KeyPair key, List<RootCertificateId> roots) {
    return messages.installationRequest("1A2B3C4D5E6F7081", oemCertificate, roots, signer(key));
  }

  static XmlSignature.RawSigner signer(KeyPair key) {
    return XmlSignature.RawSigner.of(key.getPrivate());
  }

  static X509Certificate certificate(String pemOrBase64) throws Exception {
    String base64 = pemOrBase64.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
  }
}
