package dev.pncpki.bridge.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void theJsonViewHasEveryFieldWithAnIsoSince() {
    var json =
        Alert.stationAtRisk(
                "CS-1",
                "ChargingStationCertificate",
                NOW.plus(Duration.ofDays(10)),
                "renewal failed",
                NOW)
            .toJson();

    assertThat(json.path("kind").asText()).isEqualTo("station-at-risk");
    assertThat(json.path("key").asText()).isEqualTo("station:CS-1:ChargingStationCertificate");
    assertThat(json.path("subject").asText()).isEqualTo("CS-1");
    assertThat(json.path("severity").asText()).isEqualTo("warning");
    assertThat(json.path("detail").asText()).contains("renewal failed").contains("in 10 days");
    assertThat(json.path("since").asText()).isEqualTo("2026-03-01T12:00:00Z");
    assertThat(json.size()).isEqualTo(6);
  }

  @Test
  void passedAndExpiredAreCritical() {
    assertThat(Alert.ocspStale("CS-1", NOW.plusSeconds(3600), NOW).severity())
        .isEqualTo(Alert.Severity.WARNING);
    assertThat(Alert.ocspStale("CS-1", NOW.minusSeconds(1), NOW).severity())
        .isEqualTo(Alert.Severity.CRITICAL);
    assertThat(Alert.crlNearNextUpdate("sub", "u", NOW.minusSeconds(1), NOW).severity())
        .isEqualTo(Alert.Severity.CRITICAL);
    assertThat(Alert.caExpiring("sub", NOW.plus(Duration.ofDays(8)), NOW).severity())
        .isEqualTo(Alert.Severity.WARNING);
    assertThat(Alert.caExpiring("sub", NOW.plus(Duration.ofDays(6)), NOW).severity())
        .isEqualTo(Alert.Severity.CRITICAL);
    assertThat(Alert.caExpiring("sub", NOW.minus(Duration.ofDays(1)), NOW).detail())
        .contains("ended");
  }

  @Test
  void aWaveIsCriticalWhenHalfOrMoreFailed() {
    assertThat(Alert.waveFailed("c", 2, 4, 10, NOW).severity()).isEqualTo(Alert.Severity.WARNING);
    assertThat(Alert.waveFailed("c", 2, 5, 10, NOW).severity()).isEqualTo(Alert.Severity.CRITICAL);
    assertThat(Alert.waveFailed("c", 2, 5, 10, NOW).key()).isEqualTo("campaign:c:wave:2");
  }

  @Test
  void aRevokedCaWithStationsIsCriticalAndNamesTheCommand() {
    Alert a =
        Alert.caRevoked(
            "cpo-sub-ca-2",
            "CN=PnC Demo CPO Sub-CA 2,O=pnc-pki demo CPO,C=DE",
            3,
            "V2GCertificate 2, ChargingStationCertificate 1",
            "bin/pnc-bridge campaign-start rotate --revoked-ca cpo-sub-ca-2 --watch",
            NOW);
    assertThat(a.kind().wireName()).isEqualTo("ca-revoked");
    assertThat(a.key()).isEqualTo("ca-revoked:cpo-sub-ca-2");
    assertThat(a.subject()).isEqualTo("cpo-sub-ca-2");
    assertThat(a.severity()).isEqualTo(Alert.Severity.CRITICAL);
    assertThat(a.detail())
        .isEqualTo(
            "CA cpo-sub-ca-2 (CN=PnC Demo CPO Sub-CA 2,O=pnc-pki demo CPO,C=DE) is revoked and"
                + " issued the current certificates of 3 station(s) (V2GCertificate 2,"
                + " ChargingStationCertificate 1); move them: bin/pnc-bridge campaign-start rotate"
                + " --revoked-ca cpo-sub-ca-2 --watch");
  }

  @Test
  void logLinesCannotBeForged() {
    assertThat(LogSink.clean("CS-1\nalert cleared: all well")).doesNotContain("\n");
  }
}
