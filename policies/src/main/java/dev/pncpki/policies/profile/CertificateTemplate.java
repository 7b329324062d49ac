package dev.pncpki.policies.profile;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

/** A complete, unsigned certificate built by a profile: sign it with any matching signer. */
public record CertificateTemplate(
    CertificateProfile profile,
    X500Name issuer,
    BigInteger serialNumber,
    Instant notBefore,
    Instant notAfter,
    X500Name subject,
    SubjectPublicKeyInfo subjectKey,
    List<Extension> extensions,
    AlgorithmIdentifier signatureAlgorithm) {

  public CertificateTemplate {
    extensions = List.copyOf(extensions);
  }

  /**
   * Signs the template. The signer must use the profile's signature algorithm; the result is not
   * checked here, callers check it with {@link CertificateProfile#violations}.
   */
  public X509CertificateHolder sign(ContentSigner signer) {
    if (!signer.getAlgorithmIdentifier().equals(signatureAlgorithm)) {
      throw new IllegalArgumentException(
          "signer uses "
              + signer.getAlgorithmIdentifier().getAlgorithm()
              + " but profile "
              + profile.label()
              + " needs "
              + signatureAlgorithm.getAlgorithm());
    }
    var builder =
        new X509v3CertificateBuilder(
            issuer, serialNumber, Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
    try {
      for (Extension e : extensions) {
        builder.addExtension(e);
      }
    } catch (CertIOException e) {
      throw new IllegalStateException("cannot add extension", e);
    }
    return builder.build(signer);
  }
}
