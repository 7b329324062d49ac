package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.standalone.StationActions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bridge without a CSMS keeps a station connected: the Python ocpp library, as a 1.6 and as a
 * 2.0.1 station, sends every action a station sends a CSMS (a valid example of each) and checks
 * every answer against the OCA schemas itself; each one is a CALLRESULT with the meaning a CSMS
 * would give it, and the station is still connected afterwards.
 */
class StandaloneIT {
  @TempDir static Path dir;
  static Peers peers;
  static Map<String, String> requests;

  @BeforeAll
  static void start() throws Exception {
    peers = new Peers(dir);
    Path file = dir.resolve("requests.json");
    try (var in = StandaloneIT.class.getResourceAsStream("/standalone/requests.json")) {
      Files.write(file, in.readAllBytes());
    }
    requests = Map.of("CHARGER_REQUESTS", file.toString());
  }

  @AfterAll
  static void stop() {
    peers.close();
  }

  private static JsonNode run(String station, OcppVersion version) throws Exception {
    JsonNode result =
        peers.station(
            peers.url(), requests, station, Peers.PASSWORD, version.subprotocol(), "standalone");
    JsonNode answers = result.path("answers");
    Set<String> actions = new HashSet<>();
    answers.fieldNames().forEachRemaining(actions::add);
    assertThat(actions).isEqualTo(StationActions.FROM_STATION.get(version));
    answers
        .properties()
        .forEach(
            answer ->
                assertThat(answer.getValue().has("callError"))
                    .as(answer.getKey() + ": " + answer.getValue())
                    .isFalse());
    assertThat(result.path("certificateSigned").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.path("heartbeat").asText()).isNotEmpty();
    assertThat(result.path("open").asBoolean()).as("still connected").isTrue();
    return answers;
  }

  @Test
  void anOcpp16StationGetsACentralSystemsAnswerToEachAction() throws Exception {
    JsonNode answers = run("CS-0002", OcppVersion.OCPP16);
    assertThat(answers.at("/BootNotification/status").asText()).isEqualTo("Accepted");
    assertThat(answers.at("/Authorize/idTagInfo/status").asText()).isEqualTo("Invalid");
    assertThat(answers.at("/StartTransaction/idTagInfo/status").asText()).isEqualTo("Invalid");
    assertThat(answers.at("/StartTransaction/transactionId").asInt()).isPositive();
    assertThat(answers.at("/StopTransaction/idTagInfo/status").asText()).isEqualTo("Invalid");
    assertThat(answers.at("/DataTransfer/status").asText()).isEqualTo("UnknownVendorId");
    assertThat(answers.at("/SignCertificate/status").asText()).isEqualTo("Accepted");
    for (String notification :
        new String[] {
          "StatusNotification",
          "MeterValues",
          "DiagnosticsStatusNotification",
          "FirmwareStatusNotification",
          "SignedFirmwareStatusNotification",
          "LogStatusNotification",
          "SecurityEventNotification"
        }) {
      assertThat(answers.path(notification).isEmpty()).as(notification).isTrue();
    }
  }

  @Test
  void anOcpp201StationGetsACsmsAnswerToEachAction() throws Exception {
    JsonNode answers = run("CS-0001", OcppVersion.OCPP201);
    assertThat(answers.at("/BootNotification/status").asText()).isEqualTo("Accepted");
    assertThat(answers.at("/Authorize/idTokenInfo/status").asText()).isEqualTo("Unknown");
    assertThat(answers.at("/TransactionEvent/idTokenInfo/status").asText()).isEqualTo("Unknown");
    assertThat(answers.at("/NotifyEVChargingNeeds/status").asText()).isEqualTo("Rejected");
    assertThat(answers.at("/NotifyEVChargingSchedule/status").asText()).isEqualTo("Accepted");
    assertThat(answers.at("/DataTransfer/status").asText()).isEqualTo("UnknownVendorId");
    assertThat(answers.at("/GetCertificateStatus/status").asText()).isEqualTo("Failed");
    assertThat(answers.at("/SignCertificate/status").asText()).isEqualTo("Accepted");
    assertThat(answers.at("/Get15118EVCertificate/status").asText()).isNotEmpty();
    for (String notification :
        new String[] {
          "StatusNotification",
          "MeterValues",
          "FirmwareStatusNotification",
          "PublishFirmwareStatusNotification",
          "LogStatusNotification",
          "NotifyEvent",
          "NotifyReport",
          "NotifyMonitoringReport",
          "NotifyCustomerInformation",
          "NotifyDisplayMessages",
          "NotifyChargingLimit",
          "ClearedChargingLimit",
          "ReportChargingProfiles",
          "ReservationStatusUpdate",
          "SecurityEventNotification"
        }) {
      assertThat(answers.path(notification).isEmpty()).as(notification).isTrue();
    }
  }
}
