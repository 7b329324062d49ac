package dev.pncpki.ca.issuance;

import dev.pncpki.ca.keys.BackendContentSigner;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.ca.keys.SignatureVerifiers;
import dev.pncpki.policies.profile.CertificateTemplate;
import dev.pncpki.policies.profile.ProfileViolationException;
import dev.pncpki.policies.profile.Violation;
import java.util.List;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * The one place where a template becomes a certificate: the issuer's key signs it in its backend,
 * the signature is verified against the issuer's public key (a backend that signs with the wrong
 * key or version is caught here), and the result is checked against its own profile.
 */
public final class TemplateSigning {
  private TemplateSigning() {}

  public static X509CertificateHolder signAndCheck(
      CertificateTemplate template, KeyBackend backend, KeyHandle issuerKey) {
    X509CertificateHolder certificate = template.sign(new BackendContentSigner(backend, issuerKey));
    try {
      var verifier = SignatureVerifiers.forIssuer(issuerKey.publicKey());
      if (!certificate.isSignatureValid(verifier)) {
        throw new KeyBackendException(
            "signature by " + issuerKey.reference() + " does not verify with its public key");
      }
    } catch (OperatorCreationException | CertException e) {
      throw new KeyBackendException("cannot verify signature by " + issuerKey.reference(), e);
    }
    List<Violation> violations = template.profile().violations(certificate);
    if (!violations.isEmpty()) {
      throw new ProfileViolationException(template.profile().label(), violations);
    }
    return certificate;
  }
}
