package dev.pncpki.ca.problem;

/**
 * The stable error codes of the API (RFC 9457 problem details carry them in "code"), each with its
 * HTTP status. Clients branch on the code, never on the human-readable detail.
 */
public enum Problem {
  MALFORMED_REQUEST(400, "The request is not well-formed"),
  BAD_CSR(400, "The CSR cannot be read"),
  CSR_SIGNATURE_INVALID(400, "The CSR's signature does not verify"),
  WRONG_KEY_TYPE(400, "The key does not fit the profile"),
  PROFILE_VIOLATION(400, "The request breaks the certificate profile"),
  UNKNOWN_PROFILE(400, "No such certificate profile"),
  PROFILE_NOT_ISSUABLE(400, "This profile is not issued through the API"),
  UNKNOWN_ISSUER(400, "No such issuing CA"),
  BAD_CERTIFICATE(400, "A certificate cannot be read"),
  INVALID_EMAID(400, "The eMAID is not valid"),
  INVALID_PCID(400, "The PCID is not valid"),
  SUITE_MISMATCH(400, "The vehicle's key does not fit the requested ISO 15118 version"),
  UNAUTHENTICATED(401, "Missing or unknown credential"),
  FORBIDDEN(403, "Outside the caller's rights"),
  NOT_FOUND(404, "Not found"),
  METHOD_NOT_ALLOWED(405, "The method is not allowed on this resource"),
  NOT_ACCEPTABLE(406, "No acceptable representation"),
  ALREADY_REVOKED(409, "The certificate is revoked already"),
  ISSUER_REVOKED(409, "The issuing CA is revoked"),
  ROOT_NOT_REVOCABLE(409, "A root is withdrawn from trust stores, not revoked"),
  IDEMPOTENCY_KEY_REUSED(409, "The idempotency key was used for a different request"),
  ISSUANCE_IN_PROGRESS(409, "An issuance with this idempotency key is still in progress"),
  ISSUANCE_FAILED(409, "The issuance failed and issued nothing; retry with a new idempotency key"),
  TRUST_ANCHOR_EXISTS(409, "This root is trusted already"),
  PROVISIONING_CERTIFICATE_EXISTS(409, "A provisioning certificate for this PCID is stored"),
  CONTRACT_EXISTS(409, "A live contract for this eMAID and PCID exists"),
  CONTRACT_NOT_DUE(409, "The contract is not yet within its renewal window"),
  CONTRACT_NOT_ACTIVE(409, "The contract is revoked, expired or replaced"),
  CONTRACT_BUSY(409, "The contract is being issued or renewed; retry shortly"),
  PAYLOAD_TOO_LARGE(413, "The request body is too large"),
  ISO15118_NOT_CONFIGURED(503, "Certificate installation needs the ISO 15118 schemas"),
  CRL_BUSY(503, "The CA's CRL is being built; retry shortly"),
  UNSUPPORTED_MEDIA_TYPE(415, "The request body is not of a media type this resource takes"),
  UNTRUSTED_CHAIN(422, "The certificate chain does not lead to a trusted root"),
  CERTIFICATE_EXPIRED(422, "A certificate of the chain is expired or not yet valid"),
  CERTIFICATE_REVOKED(422, "The certificate is revoked"),
  REVOCATION_STATUS_UNKNOWN(422, "The certificate's revocation status cannot be determined"),
  INTERNAL_ERROR(500, "The server could not answer the request"),
  KEY_BACKEND_UNAVAILABLE(503, "The key backend cannot be reached"),
  DATABASE_UNAVAILABLE(503, "The database cannot be reached");

  private final int status;
  private final String title;

  Problem(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The code as it appears in the API, e.g. "bad-csr". */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
