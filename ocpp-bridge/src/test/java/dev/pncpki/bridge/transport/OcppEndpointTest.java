package dev.pncpki.bridge.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.bridge.ocpp.OcppVersion;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The subprotocol a station gets: the newest it offers that the bridge (and its CSMS) speaks. */
class OcppEndpointTest {
  private static final Set<OcppVersion> ALL = EnumSet.allOf(OcppVersion.class);

  @Test
  void theNewestOfferedVersionWins() {
    assertThat(OcppEndpoint.choose(List.of("ocpp1.6", "ocpp2.0.1", "ocpp2.1"), ALL))
        .contains(OcppVersion.OCPP21);
    assertThat(OcppEndpoint.choose(List.of("ocpp1.6", "ocpp2.0.1"), ALL))
        .contains(OcppVersion.OCPP201);
    assertThat(OcppEndpoint.choose(List.of("ocpp1.6"), ALL)).contains(OcppVersion.OCPP16);
    assertThat(OcppEndpoint.choose(List.of("ocpp2.0", "wamp"), ALL)).isEmpty();
  }

  @Test
  void behindACsmsOnlyItsVersionsAreOffered() {
    // a CSMS that speaks 2.0.1 and 1.6: a station offering 2.1 too gets 2.0.1, not a dead end
    var csms = EnumSet.of(OcppVersion.OCPP201, OcppVersion.OCPP16);
    assertThat(OcppEndpoint.choose(List.of("ocpp2.1", "ocpp2.0.1"), csms))
        .contains(OcppVersion.OCPP201);
    assertThat(OcppEndpoint.choose(List.of("ocpp2.1"), csms)).isEmpty();
  }
}
