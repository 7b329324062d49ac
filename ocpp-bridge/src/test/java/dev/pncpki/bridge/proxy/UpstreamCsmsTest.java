package dev.pncpki.bridge.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UpstreamCsmsTest {

  @Test
  void eachStationHasItsOwnUrl() {
    var csms = new UpstreamCsms("wss://csms.example:8443/ocpp/", null, null, null, null, null);
    assertThat(csms.stationUri("CS-0001")).hasToString("wss://csms.example:8443/ocpp/CS-0001");
    // '|' is allowed in an OCPP identifierString but not in a URL path
    assertThat(csms.stationUri("CS|1")).hasToString("wss://csms.example:8443/ocpp/CS%7C1");
    assertThat(csms.connectTimeoutSeconds()).isEqualTo(10);
  }

  @Test
  void theBridgeLogsInAsTheStationWithItsOwnPassword() {
    var csms = new UpstreamCsms("ws://127.0.0.1:9000/ocpp", "s3cret", null, null, 3, null);
    String basic = csms.authorization("CS-0001").orElseThrow();
    assertThat(basic).startsWith("Basic ");
    assertThat(new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8))
        .isEqualTo("CS-0001:s3cret");
    assertThat(csms.toString()).doesNotContain("s3cret");
    assertThat(
            new UpstreamCsms("ws://h/ocpp", null, null, null, null, null).authorization("CS-0001"))
        .isEmpty();
  }

  @Test
  void onlyWebSocketUrlsAreTaken() {
    assertThatThrownBy(() -> new UpstreamCsms("https://csms.example", null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UpstreamCsms(null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UpstreamCsms("ws://h/ocpp", null, null, null, 0, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCsmsVersionsDefaultTo201And16AndAreChecked() {
    assertThat(new UpstreamCsms("ws://h/ocpp", null, null, null, null, null).versions())
        .containsExactlyInAnyOrder(
            dev.pncpki.bridge.ocpp.OcppVersion.OCPP201, dev.pncpki.bridge.ocpp.OcppVersion.OCPP16);
    assertThat(
            new UpstreamCsms("ws://h/ocpp", null, null, null, null, java.util.List.of("ocpp2.1"))
                .versions())
        .containsExactly(dev.pncpki.bridge.ocpp.OcppVersion.OCPP21);
    assertThatThrownBy(
            () ->
                new UpstreamCsms(
                    "ws://h/ocpp", null, null, null, null, java.util.List.of("ocpp2.0")))
        .hasMessageContaining("upstream.subprotocols");
  }
}
