package dev.pncpki.bridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * Path validation of contract chains (RFC 5280 section 6): a chain ends at a pooled root or it is
 * not trusted, whatever root the station appends; expiry is told apart; an issuer that is not a CA
 * breaks the chain.
 */
class ContractPathTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final KeyPair ROOT_KEYS = keys();
  private static final KeyPair SUB_KEYS = keys();
  private static final X509CertificateHolder ROOT =
      certificate("CN=MO Root", "CN=MO Root", ROOT_KEYS, ROOT_KEYS, 1, true, NOW.plus(days(900)));
  private static final X509CertificateHolder SUB =
      certificate("CN=MO Sub-CA", "CN=MO Root", SUB_KEYS, ROOT_KEYS, 2, true, NOW.plus(days(700)));
  private static final X509CertificateHolder LEAF =
      certificate(
          "CN=DEABCC0000001A", "CN=MO Sub-CA", keys(), SUB_KEYS, 3, false, NOW.plus(days(300)));

  @Test
  void aChainUpToAPooledRootIsTrustedAtThatRoot() throws Exception {
    var result = ContractPath.validate(List.of(LEAF, SUB), List.of(jdk(ROOT)), NOW);
    assertThat(result).isInstanceOf(ContractPath.Trusted.class);
    assertThat(((ContractPath.Trusted) result).root()).isEqualTo(jdk(ROOT));
    assertThat(ContractPath.validate(List.of(LEAF, SUB, ROOT), List.of(jdk(ROOT)), NOW))
        .as("with the root appended")
        .isInstanceOf(ContractPath.Trusted.class);
  }

  @Test
  void aRootThatIsNotPooledIsNotTrustedEvenIfTheStationSendsIt() throws Exception {
    KeyPair otherKeys = keys();
    var other =
        certificate("CN=MO Root", "CN=MO Root", otherKeys, otherKeys, 1, true, NOW.plus(days(900)));
    assertThat(ContractPath.validate(List.of(LEAF, SUB, ROOT), List.of(jdk(other)), NOW))
        .isInstanceOf(ContractPath.Untrusted.class);
    assertThat(ContractPath.validate(List.of(LEAF, SUB), List.of(), NOW))
        .as("no root read yet")
        .isInstanceOf(ContractPath.NoRoots.class);
    assertThat(ContractPath.validate(List.of(SUB), List.of(jdk(ROOT)), NOW))
        .as("a CA certificate where the contract should be")
        .isInstanceOf(ContractPath.Untrusted.class);
    assertThat(ContractPath.validate(List.of(ROOT), List.of(jdk(ROOT)), NOW))
        .as("nothing below the root")
        .isInstanceOf(ContractPath.Untrusted.class);
  }

  @Test
  void expiryIsToldApartFromOtherFaults() throws Exception {
    assertThat(ContractPath.validate(List.of(LEAF, SUB), List.of(jdk(ROOT)), NOW.plus(days(400))))
        .isInstanceOf(ContractPath.Expired.class);
    assertThat(ContractPath.validate(List.of(LEAF, SUB), List.of(jdk(ROOT)), NOW.minus(days(40))))
        .as("not yet valid")
        .isInstanceOf(ContractPath.Untrusted.class);
  }

  @Test
  void anIssuerThatIsNotACaBreaksTheChain() throws Exception {
    KeyPair leafKeys = keys();
    var notCa =
        certificate(
            "CN=Not A CA", "CN=MO Root", leafKeys, ROOT_KEYS, 4, false, NOW.plus(days(200)));
    var below =
        certificate(
            "CN=DEABCC0000002A", "CN=Not A CA", keys(), leafKeys, 5, false, NOW.plus(days(100)));
    assertThat(ContractPath.validate(List.of(below, notCa), List.of(jdk(ROOT)), NOW))
        .isInstanceOf(ContractPath.Untrusted.class);
    var forged =
        certificate(
            "CN=DEABCC0000003A", "CN=MO Sub-CA", keys(), keys(), 6, false, NOW.plus(days(100)));
    assertThat(ContractPath.validate(List.of(forged, SUB), List.of(jdk(ROOT)), NOW))
        .as("signed by another key under the Sub-CA's name")
        .isInstanceOf(ContractPath.Untrusted.class);
  }

  private static Duration days(int n) {
    return Duration.ofDays(n);
  }

  static X509Certificate jdk(X509CertificateHolder c) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(c);
  }

  static KeyPair keys() {
    try {
      var generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static X509CertificateHolder certificate(
      String subject,
      String issuer,
      KeyPair subjectKeys,
      KeyPair issuerKeys,
      long serial,
      boolean ca,
      Instant notAfter) {
    try {
      var builder =
          new X509v3CertificateBuilder(
              new X500Name(issuer),
              BigInteger.valueOf(serial),
              Date.from(NOW.minus(days(30))),
              Date.from(notAfter),
              new X500Name(subject),
              SubjectPublicKeyInfo.getInstance(subjectKeys.getPublic().getEncoded()));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
      return builder.build(
          new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
