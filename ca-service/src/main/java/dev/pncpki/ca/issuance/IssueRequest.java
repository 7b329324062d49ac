package dev.pncpki.ca.issuance;

import java.util.Optional;

/**
 * A request to issue one certificate from a CSR. {@code issuer} picks the issuing CA (default: the
 * Sub-CA 2 of the profile's PKI); {@code identity} is the charging station or SECC the bridge asks
 * for; {@code idempotencyKey} makes retries return the same certificate.
 */
public record IssueRequest(
    String profile,
    String csrPem,
    Optional<String> issuer,
    Optional<Integer> validityDays,
    Optional<String> identity,
    Optional<String> idempotencyKey) {}
