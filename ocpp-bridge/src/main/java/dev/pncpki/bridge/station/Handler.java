package dev.pncpki.bridge.station;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.bridge.ocpp.OcppException;
import java.util.Optional;

/** Answers one action's CALLs from a station. */
public interface Handler {
  Reply handle(Channel station, JsonNode payload) throws OcppException;

  /**
   * The CALLRESULT payload and, optionally, what to do once it has been sent (for example deliver a
   * certificate with a CALL of the bridge's own, which must not wait inside the handler).
   */
  record Reply(JsonNode payload, Optional<Runnable> then) {
    public static Reply of(JsonNode payload) {
      return new Reply(payload, Optional.empty());
    }

    public static Reply of(JsonNode payload, Runnable then) {
      return new Reply(payload, Optional.of(then));
    }
  }
}
