package dev.pncpki.bridge.station;

import dev.pncpki.bridge.ocpp.Frame;

/**
 * The CSMS behind a bridge in proxy mode, as one station's session sees it. It takes the station's
 * CALLs that the bridge does not answer itself, and the station's answers to CALLs that did not
 * come from the bridge, each frame exactly as the station sent it. Declared here, next to its user,
 * so that the proxy package depends on the station package and never the other way round.
 */
public interface Upstream {
  /** Whether a CALL of the station's is for the CSMS; the bridge answers the others itself. */
  boolean takes(Frame.Call call);

  /** Sends a frame of the station's to the CSMS, unchanged. */
  void forward(String text);

  /** The station's connection ended: the CSMS connection ends too. */
  void close();
}
