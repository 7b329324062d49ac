package dev.pncpki.bridge.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricsSinkTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void gaugesFollowTheHubAndTheMeterCountsRaises() {
    var registry = new MetricRegistry();
    var alerts = new Alerts();
    MetricsSink.register(registry, alerts);

    alerts.raise(Alert.waveFailed("c", 1, 1, 10, NOW));
    alerts.raise(Alert.ocspStale("CS-1", NOW, NOW));
    alerts.raise(Alert.ocspStale("CS-2", NOW, NOW));
    alerts.clear("ocsp:CS-2");

    assertThat(registry.getGauges().get("alerts.active").getValue()).isEqualTo(2);
    assertThat(registry.getGauges().get("alerts.active.ocsp-near-next-update").getValue())
        .isEqualTo(1L);
    assertThat(registry.getGauges().get("alerts.active.station-at-risk").getValue()).isEqualTo(0L);
    assertThat(registry.meter("alerts.raised").getCount()).isEqualTo(3);
  }
}
