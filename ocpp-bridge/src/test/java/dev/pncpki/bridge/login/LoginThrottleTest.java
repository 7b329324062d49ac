package dev.pncpki.bridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Back-off per address and per station id, its cap and its end, the station's own address exempt
 * from the station's back-off, and the global budget with its reserve for logins without failures.
 */
class LoginThrottleTest {
  private static final String GUESSER = "198.51.100.7";
  private static final String OTHER = "203.0.113.9";

  /** A clock the test moves. */
  private static final class Hand extends Clock {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void pass(Duration d) {
      now = now.plus(d);
    }
  }

  private final Hand clock = new Hand();
  // 2 free failures, 1 s doubling to 8 s, forgotten after 60 s, 10 checks a second
  private final LoginThrottle throttle =
      new LoginThrottle(new ThrottleSettings(2, 1, 8, 60, 10, 60), clock);

  @Test
  void failuresFromOneAddressEarnADoublingWaitUpToTheCap() {
    for (long expected : new long[] {0, 0, 1, 2, 4, 8, 8}) {
      assertThat(seconds(throttle.admit(GUESSER, "CS-" + expected)))
          .as("after the failures so far")
          .isZero();
      throttle.failed(GUESSER, "CS-" + expected);
      assertThat(seconds(throttle.admit(GUESSER, "CS-X"))).isEqualTo(expected);
      if (expected > 0) {
        assertThat(throttle.admit(GUESSER, "CS-X").get().reason()).contains(GUESSER);
      }
      clock.pass(Duration.ofSeconds(expected));
    }
  }

  @Test
  void aThrottledAddressDoesNotSlowAnotherAddressForAnotherStation() {
    for (int i = 0; i < 5; i++) {
      throttle.failed(GUESSER, "CS-1");
    }
    assertThat(throttle.admit(GUESSER, "CS-2")).isPresent();
    assertThat(throttle.admit(OTHER, "CS-2")).isEmpty();
  }

  @Test
  void aStationIdGuessedFromManyAddressesWaitsButNotAtItsOwnAddress() {
    throttle.succeeded(OTHER, "CS-1");
    for (int i = 0; i < 4; i++) {
      throttle.failed("192.0.2." + i, "CS-1");
    }
    Optional<LoginThrottle.Wait> wait = throttle.admit("192.0.2.200", "CS-1");
    assertThat(wait).isPresent();
    assertThat(wait.get().reason()).contains("CS-1");
    assertThat(throttle.admit(OTHER, "CS-1")).as("the station's last good address").isEmpty();
    throttle.succeeded(OTHER, "CS-1");
    assertThat(throttle.admit("192.0.2.200", "CS-1")).as("forgiven by a good login").isEmpty();
  }

  @Test
  void aStationAtItsOwnAddressIsNotKeptOutByAnotherClientThere() {
    throttle.succeeded(GUESSER, "CS-1"); // behind the same NAT as the guesser
    for (int i = 0; i < 6; i++) {
      throttle.failed(GUESSER, "CS-" + (10 + i));
    }
    assertThat(throttle.admit(GUESSER, "CS-9")).as("a station new at this address").isPresent();
    assertThat(throttle.admit(GUESSER, "CS-1")).as("the station's last good address").isEmpty();
    for (int i = 0; i < 3; i++) {
      throttle.failed(GUESSER, "CS-1");
    }
    Optional<LoginThrottle.Wait> wait = throttle.admit(GUESSER, "CS-1");
    assertThat(wait).as("guessing its password there still waits").isPresent();
    assertThat(wait.get().reason()).contains("CS-1").contains(GUESSER);
    throttle.succeeded(GUESSER, "CS-1");
    assertThat(throttle.admit(GUESSER, "CS-1")).isEmpty();
  }

  @Test
  void failuresAreForgottenAfterAQuietSpell() {
    for (int i = 0; i < 6; i++) {
      throttle.failed(GUESSER, "CS-1");
    }
    clock.pass(Duration.ofSeconds(8));
    assertThat(throttle.admit(GUESSER, "CS-1")).as("the wait is over").isEmpty();
    throttle.failed(GUESSER, "CS-1");
    assertThat(seconds(throttle.admit(GUESSER, "CS-1"))).isEqualTo(8);
    clock.pass(Duration.ofSeconds(61));
    throttle.failed(GUESSER, "CS-1");
    assertThat(throttle.admit(GUESSER, "CS-1")).as("counted afresh").isEmpty();
  }

  @Test
  void theGlobalBudgetKeepsHalfForLoginsWithoutFailures() {
    throttle.failed(GUESSER, "CS-1");
    int suspect = 0;
    while (throttle.admit(GUESSER, "CS-1").isEmpty()) {
      suspect++;
    }
    assertThat(suspect).isEqualTo(5);
    assertThat(throttle.admit(GUESSER, "CS-1").get().reason()).contains("too many logins");
    int clean = 0;
    while (throttle.admit(OTHER, "CS-C" + clean).isEmpty()) {
      clean++;
    }
    assertThat(clean).isEqualTo(5);
    assertThat(seconds(throttle.admit(OTHER, "CS-99"))).isEqualTo(1);
    clock.pass(Duration.ofMillis(500));
    assertThat(throttle.admit(OTHER, "CS-99")).as("refilled at 10 a second").isEmpty();
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUp() {
    assertThat(new LoginThrottle.Wait(Duration.ofMillis(1), "").seconds()).isEqualTo(1);
    assertThat(new LoginThrottle.Wait(Duration.ofMillis(1001), "").seconds()).isEqualTo(2);
    assertThat(new LoginThrottle.Wait(Duration.ZERO, "").seconds()).isEqualTo(1);
  }

  private static long seconds(Optional<LoginThrottle.Wait> wait) {
    return wait.map(w -> w.retryAfter().toSeconds()).orElse(0L);
  }
}
