package dev.pncpki.ca.api;

import dev.pncpki.ca.issuance.IssuedCertificate;
import dev.pncpki.ca.pem.Pem;
import java.time.Instant;

/** The JSON form of a certificate with its chain, all PEM. */
public record CertificateJson(
    String serial,
    String issuer,
    String profile,
    String status,
    Instant notBefore,
    Instant notAfter,
    String subject,
    String certificate,
    String chain,
    String root,
    Instant revokedAt,
    Integer revocationReason) {

  static CertificateJson of(IssuedCertificate c) {
    String state =
        c.revokedAt() != null
            ? "revoked"
            : c.notAfter().isBefore(Instant.now()) ? "expired" : "valid";
    return new CertificateJson(
        c.serial(),
        c.issuerId(),
        c.profile(),
        state,
        c.notBefore(),
        c.notAfter(),
        c.certificate().getSubject().toString(),
        Pem.of(c.certificate()),
        Pem.of(c.chain()),
        Pem.of(c.root()),
        c.revokedAt(),
        c.revocationReason());
  }
}
