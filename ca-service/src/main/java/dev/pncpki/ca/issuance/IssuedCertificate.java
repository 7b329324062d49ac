package dev.pncpki.ca.issuance;

import java.time.Instant;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * An issued certificate with its chain: {@code chain} runs from the issuing CA up to, but not
 * including, the root, which is given separately (the station or vehicle holds the root).
 */
public record IssuedCertificate(
    String issuerId,
    String serial,
    String profile,
    String status,
    Instant notBefore,
    Instant notAfter,
    X509CertificateHolder certificate,
    List<X509CertificateHolder> chain,
    X509CertificateHolder root,
    Instant revokedAt,
    Integer revocationReason) {

  public IssuedCertificate {
    chain = List.copyOf(chain);
  }

  /**
   * The same certificate as a client that trusts only {@code otherRoot} sees it: the chain runs on
   * through the cross-certificate by which {@code otherRoot} certified this chain's root.
   */
  public IssuedCertificate crossedTo(X509CertificateHolder cross, X509CertificateHolder otherRoot) {
    List<X509CertificateHolder> longer = new java.util.ArrayList<>(chain);
    longer.add(cross);
    return new IssuedCertificate(
        issuerId,
        serial,
        profile,
        status,
        notBefore,
        notAfter,
        certificate,
        longer,
        otherRoot,
        revokedAt,
        revocationReason);
  }
}
