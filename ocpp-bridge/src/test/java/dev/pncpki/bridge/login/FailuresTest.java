package dev.pncpki.bridge.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The delay after each failure, the bound on keys kept, and the settings' own checks. */
class FailuresTest {
  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void theDelayDoublesFromTheFirstAfterTheFreeFailuresAndStopsAtTheCap() {
    var failures = new Failures(new ThrottleSettings(5, 1, 300, 900, 20, 60), 10);
    assertThat(failures.delay(5)).isZero();
    assertThat(failures.delay(6)).isEqualTo(Duration.ofSeconds(1));
    assertThat(failures.delay(7)).isEqualTo(Duration.ofSeconds(2));
    assertThat(failures.delay(14)).isEqualTo(Duration.ofSeconds(256));
    assertThat(failures.delay(15)).isEqualTo(Duration.ofSeconds(300));
    assertThat(failures.delay(Integer.MAX_VALUE))
        .as("no overflow")
        .isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void beyondItsCapacityTheLeastRecentlySeenKeyIsForgotten() {
    var failures = new Failures(new ThrottleSettings(0, 1, 8, 60, 20, 60), 3);
    for (String key : new String[] {"a", "b", "c"}) {
      failures.failed(key, T);
    }
    failures.wait("a", T); // seen again
    failures.failed("d", T);
    assertThat(failures.size()).isEqualTo(3);
    assertThat(failures.suspect("a", T)).isTrue();
    assertThat(failures.suspect("b", T)).isFalse();
  }

  @Test
  void settingsThatMakeNoSenseAreRefused() {
    assertThatThrownBy(() -> new ThrottleSettings(5, 0, 300, 900, 20, 60))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loginThrottle");
    assertThatThrownBy(() -> new ThrottleSettings(5, 10, 5, 900, 20, 60))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ThrottleSettings(5, 1, 300, 900, 1, 60))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
