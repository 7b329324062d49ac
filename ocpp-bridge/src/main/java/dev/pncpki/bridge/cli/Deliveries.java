package dev.pncpki.bridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * What a delivery's answer means for the CLI's exit status. A station accepts with {@code Accepted}
 * (or, for changes that take effect later, {@code RebootRequired}, {@code Scheduled}, {@code
 * AcceptedCanceled}); SetVariables answers per variable ({@code
 * setVariableResult[].attributeStatus}). Anything else, or a delivery that failed, is the station's
 * refusal; a delivery still on its way is pending.
 */
final class Deliveries {
  private static final Set<String> ACCEPTED =
      Set.of("Accepted", "RebootRequired", "Scheduled", "AcceptedCanceled");

  private Deliveries() {}

  static Optional<AdminClient.CliFailure> outcome(JsonNode delivery) {
    String state = delivery.path("state").asText();
    long id = delivery.path("id").asLong();
    return switch (state) {
      case "answered" -> {
        Optional<String> refusal = refusal(delivery.path("answer"));
        yield refusal.map(
            r ->
                new AdminClient.CliFailure(
                    Exit.STATION_REFUSED, "the station answered " + r + " (delivery " + id + ")"));
      }
      case "failed", "cancelled" ->
          Optional.of(
              new AdminClient.CliFailure(
                  Exit.STATION_REFUSED,
                  "delivery "
                      + id
                      + " "
                      + state
                      + ": "
                      + delivery.path("lastError").asText("no answer")));
      default ->
          Optional.of(
              new AdminClient.CliFailure(
                  Exit.PENDING, "no answer yet; follow it with: delivery " + id));
    };
  }

  /** The status the station refused with, if it did. */
  static Optional<String> refusal(JsonNode answer) {
    if (answer.has("setVariableResult")) {
      for (JsonNode r : answer.path("setVariableResult")) {
        String status = r.path("attributeStatus").asText();
        if (!ACCEPTED.contains(status)) {
          return Optional.of(status);
        }
      }
      return Optional.empty();
    }
    String status = answer.path("status").asText();
    return ACCEPTED.contains(status) ? Optional.empty() : Optional.of(status);
  }
}
