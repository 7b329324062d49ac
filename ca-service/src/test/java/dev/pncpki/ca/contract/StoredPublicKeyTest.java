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

  /** A certificate for the key, self-signed with it. */
  private interface Issue {
    X509CertificateHolder of(KeyPair key, SubjectPublicKeyInfo spki, Date from, Date to)
        throws Exception;
  }

  @Test
  void readsTheKeyOfAVersion3Certificate() throws Exception {
    assertReadsTheKey(
        (key, spki, from, to) ->
            new X509v3CertificateBuilder(NAME, BigInteger.TEN, from, to, NAME, spki)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
  }

  @Test
  void readsTheKeyOfAVersion1Certificate() throws Exception {
    assertReadsTheKey(
        (key, spki, from, to) ->
            new X509v1CertificateBuilder(NAME, BigInteger.TWO, from, to, NAME, spki)
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
  }

  private static void assertReadsTheKey(Issue issue) throws Exception {
    KeyPair key = p256();
    X509CertificateHolder holder =
        issue.of(
            key,
            SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()),
            Date.from(Instant.now()),
            Date.from(Instant.now().plus(1, ChronoUnit.DAYS)));

    assertEquals(holder.getSubjectPublicKeyInfo(), StoredPublicKey.of(holder.getEncoded()));
  }

  @Test
  void refusesBytesThatAreNoCertificate() {
    assertThrows(IllegalStateException.class, () -> StoredPublicKey.of(new byte[] {0x30, 0x03}));
  }

  private static KeyPair p256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }
}
