package dev.pncpki.bridge.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.bridge.ocpp.Frame;
import dev.pncpki.bridge.ocpp.OcppVersion;
import java.util.List;
import java.util.Optional;

/**
 * The CALLs of an upstream CSMS that would change how a station authenticates to the bridge, which
 * the bridge refuses to pass on: the bridge, not the CSMS behind it, checks the station's password
 * and security profile, so a password or profile set by the CSMS would lock the station out (the
 * bridge never learns it) or send it around the bridge. They go through the bridge's own admin API
 * instead. OCPP 2.0.1: SetNetworkProfile (A05), SetVariables of SecurityCtrlr.BasicAuthPassword
 * (A01) or OCPPCommCtrlr.NetworkConfigurationPriority (B10); OCPP 1.6 security whitepaper:
 * ChangeConfiguration of AuthorizationKey or SecurityProfile.
 */
final class CredentialGuard {
  /** Words one of the guarded CALLs must hold: frames without any need no parsing. */
  private static final List<String> MARKERS =
      List.of(
          "SetNetworkProfile",
          "BasicAuthPassword",
          "NetworkConfigurationPriority",
          "AuthorizationKey",
          "SecurityProfile");

  private CredentialGuard() {}

  /** Whether {@code text} may be one of the guarded CALLs, worth parsing. */
  static boolean mayConcern(String text) {
    return MARKERS.stream().anyMatch(text::contains);
  }

  /** Why the bridge refuses {@code call} from the CSMS, or empty when it passes. */
  static Optional<String> refusal(OcppVersion version, Frame.Call call) {
    JsonNode p = call.payload();
    if (version == OcppVersion.OCPP16) {
      String key = call.action().equals("ChangeConfiguration") ? p.path("key").asText("") : "";
      return key.equals("AuthorizationKey") || key.equals("SecurityProfile")
          ? Optional.of(key + " is set through the Plug & Charge bridge's admin API")
          : Optional.empty();
    }
    if (call.action().equals("SetNetworkProfile")) {
      return Optional.of("network profiles are set through the Plug & Charge bridge's admin API");
    }
    if (call.action().equals("SetVariables")) {
      for (JsonNode v : p.path("setVariableData")) {
        String component = v.path("component").path("name").asText("");
        String variable = v.path("variable").path("name").asText("");
        if ((component.equals("SecurityCtrlr") && variable.equals("BasicAuthPassword"))
            || (component.equals("OCPPCommCtrlr")
                && variable.equals("NetworkConfigurationPriority"))) {
          return Optional.of(
              component + "." + variable + " is set through the Plug & Charge bridge's admin API");
        }
      }
    }
    return Optional.empty();
  }
}
