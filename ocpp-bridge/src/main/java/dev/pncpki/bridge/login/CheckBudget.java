package dev.pncpki.bridge.login;

import java.time.Duration;
import java.time.Instant;

/**
 * The logins the bridge checks per second over all connections (a token bucket refilled at {@code
 * perSecond}, holding at most one second's worth). Logins from addresses or for station ids that
 * failed recently may use only the upper half: the lower half is kept for everyone else, so a flood
 * from many addresses cannot take the capacity a returning fleet needs.
 */
final class CheckBudget {
  private final int perSecond;
  private double tokens;
  private Instant refilled;

  CheckBudget(int perSecond, Instant now) {
    this.perSecond = perSecond;
    this.tokens = perSecond;
    this.refilled = now;
  }

  /** Takes one check if there is one for this kind of login. */
  synchronized boolean take(boolean suspect, Instant now) {
    double elapsed = Math.max(0, Duration.between(refilled, now).toNanos() / 1e9);
    tokens = Math.min(perSecond, tokens + elapsed * perSecond);
    refilled = now;
    double floor = suspect ? perSecond / 2.0 : 0;
    if (tokens - 1 < floor) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
