package dev.pncpki.bridge.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.station.Route;

/**
 * The CALLs that change a station's credentials, in the form its OCPP version has, and how to read
 * their answers. OCPP 2.0.1 A01 sets the password with SetVariables
 * (SecurityCtrlr.BasicAuthPassword) and A05 moves to a higher security profile with
 * SetNetworkProfile, SetVariables (OCPPCommCtrlr.NetworkConfigurationPriority) and Reset; OCPP 1.6
 * (security whitepaper) does both with ChangeConfiguration (AuthorizationKey, SecurityProfile).
 */
final class CredentialCalls {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CredentialCalls() {}

  /** The password CALL; its value is {@link Delivery#SECRET}, the secret set when sent. */
  static Delivery.Request password(String stationId, OcppVersion version, String origin) {
    if (version == OcppVersion.OCPP16) {
      return changeConfiguration(stationId, "AuthorizationKey", Delivery.SECRET, origin);
    }
    return setVariable(
        stationId,
        Route.direct(version),
        "SecurityCtrlr",
        "BasicAuthPassword",
        Delivery.SECRET,
        origin);
  }

  /** SetNetworkProfile on {@code route}, the station's (2.0.1 or 2.1). */
  static Delivery.Request networkProfile(
      String stationId,
      Route route,
      int slot,
      String csmsUrl,
      int profile,
      String ocppInterface,
      String origin) {
    ObjectNode payload = JSON.createObjectNode().put("configurationSlot", slot);
    payload
        .putObject("connectionData")
        // ignored by 2.1 (the handshake decides), which keeps it for compatibility
        .put("ocppVersion", route == Route.OCPP21 ? "OCPP21" : "OCPP20")
        .put("ocppTransport", "JSON")
        .put("ocppCsmsUrl", csmsUrl)
        .put("messageTimeout", 30)
        .put("securityProfile", profile)
        .put("ocppInterface", ocppInterface);
    return Delivery.Request.of(stationId, route, "SetNetworkProfile", payload, origin);
  }

  static Delivery.Request priority(String stationId, Route route, String priority, String origin) {
    return setVariable(
        stationId, route, "OCPPCommCtrlr", "NetworkConfigurationPriority", priority, origin);
  }

  static Delivery.Request reset(String stationId, Route route, String origin) {
    return Delivery.Request.of(
        stationId, route, "Reset", JSON.createObjectNode().put("type", "OnIdle"), origin);
  }

  static Delivery.Request securityProfile16(String stationId, int profile, String origin) {
    return changeConfiguration(stationId, "SecurityProfile", String.valueOf(profile), origin);
  }

  private static Delivery.Request setVariable(
      String stationId,
      Route route,
      String component,
      String variable,
      String value,
      String origin) {
    ObjectNode payload = JSON.createObjectNode();
    ObjectNode data = payload.putArray("setVariableData").addObject();
    data.put("attributeValue", value);
    data.putObject("component").put("name", component);
    data.putObject("variable").put("name", variable);
    return Delivery.Request.of(stationId, route, "SetVariables", payload, origin);
  }

  private static Delivery.Request changeConfiguration(
      String stationId, String key, String value, String origin) {
    return Delivery.Request.of(
        stationId,
        Route.OCPP16,
        "ChangeConfiguration",
        JSON.createObjectNode().put("key", key).put("value", value),
        origin);
  }

  /**
   * What the station answered: the status of ChangeConfiguration, Reset, SetNetworkProfile, or of
   * SetVariables' one variable.
   */
  static String status(JsonNode answer) {
    JsonNode result = answer.path("setVariableResult");
    if (result.isArray() && !result.isEmpty()) {
      return result.get(0).path("attributeStatus").asText("");
    }
    return answer.path("status").asText("");
  }

  /** What a station's answer to a change means. */
  enum Outcome {
    /** Accepted (Reset: also Scheduled): in effect now, or as soon as the station can. */
    ACCEPTED,
    /** Accepted, in effect after the station's next reboot. */
    AFTER_REBOOT,
    /** Anything else: Rejected, NotSupported, UnknownVariable, Failed... */
    REFUSED;

    static Outcome of(String status) {
      return switch (status) {
        case "Accepted", "Scheduled" -> ACCEPTED;
        case "RebootRequired" -> AFTER_REBOOT;
        default -> REFUSED;
      };
    }
  }
}
