package dev.pncpki.policies.profile;

import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Everything a profile needs to build a certificate template. {@code issuer} is empty for a
 * self-signed root, whose issuer is its own subject.
 */
public record TemplateRequest(
    SubjectFields subject,
    SubjectPublicKeyInfo subjectKey,
    Optional<IssuerRef> issuer,
    BigInteger serialNumber,
    Instant notBefore,
    Instant notAfter,
    Optional<URI> ocspUrl,
    Optional<URI> crlUrl) {

  public TemplateRequest {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(subjectKey, "subjectKey");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(ocspUrl, "ocspUrl");
    Objects.requireNonNull(crlUrl, "crlUrl");
  }
}
