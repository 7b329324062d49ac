package dev.pncpki.bridge.station;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.bridge.ocpp.OcppVersion;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectedStationsTest {

  private static StationSession session(String id) {
    return new StationSession(id, OcppVersion.OCPP201, null, Map.of(), text -> {}, null);
  }

  @Test
  void aReconnectClosesTheOlderConnection() {
    var stations = new ConnectedStations();
    var closed = new AtomicInteger();
    var first = session("CS-1");
    first.onDisconnect(closed::incrementAndGet);
    stations.connected(first);
    var second = session("CS-1");
    stations.connected(second);
    assertThat(closed).hasValue(1);
    assertThat(stations.find("CS-1")).containsSame(second);
    stations.disconnected(first); // the old one's close does not remove the new one
    assertThat(stations.find("CS-1")).containsSame(second);
  }
}
