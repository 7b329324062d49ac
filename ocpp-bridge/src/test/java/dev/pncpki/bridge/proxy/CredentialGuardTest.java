package dev.pncpki.bridge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.ocpp.Frame;
import dev.pncpki.bridge.ocpp.OcppVersion;
import org.junit.jupiter.api.Test;

class CredentialGuardTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Frame.Call call(String action, String payload) throws Exception {
    return new Frame.Call("m1", action, JSON.readTree(payload));
  }

  @Test
  void credentialsOfOcpp201StationsAreTheBridgesToSet() throws Exception {
    var password =
        call(
            "SetVariables",
            """
            {"setVariableData": [
              {"component": {"name": "OCPPCommCtrlr"}, "variable": {"name": "HeartbeatInterval"},
               "attributeValue": "60"},
              {"component": {"name": "SecurityCtrlr"}, "variable": {"name": "BasicAuthPassword"},
               "attributeValue": "a-new-password-123"}]}
            """);
    assertThat(CredentialGuard.refusal(OcppVersion.OCPP201, password))
        .contains(
            "SecurityCtrlr.BasicAuthPassword is set through the Plug & Charge bridge's admin API");
    assertThat(
            CredentialGuard.refusal(
                OcppVersion.OCPP201,
                call(
                    "SetVariables",
                    "{\"setVariableData\": [{\"component\": {\"name\": \"OCPPCommCtrlr\"},"
                        + " \"variable\": {\"name\": \"NetworkConfigurationPriority\"},"
                        + " \"attributeValue\": \"1,0\"}]}")))
        .isPresent();
    assertThat(
            CredentialGuard.refusal(
                OcppVersion.OCPP201, call("SetNetworkProfile", "{\"configurationSlot\": 1}")))
        .isPresent();
    assertThat(
            CredentialGuard.refusal(
                OcppVersion.OCPP201,
                call(
                    "SetVariables",
                    "{\"setVariableData\": [{\"component\": {\"name\": \"OCPPCommCtrlr\"},"
                        + " \"variable\": {\"name\": \"HeartbeatInterval\"},"
                        + " \"attributeValue\": \"60\"}]}")))
        .isEmpty();
  }

  @Test
  void credentialsOfOcpp16StationsAreTheBridgesToSet() throws Exception {
    for (String key : new String[] {"AuthorizationKey", "SecurityProfile"}) {
      assertThat(
              CredentialGuard.refusal(
                  OcppVersion.OCPP16,
                  call("ChangeConfiguration", "{\"key\": \"" + key + "\", \"value\": \"2\"}")))
          .as(key)
          .isPresent();
    }
    assertThat(
            CredentialGuard.refusal(
                OcppVersion.OCPP16,
                call("ChangeConfiguration", "{\"key\": \"HeartbeatInterval\", \"value\": \"60\"}")))
        .isEmpty();
    assertThat(CredentialGuard.mayConcern("[2,\"1\",\"Heartbeat\",{}]")).isFalse();
  }
}
