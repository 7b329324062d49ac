package dev.pncpki.bridge.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code signing} configuration: modest defaults, nonsense refused at start. */
class SigningSettingsTest {

  @Test
  void defaultsAreThreeCertificatesPerTypeAndHour() {
    var settings = SigningSettings.defaults();

    assertThat(settings.limit().certificates()).isEqualTo(3);
    assertThat(settings.limit().window()).isEqualTo(Duration.ofHours(1));
    assertThat(settings.caAttempts()).isEqualTo(8);
  }

  @Test
  void backoffDoublesUpToItsMaximum() {
    var settings = new SigningSettings(null, null, null, 2, 60);

    assertThat(settings.backoff(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.backoff(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(settings.backoff(5)).isEqualTo(Duration.ofSeconds(32));
    assertThat(settings.backoff(6)).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.backoff(1000)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void valuesThatCannotWorkAreRefused() {
    assertThatThrownBy(() -> new SigningSettings(0, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("certificatesPerWindow");
    assertThatThrownBy(() -> new SigningSettings(null, 0, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SigningSettings(null, null, 0, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SigningSettings(null, null, null, 10, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRetrySeconds");
  }
}
