package dev.pncpki.bridge.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.station.Handler;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What a CSMS answers a station, for when the bridge runs alone: the charging-station-to-CSMS
 * actions of OCPP 1.6 (core profile and security whitepaper), 2.0.1 and 2.1 that keep a station
 * connected and working get the answer the specification gives a CSMS. SignCertificate,
 * Get15118EVCertificate, GetCertificateStatus, GetCertificateChainStatus, SecurityEventNotification
 * and Authorize are answered by their own features (certificates, status), and a 1.6 Plug &amp;
 * Charge DataTransfer by pnc; they are not here.
 *
 * <p>By action name: each version's route table takes the answers of the actions it has. Where the
 * versions share a name, the answer below fits each of their schemas.
 */
public final class StandaloneHandlers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HEARTBEAT_SECONDS = 300;

  private StandaloneHandlers() {}

  /**
   * Notifications: the CSMS takes note, and their responses have no field the bridge must set (a
   * 2.0.1 response's only field is the optional customData).
   */
  private static final Set<String> NOTIFICATIONS =
      Set.of(
          "StatusNotification", // 2.0.1 G01; 1.6 section 4.9
          "MeterValues", // 2.0.1 J01/J02; 1.6 section 4.7
          "FirmwareStatusNotification", // 2.0.1 L01; 1.6 section 4.5
          "DiagnosticsStatusNotification", // 1.6 section 4.4
          "SignedFirmwareStatusNotification", // 1.6 security whitepaper, secure firmware update
          "PublishFirmwareStatusNotification", // 2.0.1 L03
          "NotifyEvent", // 2.0.1 N07/N08
          "NotifyReport", // 2.0.1 B07/B08
          "NotifyMonitoringReport", // 2.0.1 N02
          "NotifyCustomerInformation", // 2.0.1 N09
          "NotifyDisplayMessages", // 2.0.1 O03/O04
          "NotifyChargingLimit", // 2.0.1 K11/K12
          "ClearedChargingLimit", // 2.0.1 K13
          "ReportChargingProfiles", // 2.0.1 K09
          "ReservationStatusUpdate", // 2.0.1 H04
          "NotifyPriorityCharging", // 2.1 K21
          "NotifySettlement", // 2.1 C18 (the response's receipt fields are optional)
          "NotifyDERAlarm", // 2.1 R04
          "NotifyDERStartStop", // 2.1 R03
          "ReportDERControl", // 2.1 R02
          "ClosePeriodicEventStream"); // 2.1 N13

  /**
   * @param booted hears each BootNotification (station id, payload) before it is answered
   * @param logStatus hears each LogStatusNotification (station id, payload), the progress of a
   *     GetLog upload, before it is answered
   */
  public static Map<String, Handler> of(
      Clock clock, BiConsumer<String, JsonNode> booted, BiConsumer<String, JsonNode> logStatus) {
    Map<String, Handler> table = new HashMap<>(answers(clock, booted, logStatus));
    for (String action : NOTIFICATIONS) {
      table.put(action, (s, p) -> empty());
    }
    return Map.copyOf(table);
  }

  private static Map<String, Handler> answers(
      Clock clock, BiConsumer<String, JsonNode> booted, BiConsumer<String, JsonNode> logStatus) {
    var transactions = new Transactions(TransactionIds.random());
    return Map.of(
        // OCPP 2.0.1 Part 2 B01; 1.6 section 4.2
        "BootNotification",
        (s, p) -> {
          booted.accept(s.stationId(), p);
          return Handler.Reply.of(
              JSON.createObjectNode()
                  .put("status", "Accepted")
                  .put("currentTime", now(clock))
                  .put("interval", HEARTBEAT_SECONDS));
        },
        // 2.0.1 G02; 1.6 section 4.6
        "Heartbeat",
        (s, p) -> Handler.Reply.of(JSON.createObjectNode().put("currentTime", now(clock))),
        // 1.6 sections 4.8 and 4.10; 2.0.1 E01-E15
        "StartTransaction",
        transactions::start,
        "StopTransaction",
        transactions::stop,
        "TransactionEvent",
        transactions::event,
        // 2.0.1 N01; 1.6 security whitepaper, GetLog: heard, then the empty answer
        "LogStatusNotification",
        (s, p) -> {
          logStatus.accept(s.stationId(), p);
          return empty();
        },
        // 2.0.1 K15: Accepted means "a schedule will be provided momentarily" and Processing that
        // the CSMS is gathering information for one; the bridge does no smart charging and sends
        // no SetChargingProfile, so the honest answer is Rejected ("service not available"), after
        // which the station charges within the limits it already has.
        "NotifyEVChargingNeeds",
        (s, p) -> status("Rejected"),
        // 2.0.1 K15/K17: the status says whether the CSMS could process the message and "does not
        // imply any approval of the charging schedule"; with no limits of its own there is nothing
        // the EV's schedule could break.
        "NotifyEVChargingSchedule",
        (s, p) -> status("Accepted"),
        // 2.0.1 P01; 1.6 section 4.3: the bridge knows no vendor's data. A 1.6 station's Plug &
        // Charge DataTransfer is answered by its own feature (pnc), not here.
        "DataTransfer",
        (s, p) -> status("UnknownVendorId"));
  }

  private static Handler.Reply empty() {
    return Handler.Reply.of(JSON.createObjectNode());
  }

  private static Handler.Reply status(String status) {
    return Handler.Reply.of(JSON.createObjectNode().put("status", status));
  }

  private static String now(Clock clock) {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
