package dev.pncpki.ca.roots;

import dev.pncpki.ca.keys.SignatureVerifiers;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.policies.profile.KeyAlgorithm;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Whether a certificate may be a root, a trust anchor (RFC 5280 6.1.1): self-issued (subject =
 * issuer) and self-signed (its own key verifies its signature), a CA (basicConstraints cA, RFC 5280
 * 4.2.1.9) that may sign certificates (keyCertSign, 4.2.1.3), valid now, with a key of its type:
 * P-256, P-521 or Ed448 for an ISO 15118 root (ISO 15118-2 V2G2-006; -20 V2G20-2674, -2319), RSA or
 * EC for an OCPP root. An intermediate or leaf offered as a root is refused.
 */
public final class RootCheck {
  private RootCheck() {}

  public static void check(X509CertificateHolder root, RootType type, Instant now) {
    if (!root.getSubject().equals(root.getIssuer())) {
      throw notARoot("it is issued by " + root.getIssuer() + ", not by itself");
    }
    BasicConstraints constraints = BasicConstraints.fromExtensions(root.getExtensions());
    if (constraints == null || !constraints.isCA()) {
      throw notARoot("it is not a CA (basicConstraints cA is not set)");
    }
    KeyUsage usage = KeyUsage.fromExtensions(root.getExtensions());
    if (usage != null && !usage.hasUsages(KeyUsage.keyCertSign)) {
      throw notARoot("its keyUsage lacks keyCertSign");
    }
    if (type.iso15118() && KeyAlgorithm.of(root.getSubjectPublicKeyInfo()).isEmpty()) {
      throw new RefusedException(
          Refusal.WRONG_KEY_TYPE,
          "a " + type.wire() + " root's key must be P-256, P-521 or Ed448 (ISO 15118)");
    }
    try {
      if (!root.isSignatureValid(SignatureVerifiers.forKey(root.getSubjectPublicKeyInfo()))) {
        throw notARoot("its own key does not verify its signature (not self-signed)");
      }
    } catch (OperatorCreationException | CertException | IllegalArgumentException e) {
      throw notARoot("its self-signature cannot be checked");
    }
    if (!root.isValidOn(Date.from(now))) {
      throw new RefusedException(
          Refusal.CERTIFICATE_EXPIRED,
          "the root is valid from "
              + root.getNotBefore().toInstant()
              + " to "
              + root.getNotAfter().toInstant()
              + ", not now");
    }
  }

  private static RefusedException notARoot(String why) {
    return new RefusedException(Refusal.NOT_A_ROOT, "not a root certificate: " + why);
  }
}
