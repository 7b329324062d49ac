package dev.pncpki.bridge.login;

import java.time.Duration;

/**
 * How the bridge answers repeated failed logins (configuration key {@code loginThrottle}; each left
 * out takes its default, as in {@link #defaults()}).
 *
 * @param freeFailures failures of one address or one station id answered without delay (5); each
 *     further one doubles the wait, starting at {@code firstDelaySeconds} (1)
 * @param maxDelaySeconds the longest wait an address or station id is given (300)
 * @param forgetAfterSeconds failures this long ago no longer count (900)
 * @param checksPerSecond logins checked per second over all addresses (20; each may cost a PBKDF2
 *     derivation); half of them are kept for addresses and station ids without recent failures
 * @param eventWindowSeconds security events of one kind for one station are recorded once per
 *     window, with a count of the rest (60)
 */
public record ThrottleSettings(
    Integer freeFailures,
    Integer firstDelaySeconds,
    Integer maxDelaySeconds,
    Integer forgetAfterSeconds,
    Integer checksPerSecond,
    Integer eventWindowSeconds) {

  public ThrottleSettings {
    freeFailures = freeFailures == null ? 5 : freeFailures;
    firstDelaySeconds = firstDelaySeconds == null ? 1 : firstDelaySeconds;
    maxDelaySeconds = maxDelaySeconds == null ? 300 : maxDelaySeconds;
    forgetAfterSeconds = forgetAfterSeconds == null ? 900 : forgetAfterSeconds;
    checksPerSecond = checksPerSecond == null ? 20 : checksPerSecond;
    eventWindowSeconds = eventWindowSeconds == null ? 60 : eventWindowSeconds;
    if (freeFailures < 0
        || firstDelaySeconds < 1
        || maxDelaySeconds < firstDelaySeconds
        || forgetAfterSeconds < maxDelaySeconds
        || checksPerSecond < 2
        || eventWindowSeconds < 1) {
      throw new IllegalArgumentException(
          "loginThrottle: freeFailures >= 0, 1 <= firstDelaySeconds <= maxDelaySeconds <="
              + " forgetAfterSeconds, checksPerSecond >= 2, eventWindowSeconds >= 1");
    }
  }

  public static ThrottleSettings defaults() {
    return new ThrottleSettings(null, null, null, null, null, null);
  }

  Duration firstDelay() {
    return Duration.ofSeconds(firstDelaySeconds);
  }

  Duration maxDelay() {
    return Duration.ofSeconds(maxDelaySeconds);
  }

  Duration forgetAfter() {
    return Duration.ofSeconds(forgetAfterSeconds);
  }

  public Duration eventWindow() {
    return Duration.ofSeconds(eventWindowSeconds);
  }
}
