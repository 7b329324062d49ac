package dev.pncpki.ca.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** How the chain a root operator returns is walked: signatures, CA flags, validity nesting. */
class ExternalImportTest {
  private static final Instant NOW = Instant.now();

  private record Made(X509CertificateHolder certificate, KeyPair key) {}

  private static KeyPair key() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static Made issue(String cn, Made issuer, boolean ca, Instant from, Instant to)
      throws Exception {
    KeyPair key = key();
    X500Name subject = new X500Name("CN=" + cn);
    var builder =
        new JcaX509v3CertificateBuilder(
            issuer == null ? subject : issuer.certificate().getSubject(),
            BigInteger.valueOf(System.nanoTime()),
            Date.from(from),
            Date.from(to),
            subject,
            key.getPublic());
    builder.addExtension(
        Extension.basicConstraints,
        true,
        ca ? new BasicConstraints(1) : new BasicConstraints(false));
    builder.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    var signer = issuer == null ? key : issuer.key();
    return new Made(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())),
        key);
  }

  private final Instant from = NOW.minus(Duration.ofDays(1));

  @Test
  void aSubCaUnderARootWalksToThatRoot() throws Exception {
    var root = issue("Root", null, true, from, NOW.plus(Duration.ofDays(3650)));
    var sub = issue("Sub", root, true, from, NOW.plus(Duration.ofDays(365)));
    var other = issue("Other Root", null, true, from, NOW.plus(Duration.ofDays(3650)));

    assertThat(
            ExternalImport.path(
                sub.certificate(), List.of(other.certificate(), root.certificate()), NOW))
        .containsExactly(root.certificate());
  }

  @Test
  void aSubCaThatOutlivesItsIssuerIsRefused() throws Exception {
    var root = issue("Root", null, true, from, NOW.plus(Duration.ofDays(100)));
    var sub = issue("Sub", root, true, from, NOW.plus(Duration.ofDays(365)));
    assertThatThrownBy(
            () -> ExternalImport.path(sub.certificate(), List.of(root.certificate()), NOW))
        .isInstanceOf(CeremonyException.class)
        .hasMessageContaining("outside the validity of its issuer");
  }

  @Test
  void anIssuerThatIsNotACaOrThatDidNotSignIsNoLink() throws Exception {
    var leafIssuer = issue("Not A CA", null, false, from, NOW.plus(Duration.ofDays(3650)));
    var sub = issue("Sub", leafIssuer, true, from, NOW.plus(Duration.ofDays(365)));
    assertThatThrownBy(
            () -> ExternalImport.path(sub.certificate(), List.of(leafIssuer.certificate()), NOW))
        .hasMessageContaining("is not a CA that signs certificates");

    var root = issue("Root", null, true, from, NOW.plus(Duration.ofDays(3650)));
    var impostor = issue("Root", null, true, from, NOW.plus(Duration.ofDays(3650)));
    var signed = issue("Sub", root, true, from, NOW.plus(Duration.ofDays(365)));
    assertThatThrownBy(
            () -> ExternalImport.path(signed.certificate(), List.of(impostor.certificate()), NOW))
        .hasMessageContaining("does not reach a root");
  }
}
