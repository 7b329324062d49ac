package dev.pncpki.bridge.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FramesTest {

  @Test
  void readsAndWritesTheThreeFrames() throws Exception {
    var call = (Frame.Call) Frames.parse("[2,\"19223201\",\"Heartbeat\",{}]");
    assertThat(call.action()).isEqualTo("Heartbeat");
    assertThat(Frames.write(call)).isEqualTo("[2,\"19223201\",\"Heartbeat\",{}]");
    var result = (Frame.CallResult) Frames.parse("[3,\"19223201\",{\"currentTime\":\"x\"}]");
    assertThat(result.payload().path("currentTime").asText()).isEqualTo("x");
    var error = (Frame.CallError) Frames.parse("[4,\"1\",\"NotImplemented\",\"no\",{}]");
    assertThat(error.errorCode()).isEqualTo("NotImplemented");
  }

  @Test
  void refusesWhatIsNotAFrameWithTheRightCode() {
    assertCode("nope", "-1", ErrorCode.RPC_FRAMEWORK_ERROR);
    assertCode("{\"a\":1}", "-1", ErrorCode.RPC_FRAMEWORK_ERROR);
    assertCode("[2,17,\"Heartbeat\",{}]", "-1", ErrorCode.RPC_FRAMEWORK_ERROR);
    assertCode(
        "[2,\"" + "x".repeat(37) + "\",\"Heartbeat\",{}]", "-1", ErrorCode.RPC_FRAMEWORK_ERROR);
    assertCode("[9,\"a\",\"Heartbeat\",{}]", "a", ErrorCode.MESSAGE_TYPE_NOT_SUPPORTED);
    assertCode("[2,\"a\",\"Heartbeat\",[]]", "a", ErrorCode.FORMAT_VIOLATION);
    assertCode("[2,\"a\",\"Heartbeat\"]", "a", ErrorCode.FORMAT_VIOLATION);
  }

  @Test
  void errorCodesAreSpelledAsEachVersionSpellsThem() {
    assertThat(ErrorCode.FORMAT_VIOLATION.wire(OcppVersion.OCPP16)).isEqualTo("FormationViolation");
    assertThat(ErrorCode.FORMAT_VIOLATION.wire(OcppVersion.OCPP201)).isEqualTo("FormatViolation");
    assertThat(ErrorCode.OCCURRENCE_CONSTRAINT_VIOLATION.wire(OcppVersion.OCPP16))
        .isEqualTo("OccurenceConstraintViolation");
    var error = Frames.error(OcppVersion.OCPP201, "m", ErrorCode.GENERIC_ERROR, "y".repeat(300));
    assertThat(error.description()).hasSize(255);
  }

  private static void assertCode(String text, String id, ErrorCode code) {
    assertThatThrownBy(() -> Frames.parse(text))
        .isInstanceOfSatisfying(
            Frames.BadFrame.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.messageId()).isEqualTo(id);
            });
  }
}
