package dev.pncpki.bridge.station;

import java.util.Optional;

/**
 * One action of an OCPP version as the bridge routes it: who sends its CALL, the schema files of
 * its request and response, and, for a CALL a station sends, the handler that answers it here
 * (none: the bridge does not answer it itself, and in proxy mode it goes to the CSMS).
 */
public record OcppAction(
    String name,
    Direction direction,
    String requestSchema,
    String responseSchema,
    Optional<Handler> handler) {

  /** Who sends the CALL. */
  public enum Direction {
    /** The station sends it; the bridge (or the CSMS behind it) answers. */
    FROM_STATION,
    /** The bridge sends it to the station. */
    TO_STATION
  }

  public OcppAction {
    if (handler.isPresent() && direction != Direction.FROM_STATION) {
      throw new IllegalArgumentException(name + ": only a station's CALL has a handler here");
    }
  }
}
