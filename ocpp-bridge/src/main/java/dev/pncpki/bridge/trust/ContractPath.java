package dev.pncpki.bridge.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Certification path validation (RFC 5280 section 6) of a chain a station sent, from its first
 * certificate up to one of the given roots: each certificate signed by the next and naming it,
 * valid at the time, every issuer a CA allowed to sign certificates within its path length. A
 * self-issued certificate the station appended is left out: a root is trusted because it is pooled,
 * never because a station sent it. Revocation is not part of this: it is asked of the responders
 * the validated chain names.
 */
public final class ContractPath {
  private ContractPath() {}

  /** What validation found. */
  public sealed interface Result permits Trusted, Expired, Untrusted, NoRoots {}

  /** No root is known yet (the trust list could not be read): nothing can be said of the chain. */
  public record NoRoots() implements Result {}

  /** The chain ends at {@code root}, a root the bridge trusts. */
  public record Trusted(X509Certificate root) implements Result {}

  /** A certificate of the chain has expired (OCPP's CertificateExpired). */
  public record Expired(String reason) implements Result {}

  /** The chain does not validate to a trusted root (OCPP's CertChainError), and why. */
  public record Untrusted(String reason) implements Result {}

  public static Result validate(
      List<X509CertificateHolder> chain, List<X509Certificate> roots, Instant at) {
    if (roots.isEmpty()) {
      return new NoRoots();
    }
    List<X509Certificate> path = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (X509CertificateHolder c : chain) {
        if (c.getSubject().equals(c.getIssuer())) {
          break; // RFC 5280 section 3.2: self-issued, the root
        }
        path.add(
            (X509Certificate)
                factory.generateCertificate(new ByteArrayInputStream(c.getEncoded())));
      }
      if (path.isEmpty()) {
        return new Untrusted("the chain holds no certificate below a root");
      }
      if (path.get(0).getBasicConstraints() >= 0) {
        return new Untrusted(
            "the first certificate is a CA, not a contract (end-entity) certificate");
      }
      Set<TrustAnchor> anchors = new HashSet<>();
      for (X509Certificate root : roots) {
        anchors.add(new TrustAnchor(root, null));
      }
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(at));
      var result =
          (java.security.cert.PKIXCertPathValidatorResult)
              CertPathValidator.getInstance("PKIX")
                  .validate(factory.generateCertPath(path), parameters);
      return new Trusted(result.getTrustAnchor().getTrustedCert());
    } catch (CertPathValidatorException e) {
      String where = e.getIndex() >= 0 ? " (certificate " + (e.getIndex() + 1) + ")" : "";
      if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
        return new Expired("expired" + where);
      }
      if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
        return new Untrusted("the chain does not end at a pooled root");
      }
      return new Untrusted(e.getReason() + where + ": " + e.getMessage());
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      return new Untrusted("the chain cannot be read: " + e.getMessage());
    }
  }
}
