package dev.pncpki.bridge.station;

/**
 * A station change the bridge will not make, and why; nothing was stored. The admin API answers
 * each reason with its own problem code.
 */
public final class StationRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    INVALID_STATION_ID,
    STATION_EXISTS,
    SECC_ID_TAKEN,
    UNKNOWN_STATION,
    CERTIFICATE_BINDING_REQUIRED,
    PASSWORD_TOO_SHORT,
    INVALID_PASSWORD,
    INVALID_FIELD,
    INVALID_OCPP_PAYLOAD,
    PROFILE_DOWNGRADE,
    CHANGE_PENDING,
    NOT_CONNECTED_YET,
    NOT_CONFIGURED
  }

  private final Reason reason;

  public StationRefusal(Reason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
