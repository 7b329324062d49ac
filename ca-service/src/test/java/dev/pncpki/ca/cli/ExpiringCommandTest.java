package dev.pncpki.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import org.junit.jupiter.api.Test;

class ExpiringCommandTest {
  private final ExpiringCommand command =
      new ExpiringCommand(Clock.fixed(Instant.parse("2026-03-01T10:15:30.5Z"), ZoneOffset.UTC));

  private static Namespace args(String before, Integer days) {
    Map<String, Object> values = new HashMap<>();
    values.put("before", before);
    values.put("days", days);
    return new Namespace(values);
  }

  @Test
  void daysCountFromNowAndDefaultToThirty() {
    assertThat(command.before(args(null, 7))).isEqualTo("2026-03-08T10:15:30Z");
    assertThat(command.before(args(null, null))).isEqualTo("2026-03-31T10:15:30Z");
  }

  @Test
  void beforeTakesAnInstantOrADate() {
    assertThat(command.before(args("2027-01-01T00:00:00Z", null)))
        .isEqualTo("2027-01-01T00:00:00Z");
    assertThat(command.before(args("2027-01-01", null))).isEqualTo("2027-01-01T00:00:00Z");
    assertThatThrownBy(() -> command.before(args("next week", null)))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("2027-01-01T00:00:00Z");
  }

  @Test
  void reasonsReadAsRfc5280Names() {
    assertThat(CertificateText.reason(1)).isEqualTo("keyCompromise (1)");
    assertThat(CertificateText.reason(7)).isEqualTo("code 7");
    assertThat(CertificateText.reason(null)).isNull();
  }
}
