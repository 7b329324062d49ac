package dev.pncpki.bridge.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.bridge.station.Route;
import java.time.Instant;
import java.util.Optional;

/**
 * One CALL the bridge initiates toward a station, as the outbox holds it: what to send and how, who
 * asked for it, and how far it got. Answered means the station sent a CALLRESULT (whatever its
 * status says); failed means it was given up after its attempts or refused before sending.
 */
public record Delivery(
    long id,
    String stationId,
    Route route,
    String action,
    JsonNode payload,
    String origin,
    State state,
    int attempts,
    int maxAttempts,
    Instant nextAttemptAt,
    Optional<JsonNode> answer,
    Optional<String> lastError,
    Instant createdAt,
    Instant updatedAt,
    Optional<byte[]> sealedSecret) {

  /**
   * Where a delivery's secret goes in its payload: the payload holds this text, checked against the
   * schema and shown by the API, and the secret replaces it only when the CALL is sent.
   */
  public static final String SECRET = "(secret, set when sent)";

  /**
   * Whether a CALL is sent at most once: a certificate (CertificateSigned, OCPP 2.0.1 A02/A03) or a
   * trigger that makes the station send a CSR (2.0.1 TriggerMessage F06, 1.6
   * ExtendedTriggerMessage) must not reach the station twice, so such a delivery is not sent again
   * once it may have reached it; only a refusal (a CALLERROR) lets it be tried again. Other CALLs
   * are sent again after silence or a disconnect, up to their attempts.
   */
  public static boolean atMostOnce(String action) {
    return switch (action) {
      case "CertificateSigned", "TriggerMessage", "ExtendedTriggerMessage" -> true;
      default -> false;
    };
  }

  public enum State {
    PENDING,
    SENDING,
    ANSWERED,
    FAILED,
    CANCELLED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isFinal() {
      return this == ANSWERED || this == FAILED || this == CANCELLED;
    }

    public static State of(String wire) {
      return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /**
   * What to deliver. {@code dedupKey}, when set, makes a second request for the same thing while
   * the first is still open return the first (a station that retries its CSR gets one delivery).
   */
  public record Request(
      String stationId,
      Route route,
      String action,
      JsonNode payload,
      String origin,
      Optional<String> dedupKey,
      Optional<String> secret) {

    public static Request of(
        String stationId, Route route, String action, JsonNode payload, String origin) {
      return new Request(
          stationId, route, action, payload, origin, Optional.empty(), Optional.empty());
    }

    public Request once(String key) {
      return new Request(stationId, route, action, payload, origin, Optional.of(key), secret);
    }

    /** The same, carrying {@code secret} for the payload's {@link #SECRET} placeholders. */
    public Request withSecret(String value) {
      return new Request(stationId, route, action, payload, origin, dedupKey, Optional.of(value));
    }

    @Override
    public String toString() { // never the secret
      return "Request[" + stationId + " " + action + " " + origin + "]";
    }
  }
}
