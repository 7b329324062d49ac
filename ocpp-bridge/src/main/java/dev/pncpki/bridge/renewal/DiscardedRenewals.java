package dev.pncpki.bridge.renewal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.bridge.station.Handler;
import dev.pncpki.bridge.store.Renewals;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A station that could not connect with its renewed client certificate goes back to the one before
 * and reports it with the security event {@value #EVENT} (OCPP 2.0.1 Edition 3 errata, also OCPP
 * 2.1). The CSMS then asks for a renewal again, with back-off: the discarded certificate stops
 * counting as the station's, the one it went back to is not revoked, and its renewal is triggered
 * again after {@code discardedRetrySeconds}, doubled with each further discard (at most a day),
 * through the automatic renewal ({@link RenewalScheduler}) and its attempt limit. The station's
 * certificates show the discarded one as {@code Discarded}; its renewal note says why.
 */
public final class DiscardedRenewals {
  private static final Logger LOG = LoggerFactory.getLogger(DiscardedRenewals.class);

  /** The security event type a station reports. */
  public static final String EVENT = "DiscardedRenewedClientCertificate";

  private static final Duration MAX = Duration.ofDays(1);

  /** How far a station's clock may be behind the bridge's for its event to count. */
  static final Duration SKEW = Duration.ofMinutes(5);

  private static final String TYPE = "ChargingStationCertificate";

  private final Renewals renewals;
  private final Duration first;

  public DiscardedRenewals(Renewals renewals, RenewalScheduler.Settings settings) {
    this.renewals = renewals;
    this.first = Duration.ofSeconds(settings.discardedRetrySeconds());
  }

  /**
   * Hears a station's SecurityEventNotification; acts on {@value #EVENT} only. An event the station
   * dated more than {@link #SKEW} before it accepted its newest certificate is about an earlier
   * discard (a station may send a queued event again) and changes nothing. A database that cannot
   * record it leaves the event logged and the station's messages flowing.
   */
  public Optional<Renewals.Discard> heard(String stationId, JsonNode notification) {
    if (!EVENT.equals(notification.path("type").asText())) {
      return Optional.empty();
    }
    Optional<Instant> reportedAt;
    try {
      reportedAt = Optional.of(Instant.parse(notification.path("timestamp").asText()));
    } catch (DateTimeParseException e) {
      reportedAt = Optional.empty(); // the schema's date-time allows offsets Instant does not read
    }
    Optional<Renewals.Discard> discard;
    try {
      discard = renewals.discarded(stationId, TYPE, reportedAt.map(t -> t.plus(SKEW)), first, MAX);
    } catch (RuntimeException e) {
      LOG.error("station {}: {} not acted on: {}", stationId, EVENT, e.getMessage());
      return Optional.empty();
    }
    discard.ifPresentOrElse(
        d ->
            LOG.warn(
                "station {} discarded its renewed certificate {} and uses {} again: renewal asked"
                    + " again in {} s (discard {})",
                stationId,
                d.discarded(),
                d.restored(),
                d.retryIn().toSeconds(),
                d.discards()),
        () ->
            LOG.warn(
                "station {} reports {}, but no certificate of it is to go back from (none newer"
                    + " than the one before, or the event dates from before the newest)",
                stationId,
                EVENT));
    return discard;
  }

  /** {@code handler} (SecurityEventNotification's), also handing each event to {@link #heard}. */
  public Handler listening(Handler handler) {
    return (station, payload) -> {
      Handler.Reply reply = handler.handle(station, payload);
      heard(station.stationId(), payload);
      return reply;
    };
  }
}
