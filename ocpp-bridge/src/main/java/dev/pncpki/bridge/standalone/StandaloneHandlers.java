package dev.pncpki.bridge.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.station.Handler;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What a station needs from a CSMS to stay connected when the bridge runs alone: BootNotification
 * (accepted, with the heartbeat interval), Heartbeat (the current time) and StatusNotification.
 */
public final class StandaloneHandlers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HEARTBEAT_SECONDS = 300;

  private StandaloneHandlers() {}

  /** {@code booted} hears each BootNotification (station id, payload) before it is answered. */
  public static Map<String, Handler> of(Clock clock, BiConsumer<String, JsonNode> booted) {
    return Map.of(
        "BootNotification",
        (s, p) -> {
          booted.accept(s.stationId(), p);
          return Handler.Reply.of(
              JSON.createObjectNode()
                  .put("status", "Accepted")
                  .put("currentTime", now(clock))
                  .put("interval", HEARTBEAT_SECONDS));
        },
        "Heartbeat",
        (s, p) -> Handler.Reply.of(JSON.createObjectNode().put("currentTime", now(clock))),
        "StatusNotification",
        (s, p) -> Handler.Reply.of(JSON.createObjectNode()));
  }

  private static String now(Clock clock) {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
