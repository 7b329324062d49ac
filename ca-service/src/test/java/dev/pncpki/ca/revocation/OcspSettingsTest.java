package dev.pncpki.ca.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OcspSettingsTest {

  @Test
  void defaultsCoverTheWeekOcppStationsCacheAndRefreshAtHalfOfIt() {
    OcspSettings defaults = OcspSettings.defaults();

    assertThat(defaults.validity()).isEqualTo(Duration.ofDays(7));
    assertThat(defaults.refreshAfter()).isEqualTo(Duration.ofHours(84));
    assertThat(defaults.maxSingleRequests()).isEqualTo(10);
    assertThat(defaults.withValidity(Duration.ofDays(2)).refreshAfter())
        .isEqualTo(Duration.ofDays(1));
  }

  @Test
  void settingsThatCannotWorkAreRefused() {
    Duration week = Duration.ofDays(7);
    assertThatThrownBy(() -> new OcspSettings(Duration.ZERO, Duration.ZERO, 10, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OcspSettings(week, week.plusSeconds(1), 10, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refreshAfter");
    assertThatThrownBy(() -> new OcspSettings(week, week, 0, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OcspSettings(week, week, 10, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
