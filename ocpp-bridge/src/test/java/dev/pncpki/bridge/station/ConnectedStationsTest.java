package dev.pncpki.bridge.station;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.bridge.ocpp.OcppVersion;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectedStationsTest {

  private static StationSession session(String id) {
    return new StationSession(
        id, RouteTable.of(OcppVersion.OCPP201).build(), null, text -> {}, null);
  }

  @Test
  void aReconnectClosesTheOlderConnection() {
    var stations = new ConnectedStations();
    var closed = new AtomicInteger();
    var reason = new java.util.concurrent.atomic.AtomicReference<String>();
    var first = session("CS-1");
    first.onDisconnect(
        (code, why) -> {
          closed.incrementAndGet();
          reason.set(code + " " + why);
        });
    stations.connected(first);
    var second = session("CS-1");
    stations.connected(second);
    assertThat(closed).hasValue(1);
    assertThat(reason).hasValue("1000 replaced by a newer connection");
    assertThat(stations.find("CS-1")).containsSame(second);
    stations.disconnected(first); // the old one's close does not remove the new one
    assertThat(stations.find("CS-1")).containsSame(second);
  }
}
