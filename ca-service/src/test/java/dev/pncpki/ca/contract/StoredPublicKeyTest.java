package dev.pncpki.ca.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Contracts.publicKey reads a stored certificate's key as a full decoding would. */
class StoredPublicKeyTest {
  private static final X500Name NAME = new X500Name("CN=WMIV1234567890ABC, O=Test OEM");

  @Test
  void readsTheKeyOfAVersion3Certificate() throws Exception {
    KeyPair key = p256();
    var builder =
        new X509v3CertificateBuilder(
                NAME,
                BigInteger.TEN,
                Date.from(Instant.now()),
                Date.from(Instant.now().plus(1, ChronoUnit.DAYS)),
                NAME,
                SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()))
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    X509CertificateHolder holder =
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));

    assertEquals(holder.getSubjectPublicKeyInfo(), Contracts.publicKey(holder.getEncoded()));
  }

  @Test
  void readsTheKeyOfAVersion1Certificate() throws Exception {
    KeyPair key = p256();
    X509CertificateHolder holder =
        new X509v1CertificateBuilder(
                NAME,
                BigInteger.TWO,
                Date.from(Instant.now()),
                Date.from(Instant.now().plus(1, ChronoUnit.DAYS)),
                NAME,
                SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()))
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));

    assertEquals(holder.getSubjectPublicKeyInfo(), Contracts.publicKey(holder.getEncoded()));
  }

  @Test
  void refusesBytesThatAreNoCertificate() {
    assertThrows(IllegalStateException.class, () -> Contracts.publicKey(new byte[] {0x30, 0x03}));
  }

  private static KeyPair p256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }
}
