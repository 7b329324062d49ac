package dev.pncpki.bridge.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down guessing of station credentials (OCPP 2.0.1 A00.FR.207 Basic passwords, profile 3
 * client certificates) before it costs the bridge a password derivation: a login is checked only
 * when neither its source address nor its station id is waiting out a back-off ({@link Failures})
 * and the global {@link CheckBudget} has a check left. Otherwise it is answered at once, with how
 * long to wait (HTTP 429 with Retry-After at the WebSocket upgrade).
 *
 * <p>A station id's back-off would let anyone keep a station out by failing its password from
 * elsewhere, and an address's would let one failing client behind a NAT or load balancer keep out
 * every station sharing that address. So neither applies to a station at the address it last logged
 * in from: that pair has a back-off of its own, so guessing the station's password from its own
 * address still waits, and the global budget still counts it.
 */
public final class LoginThrottle {
  private static final int TRACKED = 10_000;

  private final Failures addresses;
  private final Failures stations;
  private final Failures pairs;
  private final CheckBudget budget;
  private final Map<String, String> lastGoodAddress;
  private final Clock clock;

  public LoginThrottle(ThrottleSettings settings, Clock clock) {
    this.addresses = new Failures(settings, TRACKED);
    this.stations = new Failures(settings, TRACKED);
    this.pairs = new Failures(settings, TRACKED);
    this.budget = new CheckBudget(settings.checksPerSecond(), clock.instant());
    this.clock = clock;
    this.lastGoodAddress =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > TRACKED;
          }
        };
  }

  /** Why a login is not checked now, and when to try again. */
  public record Wait(Duration retryAfter, String reason) {
    /** Whole seconds for Retry-After (RFC 9110 section 10.2.3), at least one. */
    public long seconds() {
      return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
  }

  /**
   * Empty if the login from {@code address} as {@code stationId} may be checked now (it has then
   * taken one check of the budget); else how long it must wait.
   */
  public Optional<Wait> admit(String address, String stationId) {
    Instant now = clock.instant();
    Optional<Wait> wait =
        isLastGood(address, stationId)
            ? pairs
                .wait(pair(address, stationId), now)
                .map(w -> new Wait(w, "failed logins for " + stationId + " from " + address))
            : backOff(address, stationId, now);
    if (wait.isPresent()) {
      return wait;
    }
    boolean suspect = addresses.suspect(address, now) || stations.suspect(stationId, now);
    if (!budget.take(suspect, now)) {
      return Optional.of(new Wait(Duration.ofSeconds(1), "too many logins at once"));
    }
    return Optional.empty();
  }

  private Optional<Wait> backOff(String address, String stationId, Instant now) {
    Optional<Duration> wait = addresses.wait(address, now);
    if (wait.isPresent()) {
      return Optional.of(new Wait(wait.get(), "failed logins from " + address));
    }
    return stations.wait(stationId, now).map(w -> new Wait(w, "failed logins for " + stationId));
  }

  /** A checked login failed: its address, its station id and the pair count one more failure. */
  public void failed(String address, String stationId) {
    Instant now = clock.instant();
    addresses.failed(address, now);
    stations.failed(stationId, now);
    pairs.failed(pair(address, stationId), now);
  }

  /**
   * A checked login succeeded: the station's failures are forgiven and this becomes its known
   * address. The address's are not (it may serve a guesser and a real station alike).
   */
  public void succeeded(String address, String stationId) {
    stations.clear(stationId);
    pairs.clear(pair(address, stationId));
    synchronized (lastGoodAddress) {
      lastGoodAddress.put(stationId, address);
    }
  }

  private static String pair(String address, String stationId) {
    return address + " " + stationId; // unambiguous: an address has no space
  }

  private boolean isLastGood(String address, String stationId) {
    synchronized (lastGoodAddress) {
      return address.equals(lastGoodAddress.get(stationId));
    }
  }
}
