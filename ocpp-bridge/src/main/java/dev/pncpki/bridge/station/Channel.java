package dev.pncpki.bridge.station;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.bridge.ocpp.OcppVersion;
import java.util.concurrent.CompletableFuture;

/**
 * A station as a handler sees it: who it is, which OCPP version its messages follow, and how to
 * send it a CALL. A 1.6 station speaking Plug & Charge through DataTransfer is seen as a 2.0.1
 * channel whose CALLs travel wrapped.
 */
public interface Channel {
  String stationId();

  OcppVersion version();

  /** How the bridge's own CALLs reach this station (for the outbox). */
  default Route route() {
    return Route.direct(version());
  }

  CompletableFuture<JsonNode> call(String action, JsonNode payload);
}
