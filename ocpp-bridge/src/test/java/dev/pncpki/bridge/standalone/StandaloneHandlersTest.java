package dev.pncpki.bridge.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.bridge.ocpp.OcppException;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.station.Channel;
import dev.pncpki.bridge.station.Handler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StandaloneHandlersTest {
  private static final JsonNode EXAMPLES = StationActions.examples();
  private final List<String> heard = new ArrayList<>();
  private final Map<String, Handler> handlers =
      StandaloneHandlers.of(
          Clock.fixed(Instant.parse("2026-11-22T12:00:00.750Z"), ZoneOffset.UTC),
          (station, payload) -> heard.add("boot " + station + " " + payload),
          (station, payload) -> heard.add("log " + station + " " + payload));

  /** A station as handlers see it; the standalone answers send no CALLs of their own. */
  private record Station(String stationId, OcppVersion version) implements Channel {
    @Override
    public CompletableFuture<JsonNode> call(String action, JsonNode payload) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException(action));
    }
  }

  private JsonNode answer(OcppVersion version, String action) throws OcppException {
    JsonNode request = EXAMPLES.path(version.subprotocol()).path(action);
    return answer(version, action, request);
  }

  private JsonNode answer(OcppVersion version, String action, JsonNode request)
      throws OcppException {
    return handlers.get(action).handle(new Station("CS-0001", version), request).payload();
  }

  @Test
  void everyActionOfAStationIsAnsweredHereOrByAnotherFeature() {
    Set<String> all = new HashSet<>();
    StationActions.FROM_STATION.values().forEach(all::addAll);
    Set<String> covered = new HashSet<>(handlers.keySet());
    covered.addAll(StationActions.ANSWERED_ELSEWHERE);
    assertThat(covered).isEqualTo(all);
    assertThat(handlers.keySet()).doesNotContainAnyElementsOf(StationActions.ANSWERED_ELSEWHERE);
  }

  @Test
  void theExamplesAreTheActionsOfEachVersion() {
    for (var version : OcppVersion.values()) {
      Set<String> names = new HashSet<>();
      EXAMPLES.path(version.subprotocol()).fieldNames().forEachRemaining(names::add);
      assertThat(names)
          .as(version.subprotocol())
          .isEqualTo(StationActions.FROM_STATION.get(version));
    }
  }

  @Test
  void bootNotificationIsAcceptedAndHeard() throws Exception {
    JsonNode boot = answer(OcppVersion.OCPP201, "BootNotification");
    assertThat(boot.path("status").asText()).isEqualTo("Accepted");
    assertThat(boot.path("interval").asInt()).isEqualTo(300);
    assertThat(boot.path("currentTime").asText()).isEqualTo("2026-11-22T12:00:00Z");
    assertThat(heard).singleElement().asString().startsWith("boot CS-0001 {\"chargingStation\"");
  }

  @Test
  void logStatusNotificationReachesItsListenerInBothVersions() throws Exception {
    assertThat(answer(OcppVersion.OCPP16, "LogStatusNotification")).isEmpty();
    assertThat(answer(OcppVersion.OCPP201, "LogStatusNotification")).isEmpty();
    assertThat(heard)
        .containsExactly(
            "log CS-0001 {\"status\":\"Uploaded\",\"requestId\":1}",
            "log CS-0001 {\"status\":\"Uploaded\",\"requestId\":1}");
  }

  @Test
  void anOcpp16TransactionGetsAnIdButItsUnknownIdTagIsInvalid() throws Exception {
    JsonNode first = answer(OcppVersion.OCPP16, "StartTransaction");
    JsonNode second = answer(OcppVersion.OCPP16, "StartTransaction");
    assertThat(first.path("idTagInfo").path("status").asText()).isEqualTo("Invalid");
    assertThat(first.path("transactionId").isInt()).isTrue();
    assertThat(first.path("transactionId").asInt()).isPositive();
    assertThat(second.path("transactionId").asInt())
        .isNotEqualTo(first.path("transactionId").asInt());

    JsonNode stop = answer(OcppVersion.OCPP16, "StopTransaction");
    assertThat(stop.path("idTagInfo").path("status").asText()).isEqualTo("Invalid");
    var withoutIdTag = EXAMPLES.path("ocpp1.6").path("StopTransaction").deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) withoutIdTag).remove("idTag");
    assertThat(answer(OcppVersion.OCPP16, "StopTransaction", withoutIdTag)).isEmpty();
  }

  @Test
  void aTransactionEventHasIdTokenInfoOnlyForAnIdToken() throws Exception {
    JsonNode started = answer(OcppVersion.OCPP201, "TransactionEvent");
    assertThat(started.path("idTokenInfo").path("status").asText()).isEqualTo("Unknown");
    assertThat(started.size()).isEqualTo(1);
    var withoutIdToken = EXAMPLES.path("ocpp2.0.1").path("TransactionEvent").deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) withoutIdToken).remove("idToken");
    assertThat(answer(OcppVersion.OCPP201, "TransactionEvent", withoutIdToken)).isEmpty();
  }

  @Test
  void noSmartChargingHere() throws Exception {
    assertThat(answer(OcppVersion.OCPP201, "NotifyEVChargingNeeds").path("status").asText())
        .isEqualTo("Rejected");
    assertThat(answer(OcppVersion.OCPP201, "NotifyEVChargingSchedule").path("status").asText())
        .isEqualTo("Accepted");
  }

  @Test
  void notificationsGetTheEmptyAnswer() throws Exception {
    for (var version : OcppVersion.values()) {
      for (String action :
          List.of("StatusNotification", "MeterValues", "FirmwareStatusNotification")) {
        assertThat(answer(version, action)).as(version + " " + action).isEmpty();
      }
    }
    for (String action :
        List.of(
            "NotifyEvent",
            "NotifyReport",
            "NotifyMonitoringReport",
            "NotifyCustomerInformation",
            "NotifyDisplayMessages",
            "NotifyChargingLimit",
            "ClearedChargingLimit",
            "ReportChargingProfiles",
            "ReservationStatusUpdate",
            "PublishFirmwareStatusNotification")) {
      assertThat(answer(OcppVersion.OCPP201, action)).as(action).isEmpty();
    }
    assertThat(answer(OcppVersion.OCPP16, "DiagnosticsStatusNotification")).isEmpty();
    assertThat(answer(OcppVersion.OCPP16, "SignedFirmwareStatusNotification")).isEmpty();
  }
}
