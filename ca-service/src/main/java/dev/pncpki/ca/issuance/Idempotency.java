package dev.pncpki.ca.issuance;

/**
 * A caller's {@code Idempotency-Key} with what identifies its request: a retry with the same key
 * and the same request gets the first outcome again, a different request under the key is refused
 * ({@link IdempotencyKeys}). For a certificate from a CSR the hash covers profile, issuer, validity
 * and CSR; for a contract, made with a fresh key each time, it covers the request as sent.
 */
public record Idempotency(String key, byte[] requestSha256) {
  public Idempotency {
    requestSha256 = requestSha256.clone();
  }

  @Override
  public byte[] requestSha256() {
    return requestSha256.clone();
  }
}
