package dev.pncpki.ca.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pncpki.ca.issuance.Hierarchy;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OCSP client that asks an external OEM PKI about a provisioning certificate, against a small
 * responder made here with Bouncy Castle: good, revoked, stale, signed by a stranger, garbage.
 */
class RevocationCheckTest {
  private HttpServer server;
  private final AtomicReference<Answer> answer = new AtomicReference<>();
  private KeyPair issuerKey;
  private X509CertificateHolder issuer;
  private X509CertificateHolder leaf;
  private final RevocationCheck check =
      new RevocationCheck(null, new Hierarchy(List.of()), Clock.systemUTC());

  /** What the responder answers with. */
  interface Answer {
    byte[] to(OCSPReq request) throws Exception;
  }

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/ocsp",
        exchange -> {
          try (exchange) {
            byte[] body = answer.get().to(new OCSPReq(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
          }
        });
    server.start();
    issuerKey = keyPair();
    Instant now = Instant.now();
    issuer = certificate("CN=OEM Sub-CA", "CN=OEM Sub-CA", issuerKey, issuerKey, true, null, now);
    leaf =
        certificate(
            "CN=OEM Sub-CA",
            "CN=WMO00000000000001",
            keyPair(),
            issuerKey,
            false,
            "http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp",
            now);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void goodRevokedAndUnusableAnswers() throws Exception {
    answer.set(r -> response(r, issuerKey, CertificateStatus.GOOD, Instant.now()));
    assertThat(check.of(leaf, issuer, true).kind()).isEqualTo(RevocationCheck.Status.Kind.GOOD);

    answer.set(r -> response(r, issuerKey, new RevokedStatus(new Date(), 1), Instant.now()));
    assertThat(check.of(leaf, issuer, true).kind()).isEqualTo(RevocationCheck.Status.Kind.REVOKED);

    answer.set(
        r ->
            response(
                r, issuerKey, CertificateStatus.GOOD, Instant.now().minus(Duration.ofDays(10))));
    var stale = check.of(leaf, issuer, true);
    assertThat(stale.kind()).isEqualTo(RevocationCheck.Status.Kind.UNKNOWN);
    assertThat(stale.detail()).contains("stale");

    KeyPair stranger = keyPair();
    answer.set(r -> response(r, stranger, CertificateStatus.GOOD, Instant.now()));
    assertThat(check.of(leaf, issuer, true).detail()).contains("not signed by the issuer");

    answer.set(r -> new byte[] {0x30, 0x03, 0x0a, 0x01, 0x00});
    assertThat(check.of(leaf, issuer, true).kind()).isEqualTo(RevocationCheck.Status.Kind.UNKNOWN);

    assertThat(check.of(leaf, issuer, false).detail()).contains("not checked");
  }

  @Test
  void anUnreachableResponderIsUnknownNotAnError() throws Exception {
    server.stop(0);
    var status = check.of(leaf, issuer, true);
    assertThat(status.kind()).isEqualTo(RevocationCheck.Status.Kind.UNKNOWN);
    assertThat(status.detail()).startsWith("OCSP at http://127.0.0.1:");
  }

  private byte[] response(
      OCSPReq request, KeyPair signer, CertificateStatus status, Instant thisUpdate)
      throws Exception {
    var id = request.getRequestList()[0].getCertID();
    var builder =
        new BasicOCSPRespBuilder(
            new RespID(
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                    signer.getPublic().getEncoded()),
                new BcDigestCalculatorProvider().get(RespID.HASH_SHA1)));
    builder.addResponse(
        id, status, Date.from(thisUpdate), Date.from(thisUpdate.plus(Duration.ofDays(1))), null);
    var basic =
        builder.build(
            new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()),
            null,
            new Date());
    return new OCSPRespBuilder().build(OCSPResp.SUCCESSFUL, basic).getEncoded();
  }

  private static X509CertificateHolder certificate(
      String issuerName,
      String subject,
      KeyPair key,
      KeyPair signer,
      boolean ca,
      String ocspUrl,
      Instant now)
      throws Exception {
    var builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuerName),
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(365))),
            new X500Name(subject),
            key.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (ocspUrl != null) {
      builder.addExtension(
          Extension.authorityInfoAccess,
          false,
          new AuthorityInformationAccess(
              new AccessDescription(
                  AccessDescription.id_ad_ocsp,
                  new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl))));
    }
    return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()));
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }
}
