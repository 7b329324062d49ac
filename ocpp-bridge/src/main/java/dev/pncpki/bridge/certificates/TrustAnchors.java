package dev.pncpki.bridge.certificates;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * What the bridge sends with InstallCertificate (OCPP 2.0.1 M05; 1.6 security extension): one trust
 * anchor, that is, exactly one certificate, self-signed, a CA (RFC 5280 4.2.1.9 basicConstraints
 * cA), valid now. A chain, a leaf or an expired root would be stored by the station as a root it
 * trusts, or refused by it only after the operator thought it was done.
 */
public final class TrustAnchors {
  private static final String BEGIN = "-----BEGIN CERTIFICATE-----";

  private TrustAnchors() {}

  /** Why {@code pem} is not one trust anchor to install at {@code now}, or empty. */
  public static Optional<String> problem(String pem, Instant now) {
    int blocks = pem.split(BEGIN, -1).length - 1;
    if (blocks != 1) {
      return Optional.of(
          blocks == 0
              ? "certificate is not a PEM X.509 certificate"
              : "certificate holds " + blocks + " certificates; give the root alone");
    }
    X509Certificate cert;
    try {
      cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException | ClassCastException e) {
      return Optional.of("certificate is not a PEM X.509 certificate");
    }
    if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
      return Optional.of("certificate is not self-signed: a trust anchor is a root");
    }
    if (cert.getBasicConstraints() < 0) {
      return Optional.of("certificate is not a CA certificate (basicConstraints cA is not set)");
    }
    try {
      cert.checkValidity(Date.from(now));
    } catch (GeneralSecurityException e) {
      return Optional.of(
          "certificate is not valid now: it is valid from "
              + cert.getNotBefore().toInstant()
              + " to "
              + cert.getNotAfter().toInstant());
    }
    try {
      cert.verify(cert.getPublicKey());
    } catch (GeneralSecurityException e) {
      return Optional.of("certificate's signature is not its own key's: it is not self-signed");
    }
    return Optional.empty();
  }
}
