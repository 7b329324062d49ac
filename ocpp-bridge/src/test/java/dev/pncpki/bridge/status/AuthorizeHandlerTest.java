package dev.pncpki.bridge.status;

import static dev.pncpki.bridge.status.StandInResponder.CA;
import static dev.pncpki.bridge.status.StandInResponder.CA_KEYS;
import static dev.pncpki.bridge.status.StandInResponder.CA_NAME;
import static dev.pncpki.bridge.status.StandInResponder.NOW;
import static dev.pncpki.bridge.status.StandInResponder.PREFIX;
import static dev.pncpki.bridge.status.StandInResponder.SIGNER;
import static dev.pncpki.bridge.status.StandInResponder.SIGNER_KEYS;
import static dev.pncpki.bridge.status.StandInResponder.keys;
import static dev.pncpki.bridge.status.StandInResponder.response;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.status.StatusHandlersTest.Station;
import dev.pncpki.bridge.trust.ContractRoots;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Authorize with a contract (OCPP 2.0.1 C07) against a stand-in for the CA's OCSP responder: with
 * hash data alone a verified good status is Accepted/Accepted, one revoked certificate of the chain
 * CertificateRevoked, a serial the responder does not know CertChainError, and a status the bridge
 * cannot get or cannot verify NoCertificateAvailable with the token Unknown. The responder is asked
 * only at the CA's address, and not at all for hash data that names no certificate.
 */
class AuthorizeHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EMAID = "DEPNCC00000001";
  private static final BigInteger LEAF = new BigInteger("7a11ce", 16);
  private static final BigInteger SUB_CA = new BigInteger("5ab", 16);
  private static final X500Name SUB_CA_NAME = new X500Name("CN=Test MO Sub-CA 2, O=Test MO");

  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private StandInResponder responder;
  private AuthorizeHandler handler;

  @BeforeEach
  void start() throws Exception {
    responder = new StandInResponder();
    restart();
  }

  /** A new handler, which keeps no verified answer yet (as after their nextUpdate). */
  private void restart() throws Exception {
    handler =
        new AuthorizeHandler(
            new ContractStatus(
                responder.client(),
                new CrlClient(java.net.http.HttpClient.newHttpClient(), CLOCK),
                new ValidatedIssuers(),
                CLOCK),
            ContractRoots.of(List.of(jdk(CA))),
            CLOCK);
  }

  @AfterEach
  void stop() {
    responder.close();
  }

  @Test
  void hashDataOfAGoodContractIsAccepted() throws Exception {
    good(LEAF);
    good(SUB_CA);
    assertThat(byHash(entry(LEAF), entry(SUB_CA))).isEqualTo("Accepted/Accepted");
    assertThat(responder.asked).hasValue(2);
  }

  @Test
  void oneRevokedCertificateRevokesTheContract() throws Exception {
    good(LEAF);
    responder.bySerial.put(
        SUB_CA,
        response(SUB_CA, new RevokedStatus(Date.from(NOW.minusSeconds(60)), 1), CA_KEYS, CA));
    assertThat(byHash(entry(LEAF), entry(SUB_CA))).isEqualTo("CertificateRevoked/Invalid");
    // revoked is worse than a status the bridge could not get
    responder.bySerial.put(LEAF, response(LEAF, CertificateStatus.GOOD, keys(), SIGNER));
    assertThat(byHash(entry(LEAF), entry(SUB_CA))).isEqualTo("CertificateRevoked/Invalid");
  }

  @Test
  void aSerialTheIssuerDoesNotKnowIsNotOfTheChain() throws Exception {
    responder.body.set(response(LEAF, new UnknownStatus(), SIGNER_KEYS, SIGNER));
    assertThat(byHash(entry(LEAF))).isEqualTo("CertChainError/Invalid");
  }

  @Test
  void aStatusThatCannotBeHadOrVerifiedIsNoCertificateAvailable() throws Exception {
    good(LEAF);
    ObjectNode foreign = entry(LEAF).put("responderURL", "http://ocsp.elsewhere.example/ocsp/x");
    assertThat(byHash(foreign)).isEqualTo("NoCertificateAvailable/Unknown");
    assertThat(responder.asked).as("a foreign responder is not asked").hasValue(0);
    assertThat(byHash(entry(LEAF).put("responderURL", PREFIX + "../../admin")))
        .isEqualTo("NoCertificateAvailable/Unknown");
    assertThat(byHash((ObjectNode) entry(LEAF).without("responderURL")))
        .isEqualTo("NoCertificateAvailable/Unknown");
    assertThat(responder.asked).hasValue(0);

    responder.bySerial.clear();
    for (byte[] unverifiable :
        new byte[][] {
          response(LEAF, CertificateStatus.GOOD, keys(), SIGNER), // not the responder's signature
          response(LEAF.add(BigInteger.ONE), CertificateStatus.GOOD, SIGNER_KEYS, SIGNER),
          new OCSPRespBuilder().build(OCSPRespBuilder.TRY_LATER, null).getEncoded(),
          "not OCSP".getBytes(java.nio.charset.StandardCharsets.US_ASCII)
        }) {
      responder.body.set(unverifiable);
      assertThat(byHash(entry(LEAF))).isEqualTo("NoCertificateAvailable/Unknown");
    }
    responder.httpStatus.set(500);
    assertThat(byHash(entry(LEAF))).isEqualTo("NoCertificateAvailable/Unknown");
  }

  @Test
  void hashDataThatNamesNoCertificateIsAChainErrorAndAsksNobody() throws Exception {
    good(LEAF);
    assertThat(byHash(entry(LEAF).put("serialNumber", "zz"))).isEqualTo("CertChainError/Invalid");
    assertThat(byHash(entry(LEAF).put("serialNumber", "-1"))).isEqualTo("CertChainError/Invalid");
    assertThat(byHash(entry(LEAF).put("serialNumber", "1".repeat(41))))
        .isEqualTo("CertChainError/Invalid");
    assertThat(byHash(entry(LEAF).put("issuerKeyHash", "ab"))).isEqualTo("CertChainError/Invalid");
    assertThat(byHash(entry(LEAF).put("issuerNameHash", "g".repeat(64))))
        .isEqualTo("CertChainError/Invalid");
    assertThat(byHash(entry(LEAF).put("hashAlgorithm", "SHA384")))
        .as("a SHA-256 hash under SHA384")
        .isEqualTo("CertChainError/Invalid");
    assertThat(responder.asked).hasValue(0);
    // a chain error is worse than good: one bad entry among good ones fails the contract
    assertThat(byHash(entry(LEAF), entry(LEAF).put("serialNumber", "x")))
        .isEqualTo("CertChainError/Invalid");
  }

  @Test
  void theChainMustBeTheTokensAndSignedByItsIssuer() throws Exception {
    good(LEAF);
    String chain = pem(contract(EMAID, CA_KEYS, NOW.plus(Duration.ofDays(30))), CA);
    assertThat(byChain(EMAID, chain)).isEqualTo("Accepted/Accepted");
    assertThat(byChain("DE-PNC-C00000001", chain))
        .as("the eMAID with hyphens, in another case")
        .isEqualTo("Accepted/Accepted");
    assertThat(byChain("DEPNCC00000002", chain)).isEqualTo("CertChainError/Invalid");
    String forged = pem(contract(EMAID, keys(), NOW.plus(Duration.ofDays(30))), CA);
    assertThat(byChain(EMAID, forged)).isEqualTo("CertChainError/Invalid");
    assertThat(byChain(EMAID, pem(contract(EMAID, CA_KEYS, NOW.plus(Duration.ofDays(30))))))
        .as("no issuer")
        .isEqualTo("CertChainError/Invalid");
    assertThat(byChain(EMAID, "not PEM")).isEqualTo("CertChainError/Invalid");
    String expired = pem(contract(EMAID, CA_KEYS, NOW.minusSeconds(1)), CA);
    assertThat(byChain(EMAID, expired)).isEqualTo("CertificateExpired/Expired");
    responder.bySerial.put(
        LEAF, response(LEAF, new RevokedStatus(Date.from(NOW.minusSeconds(9)), 1), CA_KEYS, CA));
    assertThat(byChain(EMAID, chain))
        .as("the CA's own responder is asked every time: a revocation holds at once")
        .isEqualTo("CertificateRevoked/Invalid");
  }

  @Test
  void anotherOperatorsAnswerIsKeptUntilItsNextUpdateAndItsResponderIsLearned() throws Exception {
    String elsewhere = responder.directUrl("mo-sub-ca-2");
    ObjectNode byStation = entry(LEAF).put("responderURL", elsewhere);
    good(LEAF);
    assertThat(byHash(byStation))
        .as("a responder no validated chain named yet is not asked")
        .isEqualTo("NoCertificateAvailable/Unknown");
    assertThat(responder.asked).hasValue(0);

    String chain =
        pem(contract(EMAID, CA_NAME, CA_KEYS, NOW.plus(Duration.ofDays(30)), elsewhere), CA);
    assertThat(byChain(EMAID, chain)).isEqualTo("Accepted/Accepted");
    assertThat(byChain(EMAID, chain)).isEqualTo("Accepted/Accepted");
    assertThat(responder.asked).as("asked once, then kept until nextUpdate").hasValue(1);
    restart();
    assertThat(byChain(EMAID, chain)).isEqualTo("Accepted/Accepted");
    assertThat(byHash(byStation))
        .as("hash data naming the responder and issuer of a validated chain")
        .isEqualTo("Accepted/Accepted");
    assertThat(responder.asked).hasValue(2);
    good(SUB_CA);
    assertThat(byHash(entry(SUB_CA).put("responderURL", responder.directUrl("other"))))
        .as("another URL on the same host was never named by a certificate")
        .isEqualTo("NoCertificateAvailable/Unknown");
    assertThat(responder.asked).hasValue(2);
  }

  @Test
  void anAnswerPastItsNextUpdateOrOldWithoutOneSaysNothingAboutNow() throws Exception {
    String chain = pem(contract(EMAID, CA_KEYS, NOW.plus(Duration.ofDays(30))), CA);
    responder.bySerial.put(
        LEAF,
        StandInResponder.response(
            CA,
            LEAF,
            CertificateStatus.GOOD,
            SIGNER_KEYS,
            SIGNER,
            NOW.minus(Duration.ofDays(3)),
            NOW.minus(Duration.ofDays(2))));
    assertThat(byChain(EMAID, chain))
        .as("a replayed answer")
        .isEqualTo("NoCertificateAvailable/Unknown");
    responder.bySerial.put(
        LEAF,
        StandInResponder.response(
            CA,
            LEAF,
            CertificateStatus.GOOD,
            SIGNER_KEYS,
            SIGNER,
            NOW.minus(Duration.ofHours(2)),
            null));
    assertThat(byChain(EMAID, chain)).isEqualTo("NoCertificateAvailable/Unknown");
    responder.bySerial.put(
        LEAF,
        StandInResponder.response(
            CA, LEAF, CertificateStatus.GOOD, SIGNER_KEYS, SIGNER, NOW.minusSeconds(5), null));
    assertThat(byChain(EMAID, chain))
        .as("a fresh one without nextUpdate")
        .isEqualTo("Accepted/Accepted");
  }

  @Test
  void aChainEndingAtARootNotTrustedIsAChainErrorAndAsksNobody() throws Exception {
    good(LEAF);
    KeyPair otherRootKeys = keys();
    X509CertificateHolder otherRoot =
        StandInResponder.certificate(CA_NAME, CA_NAME, otherRootKeys, otherRootKeys);
    String chain = pem(contract(EMAID, otherRootKeys, NOW.plus(Duration.ofDays(30))), otherRoot);
    assertThat(byChain(EMAID, chain)).isEqualTo("CertChainError/Invalid");
    assertThat(responder.asked).hasValue(0);
    handler =
        new AuthorizeHandler(
            new ContractStatus(
                responder.client(),
                new CrlClient(java.net.http.HttpClient.newHttpClient(), CLOCK),
                new ValidatedIssuers(),
                CLOCK),
            ContractRoots.of(List.of()),
            CLOCK);
    assertThat(byChain(EMAID, pem(contract(EMAID, CA_KEYS, NOW.plus(Duration.ofDays(30))), CA)))
        .as("no roots read from the CA yet: no answer, not a bad chain")
        .isEqualTo("NoCertificateAvailable/Unknown");
  }

  @Test
  void everyCertificateUpToTheRootIsChecked() throws Exception {
    KeyPair subCaKeys = keys();
    X509CertificateHolder subCa = subCa(subCaKeys, NOW.plus(Duration.ofDays(30)));
    X509CertificateHolder leaf =
        contract(EMAID, SUB_CA_NAME, subCaKeys, NOW.plus(Duration.ofDays(30)));
    String chain = pem(leaf, subCa, CA);
    responder.bySerial.put(LEAF, response(subCa, LEAF, CertificateStatus.GOOD, subCaKeys, subCa));
    good(SUB_CA);
    assertThat(byChain(EMAID, chain)).isEqualTo("Accepted/Accepted");
    assertThat(responder.asked).as("the leaf and the Sub-CA, not the root").hasValue(2);
    assertThat(byChain(EMAID, pem(leaf, subCa)))
        .as("without the root")
        .isEqualTo("Accepted/Accepted");

    responder.bySerial.put(
        SUB_CA,
        response(SUB_CA, new RevokedStatus(Date.from(NOW.minusSeconds(60)), 1), CA_KEYS, CA));
    assertThat(byChain(EMAID, chain))
        .as("a good contract under a revoked Sub-CA")
        .isEqualTo("CertificateRevoked/Invalid");

    good(SUB_CA);
    String forgedSubCa = pem(leaf, subCa(subCaKeys, NOW.plus(Duration.ofDays(30)), keys()), CA);
    assertThat(byChain(EMAID, forgedSubCa)).isEqualTo("CertChainError/Invalid");
    String expiredSubCa = pem(leaf, subCa(subCaKeys, NOW.minusSeconds(1), CA_KEYS), CA);
    assertThat(byChain(EMAID, expiredSubCa)).isEqualTo("CertificateExpired/Expired");
    responder.bySerial.remove(SUB_CA);
    responder.body.set(response(SUB_CA, new UnknownStatus(), SIGNER_KEYS, SIGNER));
    assertThat(byChain(EMAID, chain))
        .as("a Sub-CA the CA does not know")
        .isEqualTo("CertChainError/Invalid");
  }

  @Test
  void withoutCertificateDataTheTokenIsUnknownAndA16IdTagInvalid() throws Exception {
    ObjectNode plain = JSON.createObjectNode();
    plain.putObject("idToken").put("idToken", EMAID).put("type", "eMAID");
    JsonNode answer = handler.handle(new Station("CS-1", OcppVersion.OCPP201), plain).payload();
    assertThat(answer.toString()).isEqualTo("{\"idTokenInfo\":{\"status\":\"Unknown\"}}");
    JsonNode v16 =
        handler
            .handle(
                new Station("CS-1", OcppVersion.OCPP16),
                JSON.createObjectNode().put("idTag", "RFID-1"))
            .payload();
    assertThat(v16.toString()).isEqualTo("{\"idTagInfo\":{\"status\":\"Invalid\"}}");
    assertThat(responder.asked).hasValue(0);
  }

  private void good(BigInteger serial) throws Exception {
    responder.bySerial.put(serial, response(serial, CertificateStatus.GOOD, SIGNER_KEYS, SIGNER));
  }

  /**
   * OCPP OCSPRequestDataType of the certificate with {@code serial} that the stand-in CA issued.
   */
  private static ObjectNode entry(BigInteger serial) {
    return JSON.createObjectNode()
        .put("hashAlgorithm", "SHA256")
        .put("issuerNameHash", StandInResponder.issuerNameHash())
        .put("issuerKeyHash", StandInResponder.issuerKeyHash())
        .put("serialNumber", serial.toString(16))
        .put("responderURL", PREFIX + "mo-sub-ca-2");
  }

  /** "certificateStatus/idTokenInfo.status" of an Authorize with these hash data. */
  private String byHash(ObjectNode... entries) throws Exception {
    ObjectNode payload = JSON.createObjectNode();
    payload.putObject("idToken").put("idToken", EMAID).put("type", "eMAID");
    ArrayNode data = payload.putArray("iso15118CertificateHashData");
    for (ObjectNode e : entries) {
      data.add(e);
    }
    return answer(payload);
  }

  private String byChain(String emaid, String pem) throws Exception {
    ObjectNode payload = JSON.createObjectNode();
    payload.putObject("idToken").put("idToken", emaid).put("type", "eMAID");
    payload.put("certificate", pem);
    return answer(payload);
  }

  private String answer(ObjectNode payload) throws Exception {
    JsonNode out = handler.handle(new Station("CS-1", OcppVersion.OCPP201), payload).payload();
    return out.path("certificateStatus").asText() + "/" + out.at("/idTokenInfo/status").asText();
  }

  private static X509CertificateHolder contract(String emaid, KeyPair by, Instant notAfter)
      throws Exception {
    return contract(emaid, CA_NAME, by, notAfter);
  }

  private static X509CertificateHolder contract(
      String emaid, X500Name issuer, KeyPair by, Instant notAfter) throws Exception {
    return contract(emaid, issuer, by, notAfter, PREFIX + "mo-sub-ca-2");
  }

  /** A contract certificate for {@code emaid}, serial {@link #LEAF}, signed with {@code by}. */
  private static X509CertificateHolder contract(
      String emaid, X500Name issuer, KeyPair by, Instant notAfter, String responderUrl)
      throws Exception {
    var builder =
        new X509v3CertificateBuilder(
            issuer,
            LEAF,
            Date.from(NOW.minus(Duration.ofDays(60))),
            Date.from(notAfter),
            new X500Name("CN=" + emaid + ", O=Test MO"),
            SubjectPublicKeyInfo.getInstance(keys().getPublic().getEncoded()));
    builder.addExtension(
        Extension.authorityInfoAccess,
        false,
        new AuthorityInformationAccess(
            new AccessDescription(
                AccessDescription.id_ad_ocsp,
                new GeneralName(GeneralName.uniformResourceIdentifier, responderUrl))));
    return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(by.getPrivate()));
  }

  private static X509CertificateHolder subCa(KeyPair keys, Instant notAfter) throws Exception {
    return subCa(keys, notAfter, CA_KEYS);
  }

  /** An MO Sub-CA 2, serial {@link #SUB_CA}, issued under {@link StandInResponder#CA}. */
  private static X509CertificateHolder subCa(KeyPair keys, Instant notAfter, KeyPair by)
      throws Exception {
    var builder =
        new X509v3CertificateBuilder(
            CA_NAME,
            SUB_CA,
            Date.from(NOW.minus(Duration.ofDays(60))),
            Date.from(notAfter),
            SUB_CA_NAME,
            SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    builder.addExtension(
        Extension.authorityInfoAccess,
        false,
        new AuthorityInformationAccess(
            new AccessDescription(
                AccessDescription.id_ad_ocsp,
                new GeneralName(GeneralName.uniformResourceIdentifier, PREFIX + "mo-sub-ca-1"))));
    return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(by.getPrivate()));
  }

  static X509Certificate jdk(X509CertificateHolder certificate) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(certificate);
  }

  private static String pem(X509CertificateHolder... chain) throws Exception {
    var out = new StringWriter();
    try (var w = new JcaPEMWriter(out)) {
      for (var c : chain) {
        w.writeObject(c);
      }
    }
    return out.toString();
  }
}
