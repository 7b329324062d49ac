package dev.pncpki.bridge.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.station.Route;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CALLs that install and delete a station's trust anchors, in the form its OCPP version has:
 * 2.0.1 {@code InstallCertificate} / {@code DeleteCertificate} (M05, M04); 1.6 the security
 * extension's messages with its own type names for CSMS and manufacturer roots, and the Plug &amp;
 * Charge roots (V2G, MO) as 2.0.1 messages inside DataTransfer (OCA application note on Plug &amp;
 * Charge with OCPP 1.6).
 */
public final class RootCalls {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** OCPP 2.0.1 certificate types and their OCPP 1.6 security-extension names. */
  private static final Map<String, String> OCPP16_TYPES =
      Map.of(
          "CSMSRootCertificate", "CentralSystemRootCertificate",
          "ManufacturerRootCertificate", "ManufacturerRootCertificate");

  /** Types a 1.6 station only handles through the Plug &amp; Charge DataTransfer. */
  public static final Set<String> PNC_TYPES =
      Set.of("V2GRootCertificate", "MORootCertificate", "V2GCertificateChain");

  private RootCalls() {}

  /**
   * Whether the trust-store policy manages roots of {@code type} (a 2.0.1 or 2.1 name) on a station
   * of {@code version}: on 1.6 the Plug &amp; Charge types (through DataTransfer); on 2.0.1 all but
   * {@code OEMRootCertificate}, which OCPP 2.1 added; on 2.1 all.
   */
  public static boolean managedOn(OcppVersion version, String type) {
    return switch (version) {
      case OCPP16 -> PNC_TYPES.contains(type);
      case OCPP201 -> !type.equals("OEMRootCertificate");
      case OCPP21 -> true;
    };
  }

  /**
   * InstallCertificate of {@code pem} as {@code certificateType} (a 2.0.1 name).
   *
   * @throws IllegalArgumentException when the station's OCPP version has no such type
   */
  public static Delivery.Request install(
      String stationId, OcppVersion version, String certificateType, String pem, String origin) {
    Route route = Route.direct(version);
    String type = certificateType;
    if (route == Route.OCPP16) {
      if (PNC_TYPES.contains(certificateType)) {
        route = Route.OCPP16_PNC;
      } else {
        type = OCPP16_TYPES.get(certificateType);
        if (type == null) {
          throw new IllegalArgumentException("OCPP 1.6 has no certificate type " + certificateType);
        }
      }
    }
    ObjectNode payload = JSON.createObjectNode().put("certificateType", type);
    payload.put("certificate", pem);
    return Delivery.Request.of(stationId, route, "InstallCertificate", payload, origin);
  }

  /**
   * DeleteCertificate of the certificate {@code hashData} names; {@code viaPnc} for 1.6 P&amp;C.
   */
  public static Delivery.Request delete(
      String stationId, OcppVersion version, JsonNode hashData, boolean viaPnc, String origin) {
    Route route = Route.direct(version);
    if (route == Route.OCPP16 && viaPnc) {
      route = Route.OCPP16_PNC;
    }
    ObjectNode payload = JSON.createObjectNode();
    payload.set("certificateHashData", hashData);
    return Delivery.Request.of(stationId, route, "DeleteCertificate", payload, origin);
  }

  /**
   * GetInstalledCertificateIds for the given types (2.0.1 names; none: all). OCPP 2.0.1 takes
   * several types in one request (M03); 1.6 takes one, CentralSystemRootCertificate when none is
   * named, and the Plug &amp; Charge types (any number) through DataTransfer.
   *
   * @throws IllegalArgumentException when a 1.6 station cannot be asked for these types at once
   */
  public static Delivery.Request installed(
      String stationId, OcppVersion version, List<String> types, String origin) {
    Route route = Route.direct(version);
    ObjectNode payload = JSON.createObjectNode();
    if (route == Route.OCPP16 && !types.isEmpty() && PNC_TYPES.containsAll(types)) {
      route = Route.OCPP16_PNC;
    }
    if (route == Route.OCPP16) {
      if (types.size() > 1) {
        throw new IllegalArgumentException(
            "OCPP 1.6 asks for one certificate type at a time (or only Plug & Charge types)");
      }
      String wanted = types.isEmpty() ? "CSMSRootCertificate" : types.get(0);
      String type = OCPP16_TYPES.get(wanted);
      if (type == null) {
        throw new IllegalArgumentException("OCPP 1.6 has no certificate type " + wanted);
      }
      payload.put("certificateType", type);
    } else if (!types.isEmpty()) {
      var array = payload.putArray("certificateType");
      types.forEach(array::add);
    }
    return Delivery.Request.of(stationId, route, "GetInstalledCertificateIds", payload, origin);
  }
}
