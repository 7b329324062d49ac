package dev.pncpki.bridge.login;

import java.time.Duration;

/**
 * How the bridge answers repeated failed logins (configuration key {@code loginThrottle}).
 *
 * @param freeFailures failures of one address or one station id answered without delay; each
 *     further one doubles the wait, starting at {@code firstDelaySeconds}
 * @param maxDelaySeconds the longest wait an address or station id is given
 * @param forgetAfterSeconds failures this long ago no longer count
 * @param checksPerSecond logins checked per second over all addresses (each may cost a PBKDF2
 *     derivation); half of them are kept for addresses and station ids without recent failures
 * @param eventWindowSeconds security events of one kind for one station are recorded once per
 *     window, with a count of the rest
 */
public record ThrottleSettings(
    int freeFailures,
    int firstDelaySeconds,
    int maxDelaySeconds,
    int forgetAfterSeconds,
    int checksPerSecond,
    int eventWindowSeconds) {

  public ThrottleSettings {
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
    return new ThrottleSettings(5, 1, 300, 900, 20, 60);
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
