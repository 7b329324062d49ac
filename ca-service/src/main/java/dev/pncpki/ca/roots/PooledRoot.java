package dev.pncpki.ca.roots;

import dev.pncpki.ca.pem.CertificateInput;
import dev.pncpki.policies.profile.KeyAlgorithm;
import dev.pncpki.policies.profile.Suite;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A root of the pool: its certificate, what it anchors, and who added it when. {@code sha256} is
 * the SHA-256 fingerprint of its DER (lower-case hex), unique in the pool.
 */
public record PooledRoot(
    UUID id,
    RootType type,
    X509CertificateHolder certificate,
    String sha256,
    String addedBy,
    Instant addedAt) {

  public Instant notBefore() {
    return certificate.getNotBefore().toInstant();
  }

  public Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }

  public byte[] der() {
    return CertificateInput.der(certificate);
  }

  /** The ISO 15118 suite of its key (P-256: -2; P-521 or Ed448: -20); empty for an OCPP root. */
  public Optional<Suite> suite() {
    return KeyAlgorithm.of(certificate.getSubjectPublicKeyInfo())
        .flatMap(k -> Arrays.stream(Suite.values()).filter(s -> s.keyAlgorithm() == k).findFirst());
  }
}
