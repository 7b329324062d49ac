package dev.pncpki.policies.profile;

import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;

/** The issuing CA as a template needs it: its name and the key identifier for the AKI. */
public record IssuerRef(X500Name name, byte[] keyIdentifier) {

  public IssuerRef {
    Objects.requireNonNull(name, "name");
    keyIdentifier = keyIdentifier.clone();
  }

  public static IssuerRef of(X509CertificateHolder issuer) {
    SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(issuer.getExtensions());
    byte[] id =
        ski != null
            ? ski.getKeyIdentifier()
            : KeyIdentifierRule.keyIdentifier(issuer.getSubjectPublicKeyInfo());
    return new IssuerRef(issuer.getSubject(), id);
  }

  @Override
  public byte[] keyIdentifier() {
    return keyIdentifier.clone();
  }
}
