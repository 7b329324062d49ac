package dev.pncpki.bridge.campaign;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** One station of a campaign, and how far the campaign got with it. */
public record Target(
    String stationId,
    int wave,
    State state,
    Optional<String> reason,
    Optional<Long> deliveryId,
    Optional<Long> certificateDeliveryId,
    Optional<Instant> requestedAt,
    Instant updatedAt) {

  /**
   * pending: not asked yet; requested: the CALL is in the outbox (rotate: the trigger); issued: the
   * CA signed the station's CSR (rotate only); delivered: the station has the CALL; accepted and
   * rejected: its answer; failed: not delivered, refused, or no progress within the step timeout;
   * cancelled: the campaign was cancelled before the station was asked.
   */
  public enum State {
    PENDING,
    REQUESTED,
    ISSUED,
    DELIVERED,
    ACCEPTED,
    REJECTED,
    FAILED,
    CANCELLED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public boolean inFlight() {
      return this == REQUESTED || this == ISSUED || this == DELIVERED;
    }

    public boolean isFinal() {
      return this == ACCEPTED || this == REJECTED || this == FAILED || this == CANCELLED;
    }

    public static Optional<State> of(String wire) {
      for (State s : values()) {
        if (s.wire().equals(wire)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }
}
