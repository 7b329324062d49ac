package dev.pncpki.ca.revocation;

import dev.pncpki.ca.keys.KeyHandle;
import java.util.Objects;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A CA that publishes revocation status: its id (as in the CRL/OCSP URLs), its certificate and key
 * (for CRLs), and its delegated OCSP signer's certificate and key (for OCSP responses).
 */
public record IssuingCa(
    String id,
    X509CertificateHolder certificate,
    KeyHandle key,
    X509CertificateHolder ocspSignerCertificate,
    KeyHandle ocspSignerKey) {

  public IssuingCa {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ocspSignerCertificate, "ocspSignerCertificate");
    Objects.requireNonNull(ocspSignerKey, "ocspSignerKey");
  }
}
