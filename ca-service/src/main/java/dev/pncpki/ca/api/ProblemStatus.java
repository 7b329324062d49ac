package dev.pncpki.ca.api;

import dev.pncpki.ca.refusal.Refusal;

/**
 * The HTTP status of each refusal (RFC 9110 section 15): the only place the CA's domain codes meet
 * HTTP. 400 the request cannot be read or breaks a profile, 401/403 who is asking, 404 what it
 * names does not exist, 409 the state of what it names forbids it, 413/415 the body, 422 a
 * certificate that reads but is not trusted, 503 a dependency is down: retry.
 */
final class ProblemStatus {
  private ProblemStatus() {}

  static int of(Refusal refusal) {
    return switch (refusal) {
      case MALFORMED_REQUEST,
          BAD_CSR,
          CSR_SIGNATURE_INVALID,
          WRONG_KEY_TYPE,
          PROFILE_VIOLATION,
          UNKNOWN_PROFILE,
          PROFILE_NOT_ISSUABLE,
          UNKNOWN_ISSUER,
          BAD_CERTIFICATE,
          INVALID_EMAID,
          INVALID_PCID,
          SUITE_MISMATCH ->
          400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case METHOD_NOT_ALLOWED -> 405;
      case NOT_ACCEPTABLE -> 406;
      case ALREADY_REVOKED,
          ISSUER_REVOKED,
          ROOT_NOT_REVOCABLE,
          IDEMPOTENCY_KEY_REUSED,
          ISSUANCE_IN_PROGRESS,
          ISSUANCE_FAILED,
          ROOT_ALREADY_POOLED,
          CROSS_CERTIFICATE_EXISTS,
          TRUST_ANCHOR_EXISTS,
          PROVISIONING_CERTIFICATE_EXISTS,
          CONTRACT_EXISTS,
          CONTRACT_NOT_DUE,
          CONTRACT_NOT_ACTIVE,
          CONTRACT_BUSY ->
          409;
      case PAYLOAD_TOO_LARGE -> 413;
      case UNSUPPORTED_MEDIA_TYPE -> 415;
      case NOT_A_ROOT,
          NOT_A_CROSS_CERTIFICATE,
          FINGERPRINT_MISMATCH,
          UNTRUSTED_CHAIN,
          CERTIFICATE_EXPIRED,
          CERTIFICATE_REVOKED,
          REVOCATION_STATUS_UNKNOWN ->
          422;
      case INTERNAL_ERROR -> 500;
      case ISO15118_NOT_CONFIGURED, CRL_BUSY, KEY_BACKEND_UNAVAILABLE, DATABASE_UNAVAILABLE -> 503;
    };
  }
}
