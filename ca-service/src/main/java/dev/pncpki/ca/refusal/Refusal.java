package dev.pncpki.ca.refusal;

/**
 * Why the CA refuses a request: the stable codes its API carries in RFC 9457 problem details
 * ("code"). Clients branch on the code, never on the human-readable detail. The domain throws them
 * in a {@link RefusedException}; only the API layer gives them an HTTP status.
 */
public enum Refusal {
  MALFORMED_REQUEST("The request is not well-formed"),
  BAD_CSR("The CSR cannot be read"),
  CSR_SIGNATURE_INVALID("The CSR's signature does not verify"),
  WRONG_KEY_TYPE("The key does not fit the profile"),
  PROFILE_VIOLATION("The request breaks the certificate profile"),
  UNKNOWN_PROFILE("No such certificate profile"),
  PROFILE_NOT_ISSUABLE("This profile is not issued through the API"),
  UNKNOWN_ISSUER("No such issuing CA"),
  BAD_CERTIFICATE("A certificate cannot be read"),
  INVALID_EMAID("The eMAID is not valid"),
  INVALID_PCID("The PCID is not valid"),
  SUITE_MISMATCH("The vehicle's key does not fit the requested ISO 15118 version"),
  UNAUTHENTICATED("Missing or unknown credential"),
  FORBIDDEN("Outside the caller's rights"),
  NOT_FOUND("Not found"),
  METHOD_NOT_ALLOWED("The method is not allowed on this resource"),
  NOT_ACCEPTABLE("No acceptable representation"),
  ALREADY_REVOKED("The certificate is revoked already"),
  ISSUER_REVOKED("The issuing CA is revoked"),
  ROOT_NOT_REVOCABLE("A root is withdrawn from trust stores, not revoked"),
  IDEMPOTENCY_KEY_REUSED("The idempotency key was used for a different request"),
  ISSUANCE_IN_PROGRESS("An issuance with this idempotency key is still in progress"),
  ISSUANCE_FAILED("The issuance failed and issued nothing; retry with a new idempotency key"),
  ROOT_ALREADY_POOLED("This root is in the pool already"),
  CROSS_CERTIFICATE_EXISTS("This cross-certificate is stored already"),
  TRUST_ANCHOR_EXISTS("This root is trusted already"),
  PROVISIONING_CERTIFICATE_EXISTS("A provisioning certificate for this PCID is stored"),
  CONTRACT_EXISTS("A live contract for this eMAID and PCID exists"),
  CONTRACT_NOT_DUE("The contract is not yet within its renewal window"),
  CONTRACT_NOT_ACTIVE("The contract is revoked, expired or replaced"),
  CONTRACT_BUSY("The contract is being issued or renewed; retry shortly"),
  PAYLOAD_TOO_LARGE("The request body is too large"),
  ISO15118_NOT_CONFIGURED("Certificate installation needs the ISO 15118 schemas"),
  CRL_BUSY("The CA's CRL is being built; retry shortly"),
  UNSUPPORTED_MEDIA_TYPE("The request body is not of a media type this resource takes"),
  NOT_A_ROOT("The certificate is not a self-signed CA certificate"),
  NOT_A_CROSS_CERTIFICATE("The certificate is not a CA certificate for a root this CA knows"),
  FINGERPRINT_MISMATCH("The certificate's fingerprint is not the one confirmed"),
  UNTRUSTED_CHAIN("The certificate chain does not lead to a trusted root"),
  CERTIFICATE_EXPIRED("A certificate of the chain is expired or not yet valid"),
  CERTIFICATE_REVOKED("The certificate is revoked"),
  REVOCATION_STATUS_UNKNOWN("The certificate's revocation status cannot be determined"),
  INTERNAL_ERROR("The server could not answer the request"),
  KEY_BACKEND_UNAVAILABLE("The key backend cannot be reached"),
  DATABASE_UNAVAILABLE("The database cannot be reached");

  private final String title;

  Refusal(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  /** The code as it appears in the API, e.g. "bad-csr". */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
