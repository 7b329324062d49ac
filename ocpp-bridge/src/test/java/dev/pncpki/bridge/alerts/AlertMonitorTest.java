package dev.pncpki.bridge.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AlertMonitorTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Set<Alert.Kind> OCSP = Set.of(Alert.Kind.OCSP_NEAR_NEXT_UPDATE);

  private final RecordingSink sink = new RecordingSink();
  private final Alerts alerts = new Alerts(List.of(sink));

  @Test
  void aCheckThatThrowsKeepsItsAlertsAndTheOthersStillRun() {
    AtomicReference<List<Alert>> ocsp =
        new AtomicReference<>(List.of(Alert.ocspStale("CS-1", NOW.plusSeconds(60), NOW)));
    Check failing =
        Check.of(
            Set.of(Alert.Kind.STATION_AT_RISK),
            () -> {
              throw new IOException("database down");
            });
    Check wrongKind = Check.of(OCSP, () -> List.of(Alert.waveFailed("c", 1, 1, 2, NOW)));
    try (var monitor =
        new AlertMonitor(
            alerts,
            List.of(failing, wrongKind, Check.of(OCSP, ocsp::get)),
            Duration.ofMinutes(1))) {
      alerts.raise(Alert.stationAtRisk("CS-9", "V2GCertificate", NOW, "renewal failed", NOW));

      assertThat(monitor.runOnce()).isEqualTo(2);
      assertThat(alerts.active())
          .extracting(Alert::key)
          .containsExactly("station:CS-9:V2GCertificate", "ocsp:CS-1");

      ocsp.set(List.of());
      monitor.runOnce();
      assertThat(alerts.active())
          .extracting(Alert::key)
          .containsExactly("station:CS-9:V2GCertificate");
      assertThat(sink.events)
          .containsExactly(
              "raised station:CS-9:V2GCertificate", "raised ocsp:CS-1", "cleared ocsp:CS-1");
    }
  }

  @Test
  void runsTheChecksOnItsSchedule() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(2);
    Check counting =
        Check.of(
            OCSP,
            () -> {
              ran.countDown();
              return List.of();
            });
    try (var monitor = new AlertMonitor(alerts, List.of(counting), Duration.ofMillis(50))) {
      monitor.start();
      assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }
}
