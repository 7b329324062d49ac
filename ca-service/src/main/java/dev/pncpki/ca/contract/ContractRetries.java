package dev.pncpki.ca.contract;

import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.issuance.CertificateAuthority;
import dev.pncpki.ca.issuance.Idempotency;
import dev.pncpki.ca.issuance.IssuedCertificate;
import dev.pncpki.ca.refusal.RefusedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Contract requests with an {@code Idempotency-Key} (docs/contracts.md): a retry with the key gets
 * the outcome of the first request, the contract it made or its failure (IssuanceState), even after
 * the contract was renewed since or the CA crashed meanwhile. Each contract gets a fresh key pair,
 * so the key is tied to the request as sent, not to a public key as for a CSR.
 */
final class ContractRetries {
  private final ContractStore store;
  private final CertificateAuthority authority;

  ContractRetries(ContractStore store, CertificateAuthority authority) {
    this.store = store;
    this.authority = authority;
  }

  /** The key of a new contract's request: operation, PCID, eMAID, namespace and validity. */
  static Optional<Idempotency> issue(Optional<String> key, Contracts.IssueContract request) {
    return key.map(
        k ->
            new Idempotency(
                k,
                sha256(
                    "contract-issue",
                    request.pcid(),
                    request.emaid(),
                    request.xsdMsgDefNamespace(),
                    request.validityDays())));
  }

  /** The key of a renewal's request: operation, eMAID, PCID and validity. */
  static Optional<Idempotency> update(
      Optional<String> key, String emaid, String pcid, Integer validityDays) {
    return key.map(
        k -> new Idempotency(k, sha256("contract-update", emaid, pcid, null, validityDays)));
  }

  /**
   * The contract the caller's earlier request with this key made; 409 if that request is still
   * being issued, failed, or was a different request ({@link CertificateAuthority#earlier}).
   */
  Optional<ContractRow> earlier(Caller caller, Optional<Idempotency> idempotency) {
    return idempotency.flatMap(i -> authority.earlier(caller, i)).map(this::contractOf);
  }

  /**
   * The earlier outcome under the key if there is one, else {@code request}'s. A refusal of {@code
   * request} (contract-not-active, say) may come from a concurrent request with the same key that
   * changed the contract meanwhile; then that request's outcome is the answer.
   */
  ContractRow once(
      Caller caller, Optional<Idempotency> idempotency, Supplier<ContractRow> request) {
    Optional<ContractRow> earlier = earlier(caller, idempotency);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    try {
      return request.get();
    } catch (RefusedException refused) {
      if (idempotency.isEmpty()) {
        throw refused;
      }
      return earlier(caller, idempotency).orElseThrow(() -> refused);
    }
  }

  /** The contract recorded with an issued certificate. */
  ContractRow contractOf(IssuedCertificate issued) {
    return store
        .byCertificate(issued.issuerId(), issued.serial())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no contract for certificate " + issued.issuerId() + "/" + issued.serial()));
  }

  private static byte[] sha256(
      String operation, String pcid, String emaid, String namespace, Integer days) {
    String text =
        String.join(
            "\n",
            operation,
            Objects.toString(pcid, "-"),
            Objects.toString(emaid, "-"),
            Objects.toString(namespace, "-"),
            Objects.toString(days, "-"));
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
