package dev.pncpki.bridge.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.ocpp.OcppVersion;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private static final Handler ANSWER =
      (station, payload) -> Handler.Reply.of(new ObjectMapper().createObjectNode());

  @Test
  void aStationsCallIsFoundWithItsHandlerAndSchemaFiles() {
    var table =
        RouteTable.of(OcppVersion.OCPP21)
            .answer("SignCertificate", ANSWER)
            .answer("BootNotification", Optional.empty())
            .send("CertificateSigned")
            .build();
    var sign = table.find("SignCertificate").orElseThrow();
    assertThat(sign.direction()).isEqualTo(OcppAction.Direction.FROM_STATION);
    assertThat(sign.requestSchema()).isEqualTo("SignCertificateRequest.json");
    assertThat(sign.responseSchema()).isEqualTo("SignCertificateResponse.json");
    assertThat(table.handler("SignCertificate")).containsSame(ANSWER);
    // in the table, left to the CSMS in proxy mode
    assertThat(table.find("BootNotification")).isPresent();
    assertThat(table.handler("BootNotification")).isEmpty();
    assertThat(table.version()).isEqualTo(OcppVersion.OCPP21);
  }

  @Test
  void whatTheBridgeSendsIsNotAnsweredAndTheOtherWayRound() {
    var table =
        RouteTable.of(OcppVersion.OCPP201)
            .answer("SignCertificate", ANSWER)
            .send("CertificateSigned")
            .build();
    assertThat(table.sends("CertificateSigned")).isTrue();
    assertThat(table.find("CertificateSigned")).isEmpty();
    assertThat(table.handler("CertificateSigned")).isEmpty();
    assertThat(table.sends("SignCertificate")).isFalse();
    assertThat(table.sends("GetCertificateChainStatus")).isFalse();
  }

  @Test
  void oneActionMayGoBothWaysButNotTwiceOneWay() {
    var table =
        RouteTable.of(OcppVersion.OCPP16)
            .answer("DataTransfer", ANSWER)
            .send("DataTransfer")
            .build();
    assertThat(table.actions()).hasSize(2);
    assertThat(table.sends("DataTransfer")).isTrue();
    assertThat(table.handler("DataTransfer")).isPresent();
    assertThatThrownBy(() -> RouteTable.of(OcppVersion.OCPP16).send("Reset").send("Reset").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Reset is twice");
  }

  @Test
  void schemaFilesFollowTheVersionsNaming() {
    var v16 = RouteTable.of(OcppVersion.OCPP16).answer("Heartbeat", ANSWER).build();
    assertThat(v16.find("Heartbeat").orElseThrow().requestSchema()).isEqualTo("Heartbeat.json");
    assertThat(v16.find("Heartbeat").orElseThrow().responseSchema())
        .isEqualTo("HeartbeatResponse.json");
  }

  @Test
  void onlyAStationsCallHasAHandler() {
    assertThatThrownBy(
            () ->
                new OcppAction(
                    "Reset",
                    OcppAction.Direction.TO_STATION,
                    "ResetRequest.json",
                    "ResetResponse.json",
                    Optional.of(ANSWER)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
