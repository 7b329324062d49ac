package dev.pncpki.ca.keys.software;

import dev.pncpki.ca.keys.KeyName;
import dev.pncpki.policies.profile.KeyAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The self-signed certificate a PKCS#12 key entry needs; it is never used as a certificate. */
final class PlaceholderCertificate {
  private PlaceholderCertificate() {}

  static X509Certificate create(KeyName name, KeyAlgorithm algorithm, KeyPair pair)
      throws GeneralSecurityException {
    var subject = new X500Name("CN=pnc-pki software key " + name.value());
    Instant now = Instant.now();
    var builder =
        new JcaX509v3CertificateBuilder(
            subject,
            BigInteger.ONE,
            Date.from(now),
            Date.from(now.plus(1, ChronoUnit.DAYS)),
            subject,
            pair.getPublic());
    String signature =
        switch (algorithm) {
          case EC_P256 -> "SHA256withECDSA";
          case EC_P521 -> "SHA512withECDSA";
          case ED448 -> "Ed448";
        };
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder(signature).build(pair.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }
}
