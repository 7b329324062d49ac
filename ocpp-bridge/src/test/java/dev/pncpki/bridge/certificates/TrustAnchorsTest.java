package dev.pncpki.bridge.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class TrustAnchorsTest {
  private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

  private static KeyPair key() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** A certificate of {@code subject} by {@code issuer}, signed with {@code signer}'s key. */
  private static String pem(
      String subject, String issuer, KeyPair own, KeyPair signer, boolean ca, Instant from)
      throws Exception {
    var builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer),
            BigInteger.valueOf(from.getEpochSecond()),
            Date.from(from),
            Date.from(from.plus(365, ChronoUnit.DAYS)),
            new X500Name(subject),
            own.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    var cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(cert);
    }
    return out.toString();
  }

  private static Instant yesterday() {
    return NOW.minus(1, ChronoUnit.DAYS);
  }

  @Test
  void aValidSelfSignedCaIsATrustAnchor() throws Exception {
    KeyPair k = key();
    assertThat(TrustAnchors.problem(pem("CN=Root", "CN=Root", k, k, true, yesterday()), NOW))
        .isEmpty();
  }

  @Test
  void aChainALeafAnExpiredRootAndAForgedOneAreNot() throws Exception {
    KeyPair root = key();
    KeyPair other = key();
    String anchor = pem("CN=Root", "CN=Root", root, root, true, yesterday());
    assertThat(TrustAnchors.problem(anchor + anchor, NOW))
        .contains("certificate holds 2 certificates; give the root alone");
    assertThat(TrustAnchors.problem("hello", NOW))
        .contains("certificate is not a PEM X.509 certificate");
    assertThat(
            TrustAnchors.problem(
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", NOW))
        .contains("certificate is not a PEM X.509 certificate");
    assertThat(TrustAnchors.problem(pem("CN=Sub", "CN=Root", other, root, true, yesterday()), NOW))
        .contains("certificate is not self-signed: a trust anchor is a root");
    assertThat(
            TrustAnchors.problem(pem("CN=Leaf", "CN=Leaf", other, other, false, yesterday()), NOW))
        .hasValueSatisfying(p -> assertThat(p).contains("not a CA certificate"));
    assertThat(
            TrustAnchors.problem(
                pem("CN=Old", "CN=Old", root, root, true, NOW.minus(400, ChronoUnit.DAYS)), NOW))
        .hasValueSatisfying(p -> assertThat(p).startsWith("certificate is not valid now"));
    assertThat(TrustAnchors.problem(pem("CN=Root", "CN=Root", root, other, true, yesterday()), NOW))
        .hasValueSatisfying(p -> assertThat(p).contains("not self-signed"));
  }
}
