package dev.pncpki.ca.roots;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A cross-certificate: {@code issuerRootSha256}'s signature on the name and key of the root {@code
 * subjectRootSha256}, as a root operator provides it.
 */
public record CrossCertificate(
    String sha256,
    X509CertificateHolder certificate,
    String subjectRootSha256,
    String issuerRootSha256,
    String addedBy,
    Instant addedAt) {

  public byte[] der() {
    try {
      return certificate.getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }
}
