package dev.pncpki.bridge.ocpp;

/** Refuses a CALL with a CALLERROR: the code and a description for the peer. */
public final class OcppException extends Exception {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  public OcppException(ErrorCode code, String description) {
    super(description);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
