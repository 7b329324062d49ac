package dev.pncpki.bridge.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.station.Route;

/**
 * The trigger CALL that asks a station to send a message, in the form its OCPP version has: 2.0.1
 * and 2.1 {@code TriggerMessage}; 1.6 {@code ExtendedTriggerMessage} (security extension, with
 * {@code SignChargePointCertificate} for the station's own certificate), and {@code
 * SignV2GCertificate} as a 2.0.1 TriggerMessage inside the Plug &amp; Charge DataTransfer.
 */
public final class Triggers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Triggers() {}

  /**
   * The trigger that makes a station send a CSR of {@code certificateType}: SignV2GCertificate,
   * SignV2G20Certificate (OCPP 2.1) or SignChargingStationCertificate.
   */
  public static String requestedFor(String certificateType) {
    return switch (certificateType) {
      case "V2GCertificate" -> "SignV2GCertificate";
      case "V2G20Certificate" -> "SignV2G20Certificate";
      default -> "SignChargingStationCertificate";
    };
  }

  /** {@code requested} in 2.0.1 names, e.g. SignChargingStationCertificate, SignV2GCertificate. */
  public static Delivery.Request of(
      String stationId, OcppVersion version, String requested, String origin) {
    if (version == OcppVersion.OCPP16 && requested.equals("SignV2GCertificate")) {
      return request(stationId, Route.OCPP16_PNC, "TriggerMessage", requested, origin);
    }
    if (version == OcppVersion.OCPP16) {
      return request(
          stationId,
          Route.OCPP16,
          "ExtendedTriggerMessage",
          requested.equals("SignChargingStationCertificate")
              ? "SignChargePointCertificate"
              : requested,
          origin);
    }
    return request(stationId, Route.direct(version), "TriggerMessage", requested, origin);
  }

  private static Delivery.Request request(
      String stationId, Route route, String action, String requested, String origin) {
    return Delivery.Request.of(
        stationId,
        route,
        action,
        JSON.createObjectNode().put("requestedMessage", requested),
        origin);
  }
}
