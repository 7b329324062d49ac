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
}
