package dev.pncpki.ca.revocation;

import dev.pncpki.ca.keys.KeyHandle;
import java.util.Objects;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A CA that publishes revocation status: its id (as in the CRL/OCSP URLs), its certificate and key
 * (for CRLs), and the certificate and key that sign its OCSP responses: a delegated OCSP signer it
 * issued, or the CA itself (both allowed by RFC 6960 4.2.2.2).
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

  /** A CA without a delegated signer: it signs its OCSP responses with its own key. */
  public static IssuingCa signingItsOwnOcsp(
      String id, X509CertificateHolder certificate, KeyHandle key) {
    return new IssuingCa(id, certificate, key, certificate, key);
  }

  public boolean signsItsOwnOcsp() {
    return ocspSignerCertificate.equals(certificate);
  }
}
