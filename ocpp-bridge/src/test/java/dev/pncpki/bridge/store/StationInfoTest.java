package dev.pncpki.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StationInfoTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void bothVersionsAreReadAndFirmwareIsOptional() {
    ObjectNode v16 =
        JSON.createObjectNode().put("chargePointVendor", "V").put("chargePointModel", "M");
    assertThat(StationInfo.reported(v16))
        .contains(new StationInfo.Reported("V", "M", Optional.empty()));
    ObjectNode v201 = JSON.createObjectNode().put("reason", "PowerUp");
    v201.putObject("chargingStation")
        .put("vendorName", "V")
        .put("model", "M")
        .put("firmwareVersion", "1.2");
    assertThat(StationInfo.reported(v201))
        .contains(new StationInfo.Reported("V", "M", Optional.of("1.2")));
    assertThat(StationInfo.reported(JSON.createObjectNode().put("chargePointVendor", "V")))
        .isEmpty();
  }

  @Test
  void controlCharactersBidiControlsAndLoneSurrogatesAreReplaced() {
    ObjectNode v201 = JSON.createObjectNode();
    v201.putObject("chargingStation")
        .put("vendorName", "Acme\u0000\nINFO forged line")
        .put("model", "Wall\u202Ebox\u2066")
        .put("firmwareVersion", "1.0\uD800-\uD83D\uDE00\u0085");
    var r = StationInfo.reported(v201).orElseThrow();
    assertThat(r.vendor()).isEqualTo("Acme\uFFFD\uFFFDINFO forged line");
    assertThat(r.model()).isEqualTo("Wall\uFFFDbox\uFFFD");
    // a surrogate pair (an emoji) is text and stays; the lone one and C1 NEL do not
    assertThat(r.firmwareVersion()).contains("1.0\uFFFD-\uD83D\uDE00\uFFFD");
    ObjectNode v16 =
        JSON.createObjectNode()
            .put("chargePointVendor", "V\u001B[31m")
            .put("chargePointModel", "M\u200F");
    assertThat(StationInfo.reported(v16))
        .contains(new StationInfo.Reported("V\uFFFD[31m", "M\uFFFD", Optional.empty()));
  }
}
