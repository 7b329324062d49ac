package dev.pncpki.ca.issuance;

import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.policies.profile.CertificateProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiFunction;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Retries with the same idempotency key get the same outcome: the same certificate once issued, the
 * same refusal once failed (IssuanceState: both are final); a key reused for a different request
 * (other CSR, profile, issuer or validity) is refused rather than silently answered.
 */
final class IdempotencyKeys {
  private IdempotencyKeys() {}

  static byte[] hash(
      CertificateProfile profile, String issuerId, CsrReader.Csr csr, Optional<Integer> days) {
    try {
      return hash(profile, issuerId, days, csr.request().getEncoded());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** For a key the service made: the subject and key stand where the CSR would. */
  static byte[] hash(
      CertificateProfile profile,
      String issuerId,
      CertificateAuthority.Subject subject,
      Optional<Integer> days) {
    try {
      return hash(
          profile,
          issuerId,
          days,
          (subject.fields().toString() + "\n").getBytes(StandardCharsets.UTF_8),
          subject.publicKey().getEncoded());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] hash(
      CertificateProfile profile, String issuerId, Optional<Integer> days, byte[]... request) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(
          (profile.label() + "\n" + issuerId + "\n" + days.map(String::valueOf).orElse("-") + "\n")
              .getBytes(StandardCharsets.UTF_8));
      for (byte[] part : request) {
        sha.update(part);
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static IssuedCertificate replay(
      CertificateRow earlier,
      byte[] requestHash,
      BiFunction<CertificateRow, X509CertificateHolder, IssuedCertificate> view) {
    if (!Arrays.equals(earlier.requestSha256(), requestHash)) {
      throw new RefusedException(
          Refusal.IDEMPOTENCY_KEY_REUSED,
          "idempotency key \"" + earlier.idempotencyKey() + "\" was used for a different request");
    }
    switch (earlier.status()) {
      case PENDING ->
          throw new RefusedException(
              Refusal.ISSUANCE_IN_PROGRESS,
              "the issuance with idempotency key \""
                  + earlier.idempotencyKey()
                  + "\" is in progress; retry shortly");
      case FAILED ->
          throw new RefusedException(
              Refusal.ISSUANCE_FAILED,
              "the issuance with idempotency key \""
                  + earlier.idempotencyKey()
                  + "\" failed"
                  + (earlier.failure() != null ? " (" + earlier.failure() + ")" : "")
                  + "; nobody received its certificate: retry with a new key");
      case ISSUED -> {
        // the same certificate again, below
      }
    }
    try {
      return view.apply(earlier, new X509CertificateHolder(earlier.certificate()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
