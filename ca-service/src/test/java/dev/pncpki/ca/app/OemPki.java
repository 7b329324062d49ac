package dev.pncpki.ca.app;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An OEM PKI of the test's own, made in memory the way an automaker's would be: root, Sub-CA 1,
 * Sub-CA 2 and provisioning certificates for vehicles, on P-256 (ISO 15118-2) or P-521 (-20). It
 * can also make the broken certificates a careless OEM might upload.
 */
public final class OemPki {
  /** A provisioning certificate and its private key, as the vehicle holds it. */
  public record Vehicle(String pcid, X509CertificateHolder certificate, KeyPair key) {
    public String base64() throws Exception {
      return OemPki.base64(certificate);
    }
  }

  private final String curve;
  private final String signature;
  final KeyPair rootKey;
  public final X509CertificateHolder root;
  final KeyPair sub1Key;
  public final X509CertificateHolder sub1;
  final KeyPair sub2Key;
  public final X509CertificateHolder sub2;
  private long serial = 1000;

  public OemPki(String name, String curve) throws Exception {
    this.curve = curve;
    this.signature = curve.equals("secp521r1") ? "SHA512withECDSA" : "SHA256withECDSA";
    Instant now = Instant.now();
    rootKey = keyPair(curve);
    root = ca("CN=" + name + " Root, O=" + name, rootKey, null, rootKey, 2, now);
    sub1Key = keyPair(curve);
    sub1 = ca("CN=" + name + " Sub-CA 1, O=" + name, sub1Key, root, rootKey, 1, now);
    sub2Key = keyPair(curve);
    sub2 = ca("CN=" + name + " Sub-CA 2, O=" + name, sub2Key, sub1, sub1Key, 0, now);
  }

  public Vehicle vehicle(String pcid) throws Exception {
    return vehicle(pcid, curve, true, Instant.now().minus(Duration.ofDays(1)), 3650);
  }

  /** A provisioning certificate with its own key curve, keyAgreement bit and validity. */
  Vehicle vehicle(String pcid, String keyCurve, boolean keyAgreement, Instant from, int days)
      throws Exception {
    KeyPair key = keyPair(keyCurve);
    int usage = KeyUsage.digitalSignature | (keyAgreement ? KeyUsage.keyAgreement : 0);
    var builder =
        new JcaX509v3CertificateBuilder(
            sub2.getSubject(),
            BigInteger.valueOf(serial++),
            Date.from(from),
            Date.from(from.plus(Duration.ofDays(days))),
            new X500Name("CN=" + pcid + ", O=Test OEM"),
            key.getPublic());
    var utils = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
    builder.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        utils.createTruncatedSubjectKeyIdentifier(
            org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                key.getPublic().getEncoded())));
    builder.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        utils.createAuthorityKeyIdentifier(sub2.getSubjectPublicKeyInfo()));
    var holder = builder.build(new JcaContentSignerBuilder(signature).build(sub2Key.getPrivate()));
    return new Vehicle(pcid, holder, key);
  }

  private X509CertificateHolder ca(
      String subject,
      KeyPair key,
      X509CertificateHolder issuer,
      KeyPair issuerKey,
      int pathLength,
      Instant now)
      throws Exception {
    var builder =
        new JcaX509v3CertificateBuilder(
            issuer == null ? new X500Name(subject) : issuer.getSubject(),
            BigInteger.valueOf(serial++),
            Date.from(now.minus(Duration.ofDays(2))),
            Date.from(now.plus(Duration.ofDays(7300))),
            new X500Name(subject),
            key.getPublic());
    var utils = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(
        Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key.getPublic()));
    if (issuer != null) {
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          utils.createAuthorityKeyIdentifier(issuer.getSubjectPublicKeyInfo()));
    }
    return builder.build(new JcaContentSignerBuilder(signature).build(issuerKey.getPrivate()));
  }

  public static KeyPair keyPair(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  public static String base64(X509CertificateHolder certificate) throws Exception {
    return Base64.getEncoder().encodeToString(certificate.getEncoded());
  }
}
