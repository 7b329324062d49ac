package dev.pncpki.bridge.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * A root the CA trusts: from its root certificate pool (with the pool's {@code rootType}) or the
 * root of its own hierarchy; for ISO 15118 roots the version it serves ({@code "2"} or {@code
 * "20"}), read from the pool's {@code xsdMsgDefNamespace} or the own root's profile.
 */
public record TrustedRoot(
    Type type, X509Certificate certificate, Optional<String> iso15118, String source) {

  /** The pool's root types (OPCP RCP's four and the two OCPP ones). */
  public enum Type {
    V2G,
    MO,
    OEM,
    PE,
    CSMS,
    MANUFACTURER;

    static Optional<Type> of(String wire) {
      for (Type t : values()) {
        if (t.name().equalsIgnoreCase(wire)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  }

  public boolean validAt(Instant at) {
    return !at.isBefore(certificate.getNotBefore().toInstant())
        && !at.isAfter(certificate.getNotAfter().toInstant());
  }

  public RootFingerprint fingerprint() {
    try {
      return RootFingerprint.of(certificate.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
