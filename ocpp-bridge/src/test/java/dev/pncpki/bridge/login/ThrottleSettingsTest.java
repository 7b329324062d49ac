package dev.pncpki.bridge.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code loginThrottle} configuration: a partial block keeps the defaults it leaves out. */
class ThrottleSettingsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aPartialBlockTakesTheDefaultsForWhatItLeavesOut() throws Exception {
    var settings = JSON.readValue("{\"maxDelaySeconds\": 600}", ThrottleSettings.class);
    assertThat(settings)
        .isEqualTo(new ThrottleSettings(5, 1, 600, 900, 20, 60))
        .isNotEqualTo(ThrottleSettings.defaults());
    assertThat(settings.maxDelay()).isEqualTo(Duration.ofMinutes(10));
    assertThat(JSON.readValue("{}", ThrottleSettings.class)).isEqualTo(ThrottleSettings.defaults());
    assertThat(ThrottleSettings.defaults().eventWindow()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void valuesThatCannotWorkAreStillRefused() {
    assertThatThrownBy(() -> JSON.readValue("{\"forgetAfterSeconds\": 60}", ThrottleSettings.class))
        .hasRootCauseInstanceOf(IllegalArgumentException.class)
        .hasStackTraceContaining("forgetAfterSeconds");
    assertThatThrownBy(() -> new ThrottleSettings(null, 0, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
