package dev.pncpki.bridge.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CRL fallback: a CRL counts only if the certificate's issuer made and signed it and it is
 * current; it is fetched once and kept until its nextUpdate; a failed distribution point rests.
 */
class CrlClientTest {
  private static final Instant NOW = StandInResponder.NOW;
  private static final KeyPair CA_KEYS = StandInResponder.CA_KEYS;
  private static final X509CertificateHolder CA = StandInResponder.CA;
  private static final X509CertificateHolder LEAF =
      StandInResponder.certificate(
          new X500Name("CN=DEABCC0000001A"),
          StandInResponder.CA_NAME,
          StandInResponder.keys(),
          CA_KEYS);

  private HttpServer server;
  private final AtomicReference<byte[]> body = new AtomicReference<>(new byte[0]);
  private final AtomicInteger fetched = new AtomicInteger();
  private final CrlClient crls =
      new CrlClient(HttpClient.newHttpClient(), Clock.fixed(NOW, ZoneOffset.UTC));

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          fetched.incrementAndGet();
          byte[] b = body.get();
          exchange.sendResponseHeaders(b.length == 0 ? 404 : 200, b.length == 0 ? -1 : b.length);
          exchange.getResponseBody().write(b);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  @Test
  void aRevokedSerialIsRevokedAndTheCrlIsKeptUntilItsNextUpdate() throws Exception {
    body.set(crl(CA_KEYS, NOW.plus(Duration.ofHours(6)), LEAF.getSerialNumber()));
    assertThat(crls.revoked(url("a.crl"), LEAF, CA)).isTrue();
    body.set(crl(CA_KEYS, NOW.plus(Duration.ofHours(6))));
    assertThat(crls.revoked(url("a.crl"), LEAF, CA)).as("kept, not fetched again").isTrue();
    assertThat(fetched).hasValue(1);
    assertThat(crls.revoked(url("b.crl"), LEAF, CA)).isFalse();
  }

  @Test
  void aCrlTheIssuerDidNotSignOrThatIsOutOfDateDoesNotCount() throws Exception {
    body.set(crl(StandInResponder.keys(), NOW.plus(Duration.ofHours(6))));
    assertThatThrownBy(() -> crls.revoked(url("forged.crl"), LEAF, CA))
        .isInstanceOf(CrlClient.CrlException.class)
        .hasMessageContaining("not signed");
    body.set(crl(CA_KEYS, NOW.minusSeconds(60)));
    assertThatThrownBy(() -> crls.revoked(url("old.crl"), LEAF, CA))
        .hasMessageContaining("out of date");
    body.set("not a CRL".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> crls.revoked(url("junk.crl"), LEAF, CA))
        .hasMessageContaining("not a CRL");
  }

  @Test
  void aStationMayAskOnlyAboutADistributionPointAValidatedCertificateNamed() throws Exception {
    body.set(crl(CA_KEYS, NOW.plus(Duration.ofHours(6)), LEAF.getSerialNumber()));
    assertThatThrownBy(() -> crls.statusAt(url("a.crl"), LEAF.getSerialNumber(), CA))
        .isInstanceOf(CrlClient.CrlException.class)
        .hasMessageContaining("not fetched");
    assertThat(fetched).as("no request").hasValue(0);
    assertThat(crls.revoked(url("a.crl"), LEAF, CA)).isTrue(); // a validated chain names it
    var revoked = crls.statusAt(url("a.crl"), LEAF.getSerialNumber(), CA);
    assertThat(revoked.revoked()).isTrue();
    assertThat(revoked.until()).isEqualTo(NOW.plus(Duration.ofHours(6)));
    assertThat(crls.statusAt(url("a.crl"), BigInteger.TEN, CA).revoked()).isFalse();
    assertThat(fetched).hasValue(1);
  }

  @Test
  void onlyHttpIsFetchedAndAFailedPointRests() throws Exception {
    assertThatThrownBy(() -> crls.revoked("file:///etc/passwd", LEAF, CA))
        .hasMessageContaining("not http");
    assertThatThrownBy(() -> crls.revoked("ldap://example/cn=x", LEAF, CA))
        .hasMessageContaining("not http");
    assertThatThrownBy(() -> crls.revoked(url("missing.crl"), LEAF, CA))
        .hasMessageContaining("HTTP 404");
    body.set(crl(CA_KEYS, NOW.plus(Duration.ofHours(6))));
    assertThatThrownBy(() -> crls.revoked(url("missing.crl"), LEAF, CA))
        .hasMessageContaining("failed just now");
    assertThat(fetched).hasValue(1);
  }

  private static byte[] crl(KeyPair signer, Instant nextUpdate, BigInteger... revoked)
      throws Exception {
    var builder = new X509v2CRLBuilder(CA.getSubject(), Date.from(NOW.minusSeconds(600)));
    builder.setNextUpdate(Date.from(nextUpdate));
    for (BigInteger serial : revoked) {
      builder.addCRLEntry(serial, Date.from(NOW.minusSeconds(900)), CRLReason.keyCompromise);
    }
    return builder
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()))
        .getEncoded();
  }
}
