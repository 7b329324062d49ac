package dev.pncpki.ca.roots;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates offered to the pool in unit tests: roots, and what only looks like one. */
final class TestRoots {
  private TestRoots() {}

  record Made(X509CertificateHolder certificate, KeyPair key) {
    String base64() throws Exception {
      return Base64.getEncoder().encodeToString(certificate.getEncoded());
    }

    String sha256() throws Exception {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }
  }

  static KeyPair key(String curve) throws Exception {
    if (curve.startsWith("rsa")) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(curve.equals("rsa") ? 2048 : Integer.parseInt(curve.substring(3)));
      return g.generateKeyPair();
    }
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  /** A self-signed CA certificate, valid from {@code from} for {@code days}. */
  static Made root(String cn, String curve, Instant from, int days) throws Exception {
    KeyPair key = key(curve);
    return new Made(
        certificate(cn, cn, key, key, true, KeyUsage.keyCertSign | KeyUsage.cRLSign, from, days),
        key);
  }

  static Made root(String cn) throws Exception {
    return root(cn, "secp256r1", Instant.now().minus(Duration.ofDays(1)), 3650);
  }

  /** A CA certificate issued by {@code issuer}: an intermediate. */
  static Made intermediate(String cn, Made issuer) throws Exception {
    KeyPair key = key("secp256r1");
    String issuerCn = issuer.certificate().getSubject().toString().replace("CN=", "");
    return new Made(
        certificate(
            cn,
            issuerCn,
            key,
            issuer.key(),
            true,
            KeyUsage.keyCertSign | KeyUsage.cRLSign,
            Instant.now().minus(Duration.ofDays(1)),
            365),
        key);
  }

  /** A self-signed end-entity certificate (cA false). */
  static Made selfSignedLeaf(String cn) throws Exception {
    KeyPair key = key("secp256r1");
    return new Made(
        certificate(
            cn,
            cn,
            key,
            key,
            false,
            KeyUsage.digitalSignature,
            Instant.now().minus(Duration.ofDays(1)),
            365),
        key);
  }

  /** Self-issued (subject = issuer) but signed by another key: not self-signed. */
  static Made selfIssuedSignedByAnother(String cn) throws Exception {
    KeyPair key = key("secp256r1");
    KeyPair other = key("secp256r1");
    return new Made(
        certificate(
            cn,
            cn,
            key,
            other,
            true,
            KeyUsage.keyCertSign,
            Instant.now().minus(Duration.ofDays(1)),
            365),
        key);
  }

  private static X509CertificateHolder certificate(
      String cn,
      String issuerCn,
      KeyPair key,
      KeyPair signer,
      boolean ca,
      int usage,
      Instant from,
      int days)
      throws Exception {
    var builder =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=" + issuerCn),
            BigInteger.valueOf(System.nanoTime()),
            Date.from(from),
            Date.from(from.plus(Duration.ofDays(days))),
            new X500Name("CN=" + cn),
            key.getPublic());
    builder.addExtension(
        Extension.basicConstraints,
        true,
        ca ? new BasicConstraints(1) : new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
    String algorithm =
        signer.getPrivate().getAlgorithm().equals("RSA")
            ? "SHA256withRSA"
            : signer.getPublic().getEncoded().length > 150
                ? "SHA512withECDSA"
                : signer.getPublic().getEncoded().length > 100
                    ? "SHA384withECDSA"
                    : "SHA256withECDSA";
    return builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate()));
  }

  /** A P-256 self-signed CA with {@code cn} (empty: no subject), without keyUsage if asked. */
  static Made rootWithout(String cn, boolean noKeyUsage, boolean ca, String signature)
      throws Exception {
    KeyPair key = key("secp256r1");
    X500Name name =
        cn.isEmpty()
            ? new X500Name(new org.bouncycastle.asn1.x500.RDN[0])
            : new X500Name("CN=" + cn);
    Instant from = Instant.now().minus(Duration.ofDays(1));
    var builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(System.nanoTime()),
            Date.from(from),
            Date.from(from.plus(Duration.ofDays(365))),
            name,
            key.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca ? 1 : 0));
    if (!noKeyUsage) {
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }
    return new Made(
        builder.build(new JcaContentSignerBuilder(signature).build(key.getPrivate())), key);
  }
}
