package dev.pncpki.ca.issuance;

import java.util.Optional;

/**
 * A request to issue one certificate from a CSR. {@code issuer} picks the issuing CA (default: the
 * Sub-CA 2 of the profile's PKI); {@code root} the root the certificate must chain to, by the
 * SHA-256 fingerprint of its DER (a station that trusts, or whose vehicles trust, one V2G root of
 * several); {@code identity} is the charging station or SECC the bridge asks for; {@code
 * idempotencyKey} makes retries return the same certificate.
 */
public record IssueRequest(
    String profile,
    String csrPem,
    Optional<String> issuer,
    Optional<Integer> validityDays,
    Optional<String> identity,
    Optional<String> idempotencyKey,
    Optional<String> root) {

  /** A request that leaves the root to the issuing CA. */
  public IssueRequest(
      String profile,
      String csrPem,
      Optional<String> issuer,
      Optional<Integer> validityDays,
      Optional<String> identity,
      Optional<String> idempotencyKey) {
    this(profile, csrPem, issuer, validityDays, identity, idempotencyKey, Optional.empty());
  }
}
