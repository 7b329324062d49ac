package dev.pncpki.ca.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeParameterTest {

  private static String refusal(String value) {
    try {
      TimeParameter.parse("since", value);
    } catch (RefusedException e) {
      assertThat(e.refusal()).isEqualTo(Refusal.MALFORMED_REQUEST);
      return e.getMessage();
    }
    throw new AssertionError("accepted " + value);
  }

  @Test
  void readsAnInstantAndLeavesAnAbsentOneOut() {
    assertThat(TimeParameter.parse("since", "2027-01-01T00:00:00Z"))
        .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(TimeParameter.parse("since", "2027-01-01T01:00:00+01:00"))
        .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(TimeParameter.parse("since", null)).isNull();
  }

  @Test
  void takesTheFirstAndLastInstantsOfTheYearsOneTo9999() {
    assertThat(TimeParameter.parse("since", "0001-01-01T00:00:00Z"))
        .isEqualTo(TimeParameter.EARLIEST);
    assertThat(TimeParameter.parse("until", "9999-12-31T23:59:59.999999999Z"))
        .isBefore(TimeParameter.END);
  }

  /** Instant.parse takes these, and binding them to PostgreSQL overflows. */
  @Test
  void refusesYearsOutsideOneTo9999NamingTheParameter() {
    assertThat(refusal("+999999999-01-01T00:00:00Z"))
        .isEqualTo("since must be in the years 1 to 9999, not \"+999999999-01-01T00:00:00Z\"");
    assertThat(refusal("-999999999-01-01T00:00:00Z")).startsWith("since must be in the years");
    assertThat(refusal("+10000-01-01T00:00:00Z")).startsWith("since must be in the years");
    assertThat(refusal("0000-12-31T23:59:59Z")).startsWith("since must be in the years");
  }

  @Test
  void refusesWhatIsNotAnInstant() {
    assertThat(refusal("yesterday"))
        .isEqualTo(
            "since must be an ISO 8601 instant such as 2027-01-01T00:00:00Z, not \"yesterday\"");
    assertThat(refusal("2026-13-01T00:00:00Z")).startsWith("since must be an ISO 8601 instant");
    assertThatThrownBy(() -> TimeParameter.parse("expiringBefore", "+99999999999-01-01T00:00:00Z"))
        .hasMessageStartingWith("expiringBefore must be");
  }
}
