package dev.pncpki.bridge.renewal;

import dev.pncpki.bridge.station.SecurityLog;
import dev.pncpki.bridge.store.Renewals;
import java.time.Duration;
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
  private static final String TYPE = "ChargingStationCertificate";

  private final Renewals renewals;
  private final Duration first;

  public DiscardedRenewals(Renewals renewals, RenewalScheduler.Settings settings) {
    this.renewals = renewals;
    this.first = Duration.ofSeconds(settings.discardedRetrySeconds());
  }

  /**
   * Hears a station's security event; acts on {@value #EVENT} only. A database that cannot record
   * it leaves the event logged and the station's messages flowing.
   */
  public Optional<Renewals.Discard> heard(String stationId, String eventType) {
    if (!EVENT.equals(eventType)) {
      return Optional.empty();
    }
    Optional<Renewals.Discard> discard;
    try {
      discard = renewals.discarded(stationId, TYPE, first, MAX);
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
                "station {} reports {}, but the bridge knows no two accepted certificates of it",
                stationId,
                EVENT));
    return discard;
  }

  /** {@code events}, also handing each station event to {@link #heard}. */
  public SecurityLog listening(SecurityLog events) {
    return new SecurityLog() {
      @Override
      public void bridge(String stationId, String type, String detail) {
        events.bridge(stationId, type, detail);
      }

      @Override
      public void station(String stationId, String type, String detail) {
        events.station(stationId, type, detail);
        heard(stationId, type);
      }
    };
  }
}
