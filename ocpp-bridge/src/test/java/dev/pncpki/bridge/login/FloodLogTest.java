package dev.pncpki.bridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.bridge.station.SecurityLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A flood becomes the first event at once and one counted event per window; kinds, stations and
 * sources stay apart; made-up station ids beyond the bound fall under one name.
 */
class FloodLogTest {
  private final List<String> recorded = new ArrayList<>();

  private final SecurityLog store =
      new SecurityLog() {
        @Override
        public void bridge(String stationId, String type, String detail) {
          bridge(stationId, type, detail, 1);
        }

        @Override
        public void station(String stationId, String type, String detail) {
          station(stationId, type, detail, 1);
        }

        @Override
        public void bridge(String stationId, String type, String detail, int count) {
          recorded.add("bridge " + stationId + " " + type + " x" + count + ": " + detail);
        }

        @Override
        public void station(String stationId, String type, String detail, int count) {
          recorded.add("station " + stationId + " " + type + " x" + count + ": " + detail);
        }
      };

  @Test
  void aFloodIsRecordedOnceAtOnceAndOnceWithItsCount() {
    var floods = new FloodLog(store, Duration.ofMinutes(1), 100);
    for (int i = 1; i <= 200; i++) {
      floods.bridge("CS-1", "ConnectionRefused", "attempt " + i);
    }
    floods.station("CS-1", "ConnectionRefused", "reported");
    floods.bridge("CS-2", "ConnectionRefused", "once");
    assertThat(recorded)
        .containsExactly(
            "bridge CS-1 ConnectionRefused x1: attempt 1",
            "station CS-1 ConnectionRefused x1: reported",
            "bridge CS-2 ConnectionRefused x1: once");
    floods.endWindow();
    assertThat(recorded)
        .hasSize(4)
        .last()
        .isEqualTo("bridge CS-1 ConnectionRefused x199: attempt 200");
    floods.endWindow();
    assertThat(recorded).as("a quiet window records nothing").hasSize(4);
    floods.bridge("CS-1", "ConnectionRefused", "later");
    assertThat(recorded).as("a new window starts afresh").hasSize(5);
  }

  @Test
  void aStationsOwnNotificationsAreCountedPerTypeAndStayApartFromTheBridges() {
    var floods = new FloodLog(store, Duration.ofMinutes(1), 100);
    for (int i = 1; i <= 200; i++) {
      floods.station("CS-1", "TamperDetectionActivated", "event " + i);
    }
    floods.station("CS-1", "FirmwareUpdated", "once");
    floods.bridge("CS-1", "CsrRejected", "ChargingStationCertificate: another station's CN");
    floods.endWindow();

    assertThat(recorded)
        .containsExactly(
            "station CS-1 TamperDetectionActivated x1: event 1",
            "station CS-1 FirmwareUpdated x1: once",
            "bridge CS-1 CsrRejected x1: ChargingStationCertificate: another station's CN",
            "station CS-1 TamperDetectionActivated x199: event 200");
  }

  @Test
  void onceClosedEachEventIsRecordedAsItComes() {
    var floods = new FloodLog(store, Duration.ofMinutes(1), 100);
    floods.station("CS-1", "TamperDetectionActivated", "before");
    floods.station("CS-1", "TamperDetectionActivated", "counted");
    floods.close();
    floods.station("CS-1", "TamperDetectionActivated", "after 1");
    floods.station("CS-1", "TamperDetectionActivated", "after 2");

    assertThat(recorded)
        .containsExactly(
            "station CS-1 TamperDetectionActivated x1: before",
            "station CS-1 TamperDetectionActivated x1: counted",
            "station CS-1 TamperDetectionActivated x1: after 1",
            "station CS-1 TamperDetectionActivated x1: after 2");
  }

  @Test
  void stationIdsBeyondTheBoundAreCountedTogether() {
    var floods = new FloodLog(store, Duration.ofMinutes(1), 3);
    for (int i = 0; i < 50; i++) {
      floods.bridge("made-up-" + i, "ConnectionRefused", "unknown station made-up-" + i);
    }
    floods.close();
    assertThat(recorded).hasSize(5);
    assertThat(recorded.get(3)).startsWith("bridge (many stations) ConnectionRefused x1:");
    assertThat(recorded.get(4))
        .isEqualTo("bridge (many stations) ConnectionRefused x46: unknown station made-up-49");
  }

  @Test
  void theDefaultCountFormPutsTheCountInTheDetail() {
    List<String> plain = new ArrayList<>();
    SecurityLog log =
        new SecurityLog() {
          @Override
          public void bridge(String stationId, String type, String detail) {
            plain.add(detail);
          }

          @Override
          public void station(String stationId, String type, String detail) {
            plain.add(detail);
          }
        };
    log.bridge("CS-1", "ConnectionRefused", "wrong password", 3);
    log.station("CS-1", "X", "y", 1);
    assertThat(plain).containsExactly("3 times, the last: wrong password", "y");
  }
}
