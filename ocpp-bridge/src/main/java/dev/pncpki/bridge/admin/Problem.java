package dev.pncpki.bridge.admin;

import java.util.Locale;

/**
 * The stable error codes of the bridge's admin API, each with its HTTP status, in the vocabulary of
 * the CA's API: RFC 9457 problem details with {@code type} {@code urn:pnc-pki:problem:<code>}, a
 * title, the status, the {@code code} clients branch on, and a detail for people. The codes the CA
 * has too (malformed-request, unauthenticated, not-found, method-not-allowed, not-acceptable,
 * payload-too-large, unsupported-media-type, database-unavailable) mean the same here.
 */
public enum Problem {
  MALFORMED_REQUEST(400, "The request is not well-formed"),
  INVALID_STATION_ID(400, "The station id breaks the OCPP identity rules"),
  INVALID_OCPP_PAYLOAD(400, "The CALL would break its OCPP schema"),
  UNSUPPORTED_TYPE(400, "The station's OCPP version has no such certificate type"),
  INVALID_ROOT(400, "The certificate cannot be read"),
  UNKNOWN_STATION(400, "The request names a station that is not registered or is disabled"),
  UNKNOWN_CA(400, "The request names a CA the CA's hierarchy does not have"),
  CERTIFICATE_BINDING_REQUIRED(400, "Security profile 3 needs a client certificate binding"),
  PASSWORD_TOO_SHORT(400, "The password is shorter than OCPP allows"),
  INVALID_PASSWORD(400, "The password is not one OCPP allows"),
  EMPTY_UPLOAD(400, "The upload holds no file"),
  UNAUTHENTICATED(401, "Missing or unknown credential"),
  NOT_FOUND(404, "Not found"),
  METHOD_NOT_ALLOWED(405, "The resource does not take this method"),
  NOT_ACCEPTABLE(406, "The resource answers JSON only"),
  STATION_EXISTS(409, "A station with this id is registered already"),
  SECC_ID_TAKEN(409, "A SECC ID of the request is another station's"),
  NEVER_CONNECTED(409, "The station has never connected: its OCPP version is not known yet"),
  SECURITY_PROFILE_DOWNGRADE(409, "A security profile is only ever raised"),
  CREDENTIAL_CHANGE_PENDING(409, "A change of the station's credentials is under way"),
  NOT_CONFIGURED(409, "The bridge is not configured for this"),
  NOT_CANCELLABLE(409, "Only pending deliveries can be cancelled"),
  CAMPAIGN_OVERLAP(409, "Another campaign of this kind covers these stations"),
  EMPTY_SELECTION(409, "The selection has no stations"),
  CAMPAIGN_STATE(409, "The campaign's state does not allow this"),
  CA_NOT_REVOKED(409, "The CA is not revoked"),
  MIXED_CERTIFICATE_TYPES(409, "The CA issued more than one certificate type; name one"),
  LOG_ALREADY_UPLOADED(409, "The log of this request was uploaded already"),
  PAYLOAD_TOO_LARGE(413, "The request body is too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "The request body must be JSON"),
  INTERNAL_ERROR(500, "The bridge failed"),
  CAMPAIGNS_BUSY(503, "Campaigns are being changed; retry shortly"),
  CA_UNAVAILABLE(503, "The CA cannot be reached"),
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

  /** The code as the API writes it, e.g. "not-found". */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The exception that the API answers with this problem and {@code detail}. */
  public ProblemException because(String detail) {
    return new ProblemException(this, detail);
  }
}
