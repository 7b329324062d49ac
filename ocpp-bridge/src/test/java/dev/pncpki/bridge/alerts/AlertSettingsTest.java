package dev.pncpki.bridge.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlertSettingsTest {
  @Test
  void defaults() {
    var s = AlertSettings.defaults();
    assertThat(s.checkIntervalSeconds()).isEqualTo(60);
    assertThat(s.caCertificateDays()).isEqualTo(30);
    assertThat(s.crlHours()).isEqualTo(12);
    assertThat(s.ocspHours()).isEqualTo(12);
    assertThat(s.stationRiskDays()).isEqualTo(14);
    assertThat(s.webhook()).isNull();
    assertThat(s.crlWindow()).isEqualTo(Duration.ofHours(12));
    assertThat(s.caCertificateWindow()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void readsYamlAndFillsWhatIsLeftOut() throws Exception {
    var s =
        new ObjectMapper(new YAMLFactory())
            .readValue(
                """
                crlHours: 24
                webhook:
                  url: https://noc.example/pnc
                  secret: 0123456789abcdef
                """,
                AlertSettings.class);
    assertThat(s.crlHours()).isEqualTo(24);
    assertThat(s.checkIntervalSeconds()).isEqualTo(60);
    assertThat(s.webhook().url()).isEqualTo("https://noc.example/pnc");
  }

  @Test
  void refusesValuesOutOfRange() {
    assertThatThrownBy(() -> new AlertSettings(0, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AlertSettings(null, -1, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AlertSettings(null, null, -1, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AlertSettings(null, null, null, -1, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AlertSettings(null, null, null, null, -1, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new AlertSettings.Webhook("https://noc.example/pnc", "0123456789abcde"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
