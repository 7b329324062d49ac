package dev.pncpki.ca.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.testing.Openssl;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcspResponderTest {
  @TempDir Path dir;

  private TestPki pki;
  private IssuingCa ca;
  private IssuingCa otherCa;
  private CountingKeyBackend backend;
  private final InMemoryRevocationSource source = new InMemoryRevocationSource();
  private final MutableClock clock = new MutableClock(Instant.now());
  private OcspResponder responder;
  private X509CertificateHolder leaf;

  @BeforeEach
  void setUp() {
    pki = TestPki.create(dir);
    ca = pki.subCa("a");
    otherCa = pki.subCa("b");
    backend = new CountingKeyBackend(pki.backend());
    responder = responder(OcspSettings.defaults());
    leaf = issue("CS001");
  }

  private OcspResponder responder(OcspSettings settings) {
    return new OcspResponder(backend, source, List.of(ca, otherCa), clock, settings);
  }

  private X509CertificateHolder issue(String station) {
    X509CertificateHolder cert = pki.leaf(ca, station);
    source.issue("a", cert.getSerialNumber());
    return cert;
  }

  @Test
  void sha1AndSha2RequestsFromOpensslGetGoodResponsesThatOpensslVerifies() throws Exception {
    for (String digest : List.of("-sha1", "-sha256", "-sha384", "-sha512")) {
      byte[] request = opensslRequest(digest, "-cert", pem("CS001"), "-no_nonce");

      byte[] response = responder.respond("a", request);

      var check = opensslCheck(response, digest, "-cert", pem("CS001"), "-no_nonce");
      assertThat(check.output())
          .as(digest)
          .contains("Response verify OK")
          .contains("CS001.pem: good");
    }
  }

  @Test
  void responseEchoesTheCertIdAndIsSignedByTheDelegatedSignerNamedByKey() throws Exception {
    byte[] request = opensslRequest("-sha256", "-cert", pem("CS001"), "-no_nonce");

    BasicOCSPResp basic = basic(responder.respond("a", request));

    var requested = new OCSPReq(request).getRequestList()[0].getCertID();
    assertThat(basic.getResponses()).hasSize(1);
    assertThat(basic.getResponses()[0].getCertID()).isEqualTo(requested);
    assertThat(basic.getResponses()[0].getCertStatus()).isNull(); // good
    assertThat(basic.getCerts()).containsExactly(ca.ocspSignerCertificate());
    assertThat(basic.getResponderId().toASN1Primitive().getName()).isNull();
    assertThat(ResponderID.getInstance(basic.getResponderId().toASN1Primitive()).getKeyHash())
        .hasSize(20);
    var verifier =
        new JcaContentVerifierProviderBuilder()
            .build(ca.ocspSignerCertificate().getSubjectPublicKeyInfo());
    assertThat(basic.isSignatureValid(verifier)).isTrue();
    Duration validity =
        Duration.between(
            basic.getResponses()[0].getThisUpdate().toInstant(),
            basic.getResponses()[0].getNextUpdate().toInstant());
    assertThat(validity).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void afterRevocationAndInvalidateTheAnswerIsRevokedWithTheReason() throws Exception {
    byte[] request = opensslRequest("-cert", pem("CS001"), "-no_nonce");
    assertThat(
            opensslCheck(responder.respond("a", request), "-cert", pem("CS001"), "-no_nonce")
                .output())
        .contains("CS001.pem: good");

    source.revoke("a", leaf.getSerialNumber(), clock.instant(), RevocationReason.KEY_COMPROMISE);
    responder.invalidate("a", leaf.getSerialNumber());
    byte[] response = responder.respond("a", request);

    assertThat(opensslCheck(response, "-cert", pem("CS001"), "-no_nonce").output())
        .contains("Response verify OK")
        .contains("CS001.pem: revoked")
        .contains("Reason: keyCompromise")
        .contains("Revocation Time:");
    var status = (RevokedStatus) basic(response).getResponses()[0].getCertStatus();
    assertThat(status.getRevocationReason()).isEqualTo(1);
  }

  @Test
  void unspecifiedRevocationHasNoReason() throws Exception {
    source.revoke("a", leaf.getSerialNumber(), clock.instant(), RevocationReason.UNSPECIFIED);

    byte[] response = responder.respond("a", opensslRequest("-cert", pem("CS001"), "-no_nonce"));

    var status = (RevokedStatus) basic(response).getResponses()[0].getCertStatus();
    assertThat(status.hasRevocationReason()).isFalse();
  }

  @Test
  void aSerialTheCaNeverIssuedIsUnknown() throws Exception {
    byte[] request = opensslRequest("-serial", "0x1234567890ABCDEF", "-no_nonce");

    byte[] response = responder.respond("a", request);

    assertThat(opensslCheck(response, "-serial", "0x1234567890ABCDEF", "-no_nonce").output())
        .contains("Response verify OK")
        .contains("0x1234567890ABCDEF: unknown");
  }

  @Test
  void aNonceIsEchoedAndForcesAFreshSignature() throws Exception {
    byte[] request = opensslRequest("-cert", pem("CS001"));
    Files.write(dir.resolve("nonce-req.der"), request);

    int before = backend.calls();
    byte[] first = responder.respond("a", request);
    byte[] second = responder.respond("a", request);

    assertThat(backend.calls() - before).isEqualTo(2);
    assertThat(first).isNotEqualTo(second); // ECDSA signatures are randomised
    // with -reqin (and no -cert, which would make a new request) openssl compares the nonces
    var nonceCheck = opensslCheck(first, "-reqin", dir.resolve("nonce-req.der").toString());
    assertThat(nonceCheck.output())
        .contains("Response verify OK")
        .doesNotContain("WARNING: no nonce in response")
        .doesNotContain("Nonce Verify error");
    assertThat(opensslCheck(second, "-cert", pem("CS001"), "-no_nonce").output())
        .contains("Response verify OK")
        .contains("CS001.pem: good");
    var requestNonce = new OCSPReq(request).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    assertThat(basic(first).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce))
        .isEqualTo(requestNonce);
    assertThat(responder.cachedResponses()).isZero();
  }

  @Test
  void aRepeatedRequestIsServedFromMemoryUntilInvalidated() throws Exception {
    byte[] request = opensslRequest("-sha256", "-cert", pem("CS001"), "-no_nonce");
    byte[] first = responder.respond("a", request);
    int calls = backend.calls();
    int lookups = source.statusLookups();

    byte[] second = responder.respond("a", request);

    assertThat(second).isEqualTo(first);
    assertThat(backend.calls()).isEqualTo(calls);
    assertThat(source.statusLookups()).isEqualTo(lookups);

    responder.invalidate("a", leaf.getSerialNumber());
    byte[] third = responder.respond("a", request);

    assertThat(third).isNotEqualTo(first);
    assertThat(backend.calls()).isEqualTo(calls + 1);
    assertThat(opensslCheck(third, "-sha256", "-cert", pem("CS001"), "-no_nonce").output())
        .contains("Response verify OK")
        .contains("CS001.pem: good");
  }

  @Test
  void aCachedResponseIsSignedAgainAtHalfItsValidity() throws Exception {
    byte[] request = opensslRequest("-cert", pem("CS001"), "-no_nonce");
    byte[] first = responder.respond("a", request);

    clock.advance(Duration.ofDays(3).plusHours(11));
    assertThat(responder.respond("a", request)).isEqualTo(first);
    clock.advance(Duration.ofHours(1));
    byte[] refreshed = responder.respond("a", request);

    assertThat(refreshed).isNotEqualTo(first);
    assertThat(basic(refreshed).getProducedAt().toInstant())
        .isAfter(basic(first).getProducedAt().toInstant());
  }

  @Test
  void aRevocationWhileAResponseIsBeingSignedKeepsThatResponseOutOfTheCache() throws Exception {
    byte[] request = opensslRequest("-cert", pem("CS001"), "-no_nonce");
    // the status is read as good, then the revocation commits and invalidates before the store
    source.onStatus(
        () -> {
          source.revoke("a", leaf.getSerialNumber(), clock.instant(), RevocationReason.SUPERSEDED);
          responder.invalidate("a", leaf.getSerialNumber());
        });

    byte[] raced = responder.respond("a", request);
    source.onStatus(() -> {});
    byte[] next = responder.respond("a", request);

    assertThat(basic(raced).getResponses()[0].getCertStatus()).isNull(); // good, as read
    assertThat(basic(next).getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
  }

  @Test
  void prewarmedSerialsAreAnsweredWithoutTheKeyBackend() throws Exception {
    X509CertificateHolder second = issue("CS002");
    responder.prewarm("a", List.of(leaf.getSerialNumber(), second.getSerialNumber()));
    int calls = backend.calls();

    byte[] sha256 =
        responder.respond("a", opensslRequest("-sha256", "-cert", pem("CS002"), "-no_nonce"));
    byte[] sha1 = responder.respond("a", opensslRequest("-cert", pem("CS001"), "-no_nonce"));

    assertThat(backend.calls()).isEqualTo(calls);
    assertThat(opensslCheck(sha256, "-sha256", "-cert", pem("CS002"), "-no_nonce").output())
        .contains("Response verify OK")
        .contains("CS002.pem: good");
    assertThat(opensslCheck(sha1, "-cert", pem("CS001"), "-no_nonce").output())
        .contains("Response verify OK")
        .contains("CS001.pem: good");
    assertThatThrownBy(() -> responder.prewarm("nope", List.of(BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCacheIsBoundedAndDropsTheOldestFirst() throws Exception {
    responder = responder(OcspSettings.defaults().withMaxCachedResponses(3));
    List<BigInteger> serials = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      serials.add(BigInteger.valueOf(1000 + i));
      source.issue("a", serials.get(i - 1)); // known serials: the main cache's bound applies
    }
    for (BigInteger serial : serials) {
      responder.respond("a", opensslRequest("-serial", "0x" + serial.toString(16), "-no_nonce"));
    }
    assertThat(responder.cachedResponses()).isEqualTo(3);

    int calls = backend.calls();
    responder.respond(
        "a", opensslRequest("-serial", "0x" + serials.get(3).toString(16), "-no_nonce"));
    assertThat(backend.calls()).as("newest still cached").isEqualTo(calls);
    responder.respond(
        "a", opensslRequest("-serial", "0x" + serials.get(0).toString(16), "-no_nonce"));
    assertThat(backend.calls()).as("oldest was dropped").isEqualTo(calls + 1);
  }

  @Test
  void madeUpSerialsDoNotPushKnownAnswersOutOfTheCache() throws Exception {
    responder = responder(OcspSettings.defaults().withMaxCachedResponses(1));
    BigInteger known = BigInteger.valueOf(4242);
    source.issue("a", known);
    responder.respond("a", opensslRequest("-serial", "0x" + known.toString(16), "-no_nonce"));
    for (int i = 0; i < 20; i++) {
      responder.respond(
          "a", opensslRequest("-serial", "0x" + Integer.toHexString(70_000 + i), "-no_nonce"));
    }
    int calls = backend.calls();
    responder.respond("a", opensslRequest("-serial", "0x" + known.toString(16), "-no_nonce"));
    assertThat(backend.calls()).as("the known answer is still cached").isEqualTo(calls);
    responder.respond(
        "a", opensslRequest("-serial", "0x" + Integer.toHexString(70_000), "-no_nonce"));
    assertThat(backend.calls()).as("unknown answers are cached too, apart").isEqualTo(calls);
  }

  @Test
  void aMultiCertificateRequestAnswersEachCertificateAndVerifies() throws Exception {
    issue("CS002");
    source.revoke("a", leaf.getSerialNumber(), clock.instant(), RevocationReason.KEY_COMPROMISE);
    String[] ids = {"-cert", pem("CS001"), "-cert", pem("CS002"), "-no_nonce"};

    byte[] response = responder.respond("a", opensslRequest(ids));

    assertThat(opensslCheck(response, ids).output())
        .contains("Response verify OK")
        .contains("CS001.pem: revoked")
        .contains("CS002.pem: good");
  }

  @Test
  void moreSingleRequestsThanAllowedAreMalformedAndTheLimitItselfIsFine() throws Exception {
    List<String> ten = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      ten.addAll(List.of("-serial", String.valueOf(i)));
    }
    ten.add("-no_nonce");
    List<String> eleven = new ArrayList<>(ten);
    eleven.addAll(List.of("-serial", "11"));

    assertThat(status(responder.respond("a", opensslRequest(ten.toArray(String[]::new)))))
        .isEqualTo(OCSPResp.SUCCESSFUL);
    assertThat(status(responder.respond("a", opensslRequest(eleven.toArray(String[]::new)))))
        .isEqualTo(OCSPResp.MALFORMED_REQUEST);
  }

  @Test
  void garbageIsAnsweredMalformedRequestWithoutResponseBytes() throws Exception {
    byte[] valid = opensslRequest("-cert", pem("CS001"), "-no_nonce");
    byte[] trailing = Arrays.copyOf(valid, valid.length + 1);
    List<byte[]> bad =
        List.of(
            new byte[0],
            "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            Arrays.copyOf(valid, valid.length - 3),
            trailing,
            new byte[] {0x30, 0x03, 0x02, 0x01, 0x00});

    for (byte[] request : bad) {
      byte[] response = responder.respond("a", request);
      OCSPResp parsed = new OCSPResp(response);
      assertThat(parsed.getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
      assertThat(parsed.getResponseObject()).isNull();
    }
    var text = opensslText(responder.respond("a", new byte[] {1, 2, 3}));
    assertThat(text).contains("malformedrequest");
  }

  @Test
  void anotherIssuersCertIdOrAnUnknownCaIsUnauthorized() throws Exception {
    pki.leaf(otherCa, "CS-B");
    byte[] forB = opensslRequest("-issuer", pem("b"), "-cert", pem("CS-B"), "-no_nonce");
    byte[] forA = opensslRequest("-sha256", "-cert", pem("CS001"), "-no_nonce");

    assertThat(status(responder.respond("a", forB))).isEqualTo(OCSPResp.UNAUTHORIZED);
    assertThat(status(responder.respond("nope", forA))).isEqualTo(OCSPResp.UNAUTHORIZED);
    assertThat(status(responder.respond("b", forB))).isEqualTo(OCSPResp.SUCCESSFUL);
    assertThat(opensslText(responder.respond("a", forB))).contains("unauthorized");
  }

  @Test
  void aKeyBackendThatIsDownGivesTryLaterAndNothingIsCached() throws Exception {
    byte[] request = opensslRequest("-cert", pem("CS001"), "-no_nonce");
    backend.down(true);

    assertThat(status(responder.respond("a", request))).isEqualTo(OCSPResp.TRY_LATER);
    backend.down(false);
    assertThat(status(responder.respond("a", request))).isEqualTo(OCSPResp.SUCCESSFUL);
  }

  @Test
  void aCertIdHashWithParametersOtherThanNullIsUnauthorized() throws Exception {
    CertID good =
        new OCSPReq(opensslRequest("-sha256", "-cert", pem("CS001"), "-no_nonce"))
            .getRequestList()[0]
            .getCertID()
            .toASN1Primitive();
    var odd =
        new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, new DEROctetString(new byte[1]));
    var oddId =
        new CertID(odd, good.getIssuerNameHash(), good.getIssuerKeyHash(), good.getSerialNumber());

    byte[] request = new OCSPReqBuilder().addRequest(new CertificateID(oddId)).build().getEncoded();

    assertThat(status(responder.respond("a", request))).isEqualTo(OCSPResp.UNAUTHORIZED);
  }

  @Test
  void aNonceOfUpTo32OctetsIsEchoedAndALongerOneIsMalformed() throws Exception {
    CertificateID id =
        new OCSPReq(opensslRequest("-sha256", "-cert", pem("CS001"), "-no_nonce"))
            .getRequestList()[0].getCertID();

    byte[] ok = responder.respond("a", withNonce(id, 32));
    byte[] tooLong = responder.respond("a", withNonce(id, 33));

    assertThat(basic(ok).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)).isNotNull();
    assertThat(status(tooLong)).isEqualTo(OCSPResp.MALFORMED_REQUEST);
  }

  private static byte[] withNonce(CertificateID id, int octets) throws Exception {
    var nonce =
        new Extension(
            OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
            false,
            new DEROctetString(new DEROctetString(new byte[octets]).getEncoded()));
    return new OCSPReqBuilder()
        .addRequest(id)
        .setRequestExtensions(new Extensions(nonce))
        .build()
        .getEncoded();
  }

  @Test
  void anOcspSignerNotIssuedByTheCaIsRefusedAtStart() {
    var mixed =
        new IssuingCa(
            "a",
            ca.certificate(),
            ca.key(),
            otherCa.ocspSignerCertificate(),
            otherCa.ocspSignerKey());

    assertThatThrownBy(
            () ->
                new OcspResponder(backend, source, List.of(mixed), clock, OcspSettings.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not issued by that CA");
  }

  /** A revoked delegated signer signs nothing more: the CA itself (or its next signer) does. */
  @Test
  void aReplacedSignerSignsNothingMoreNotEvenFromTheCache() throws Exception {
    byte[] request = opensslRequest("-sha256", "-cert", pem("CS001"), "-no_nonce");
    assertThat(basic(responder.respond("a", request)).getCerts())
        .containsExactly(ca.ocspSignerCertificate());

    responder.replaceSigner(IssuingCa.signingItsOwnOcsp("a", ca.certificate(), ca.key()));

    BasicOCSPResp basic = basic(responder.respond("a", request));
    assertThat(basic.getCerts()).containsExactly(ca.certificate());
    assertThat(
            basic.isSignatureValid(
                new JcaContentVerifierProviderBuilder()
                    .build(ca.certificate().getSubjectPublicKeyInfo())))
        .isTrue();
    var check =
        opensslCheck(
            responder.respond("a", request), "-sha256", "-cert", pem("CS001"), "-no_nonce");
    assertThat(check.output()).contains("Response verify OK").contains("CS001.pem: good");
  }

  @Test
  void aSignerIsReplacedOnlyForACaOfTheResponderAndOnlyByOneTheCaIssued() {
    assertThatThrownBy(
            () ->
                responder.replaceSigner(
                    IssuingCa.signingItsOwnOcsp("zz", ca.certificate(), ca.key())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no issuing CA \"zz\"");
    assertThatThrownBy(
            () ->
                responder.replaceSigner(
                    new IssuingCa(
                        "a",
                        ca.certificate(),
                        ca.key(),
                        otherCa.ocspSignerCertificate(),
                        otherCa.ocspSignerKey())))
        .hasMessageContaining("not issued by that CA");
  }

  private String pem(String name) {
    return pki.pem(name).toString();
  }

  /** openssl ocsp -issuer a.pem [args] -reqout; the issuer can be overridden by args. */
  private byte[] opensslRequest(String... args) throws Exception {
    Path out = dir.resolve("req.der");
    List<String> command = new ArrayList<>(List.of("ocsp"));
    if (!List.of(args).contains("-issuer")) {
      command.addAll(List.of("-issuer", pem("a")));
    }
    command.addAll(List.of(args));
    command.addAll(List.of("-reqout", out.toString()));
    var result = Openssl.run(command.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.output()).isZero();
    return Files.readAllBytes(out);
  }

  /** openssl ocsp -respin, verifying against the root with the Sub-CA as intermediate. */
  private Openssl.Result opensslCheck(byte[] response, String... args) throws Exception {
    Path in = Files.write(dir.resolve("resp.der"), response);
    List<String> command =
        new ArrayList<>(
            List.of(
                "ocsp",
                "-respin",
                in.toString(),
                "-issuer",
                pem("a"),
                "-CAfile",
                pem("root"),
                "-verify_other",
                pem("a")));
    command.addAll(List.of(args));
    var result = Openssl.run(command.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result;
  }

  private String opensslText(byte[] response) throws Exception {
    Path in = Files.write(dir.resolve("resp.der"), response);
    return Openssl.run("ocsp", "-respin", in.toString(), "-resp_text", "-noverify").output();
  }

  private static int status(byte[] response) throws Exception {
    return new OCSPResp(response).getStatus();
  }

  private static BasicOCSPResp basic(byte[] response) throws Exception {
    OCSPResp parsed = new OCSPResp(response);
    assertThat(parsed.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
    return (BasicOCSPResp) parsed.getResponseObject();
  }
}
