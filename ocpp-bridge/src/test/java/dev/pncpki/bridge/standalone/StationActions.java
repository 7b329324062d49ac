package dev.pncpki.bridge.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.ocpp.OcppVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * Every action a charging station sends to a CSMS: OCPP 1.6 core profile and security whitepaper,
 * OCPP 2.0.1 and 2.1. A bridge running alone must answer each of them. Shared by the standalone
 * tests and StandaloneIT, with a schema-valid example request of each in {@code
 * /standalone/requests.json}.
 */
public final class StationActions {
  private static final Set<String> OCPP201 =
      Set.of(
          "Authorize",
          "BootNotification",
          "ClearedChargingLimit",
          "DataTransfer",
          "FirmwareStatusNotification",
          "Get15118EVCertificate",
          "GetCertificateStatus",
          "Heartbeat",
          "LogStatusNotification",
          "MeterValues",
          "NotifyChargingLimit",
          "NotifyCustomerInformation",
          "NotifyDisplayMessages",
          "NotifyEVChargingNeeds",
          "NotifyEVChargingSchedule",
          "NotifyEvent",
          "NotifyMonitoringReport",
          "NotifyReport",
          "PublishFirmwareStatusNotification",
          "ReportChargingProfiles",
          "ReservationStatusUpdate",
          "SecurityEventNotification",
          "SignCertificate",
          "StatusNotification",
          "TransactionEvent");

  /** OCPP 2.1 adds these to 2.0.1's (Part 2 K21, C18, R02-R04, N13, M07). */
  private static final Set<String> OCPP21 =
      union(
          OCPP201,
          Set.of(
              "ClosePeriodicEventStream",
              "GetCertificateChainStatus",
              "NotifyDERAlarm",
              "NotifyDERStartStop",
              "NotifyPriorityCharging",
              "NotifySettlement",
              "ReportDERControl"));

  public static final Map<OcppVersion, Set<String>> FROM_STATION =
      Map.of(
          OcppVersion.OCPP16,
          Set.of(
              "Authorize",
              "BootNotification",
              "DataTransfer",
              "DiagnosticsStatusNotification",
              "FirmwareStatusNotification",
              "Heartbeat",
              "MeterValues",
              "StartTransaction",
              "StatusNotification",
              "StopTransaction",
              "SecurityEventNotification",
              "SignCertificate",
              "LogStatusNotification",
              "SignedFirmwareStatusNotification"),
          OcppVersion.OCPP201,
          OCPP201,
          OcppVersion.OCPP21,
          OCPP21);

  /**
   * Answered in standalone mode by the bridge's other features (certificates, status, pnc), as
   * BridgeApplication assembles the handlers, and therefore not in StandaloneHandlers' table.
   */
  public static final Set<String> ANSWERED_ELSEWHERE =
      Set.of(
          "SignCertificate",
          "Get15118EVCertificate",
          "GetCertificateStatus",
          "SecurityEventNotification",
          "Authorize",
          "GetCertificateChainStatus");

  private StationActions() {}

  private static Set<String> union(Set<String> a, Set<String> b) {
    var all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  /** The example requests, by subprotocol ({@code ocpp1.6}, {@code ocpp2.0.1}) and action. */
  public static JsonNode examples() {
    try (InputStream in = StationActions.class.getResourceAsStream("/standalone/requests.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
