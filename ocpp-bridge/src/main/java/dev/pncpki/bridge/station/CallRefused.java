package dev.pncpki.bridge.station;

/**
 * The station answered one of the bridge's CALLs with a refusal that says it did not act on it: a
 * CALLERROR (OCPP-J), or for a message wrapped in the Plug &amp; Charge DataTransfer a status other
 * than Accepted. Unlike silence or a lost connection, such a CALL may be sent again without the
 * station acting on it twice.
 */
public final class CallRefused extends Exception {
  private static final long serialVersionUID = 1L;

  public CallRefused(String message) {
    super(message);
  }
}
