package dev.pncpki.bridge.app;

import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.pnc.PncDataTransfer;
import dev.pncpki.bridge.station.Handler;
import dev.pncpki.bridge.station.RouteTable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the bridge answers and sends, one table per OCPP version. The certificate and status
 * messages are always answered here; the rest of what a station sends is answered here only without
 * an upstream CSMS (standalone mode) and otherwise goes to the CSMS. OCPP 1.6 stations reach the
 * Plug &amp; Charge messages through DataTransfer, which wraps the 2.0.1 table.
 */
public final class OcppRoutes {
  private OcppRoutes() {}

  /**
   * The handlers by action: {@code own} always (certificates, status), {@code standalone} only when
   * the bridge runs without a CSMS (empty in proxy mode).
   */
  public record Answers(Map<String, Handler> own, Map<String, Handler> standalone) {
    Optional<Handler> of(String action) {
      return Optional.ofNullable(own.get(action))
          .or(() -> Optional.ofNullable(standalone.get(action)));
    }
  }

  /** The tables; {@link #pnc} is the 1.6 DataTransfer wrapper that the outbox also uses. */
  public record Tables(Map<OcppVersion, RouteTable> byVersion, PncDataTransfer pnc) {
    public RouteTable of(OcppVersion version) {
      return byVersion.get(version);
    }
  }

  public static Tables of(Answers answers, MessageSchemas schemas) {
    RouteTable v201 = ocpp201(answers);
    var pnc = new PncDataTransfer(schemas, v201);
    Map<OcppVersion, RouteTable> tables = new EnumMap<>(OcppVersion.class);
    tables.put(OcppVersion.OCPP16, ocpp16(answers, pnc));
    tables.put(OcppVersion.OCPP201, v201);
    tables.put(OcppVersion.OCPP21, ocpp21(answers));
    return new Tables(Map.copyOf(tables), pnc);
  }

  /** OCPP-J 1.6 with the security whitepaper (edition 2) and the Plug &amp; Charge DataTransfer. */
  static RouteTable ocpp16(Answers answers, PncDataTransfer pnc) {
    var table = RouteTable.of(OcppVersion.OCPP16);
    fromStation(
        table,
        answers,
        List.of(
            "Authorize",
            "BootNotification",
            "DiagnosticsStatusNotification",
            "FirmwareStatusNotification",
            "Heartbeat",
            "LogStatusNotification",
            "MeterValues",
            "SecurityEventNotification",
            "SignCertificate",
            "SignedFirmwareStatusNotification",
            "StartTransaction",
            "StatusNotification",
            "StopTransaction"));
    return table
        .answer("DataTransfer", pnc)
        .send("CertificateSigned")
        .send("ChangeConfiguration")
        .send("DataTransfer")
        .send("DeleteCertificate")
        .send("ExtendedTriggerMessage")
        .send("GetInstalledCertificateIds")
        .send("GetLog")
        .send("InstallCertificate")
        .send("Reset")
        .send("TriggerMessage")
        .build();
  }

  /** The 2.0.1 actions a station sends that the bridge takes part in (Part 2, by use case). */
  private static final List<String> FROM_STATION_201 =
      List.of(
          "Authorize", // C01, C07
          "BootNotification", // B01
          "ClearedChargingLimit", // K13
          "DataTransfer", // P01
          "FirmwareStatusNotification", // L01
          "Get15118EVCertificate", // M01, M02
          "GetCertificateStatus", // M06
          "Heartbeat", // G02
          "LogStatusNotification", // N01
          "MeterValues", // J01
          "NotifyChargingLimit", // K11
          "NotifyCustomerInformation", // N09
          "NotifyDisplayMessages", // O03
          "NotifyEVChargingNeeds", // K15
          "NotifyEVChargingSchedule", // K15
          "NotifyEvent", // N07
          "NotifyMonitoringReport", // N02
          "NotifyReport", // B07
          "PublishFirmwareStatusNotification", // L03
          "ReportChargingProfiles", // K09
          "ReservationStatusUpdate", // H04
          "SecurityEventNotification", // A04
          "SignCertificate", // A02, A03
          "StatusNotification", // G01
          "TransactionEvent"); // E01-E15

  /** The CALLs the bridge sends a 2.0.1 or 2.1 station. */
  private static final List<String> TO_STATION_201 =
      List.of(
          "CertificateSigned", // A02, A03
          "DeleteCertificate", // M04
          "GetInstalledCertificateIds", // M03
          "GetLog", // N01
          "InstallCertificate", // M05
          "Reset", // B11, B12
          "SetNetworkProfile", // B09
          "SetVariables", // B05
          "TriggerMessage"); // F06

  static RouteTable ocpp201(Answers answers) {
    var table = RouteTable.of(OcppVersion.OCPP201);
    fromStation(table, answers, FROM_STATION_201);
    TO_STATION_201.forEach(table::send);
    return table.build();
  }

  /**
   * OCPP 2.1: the 2.0.1 actions (their 2.1 schemas add optional fields, such as SignCertificate's
   * requestId and hashRootCertificate), and what 2.1 adds that the bridge takes part in.
   */
  static RouteTable ocpp21(Answers answers) {
    var table = RouteTable.of(OcppVersion.OCPP21);
    fromStation(table, answers, FROM_STATION_201);
    fromStation(
        table,
        answers,
        List.of(
            "ClosePeriodicEventStream", // N13
            "GetCertificateChainStatus", // M07
            "NotifyDERAlarm", // R04
            "NotifyDERStartStop", // R03
            "NotifyPriorityCharging", // K21
            "NotifySettlement", // C18
            "ReportDERControl")); // R02
    TO_STATION_201.forEach(table::send);
    return table.build();
  }

  private static void fromStation(RouteTable.Builder table, Answers answers, List<String> actions) {
    actions.forEach(action -> table.answer(action, answers.of(action)));
  }
}
