package dev.pncpki.ca.issuance;

import dev.pncpki.ca.problem.Problem;
import dev.pncpki.ca.problem.ProblemException;
import dev.pncpki.ca.store.CertificateRow;
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
 * Retries with the same idempotency key get the same certificate; a key reused for a different
 * request (other CSR, profile, issuer or validity) is refused rather than silently answered.
 */
final class IdempotencyKeys {
  private IdempotencyKeys() {}

  static byte[] hash(
      CertificateProfile profile, String issuerId, CsrReader.Csr csr, Optional<Integer> days) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(
          (profile.label() + "\n" + issuerId + "\n" + days.map(String::valueOf).orElse("-") + "\n")
              .getBytes(StandardCharsets.UTF_8));
      sha.update(csr.request().getEncoded());
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static IssuedCertificate replay(
      CertificateRow earlier,
      byte[] requestHash,
      BiFunction<CertificateRow, X509CertificateHolder, IssuedCertificate> view) {
    if (!Arrays.equals(earlier.requestSha256(), requestHash)) {
      throw new ProblemException(
          Problem.IDEMPOTENCY_KEY_REUSED,
          "idempotency key \"" + earlier.idempotencyKey() + "\" was used for a different request");
    }
    if (!earlier.issued()) {
      throw new ProblemException(
          Problem.ISSUANCE_IN_PROGRESS,
          "the issuance with idempotency key \""
              + earlier.idempotencyKey()
              + "\" is "
              + earlier.status()
              + (earlier.failure() != null ? ": " + earlier.failure() : "")
              + "; retry with a new key if it failed");
    }
    try {
      return view.apply(earlier, new X509CertificateHolder(earlier.certificate()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
