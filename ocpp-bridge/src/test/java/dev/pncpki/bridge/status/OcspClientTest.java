package dev.pncpki.bridge.status;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import org.junit.jupiter.api.Test;

/** A refused responderURL is named in the reason without the control characters it held. */
class OcspClientTest {
  private final OcspClient client =
      new OcspClient("http://ca.example/ocsp/", "http://127.0.0.1:9", HttpClient.newHttpClient());

  @Test
  void aRefusedResponderUrlCannotForgeLogLines() {
    String forged = "http://evil.example/\r\n12:00:00 INFO station CS-2: Authorize -> accepted";
    assertThatThrownBy(() -> client.ask(forged, new byte[0]))
        .isInstanceOf(OcspClient.OcspException.class)
        .hasMessageNotContaining("\r")
        .hasMessageNotContaining("\n")
        .hasMessageContaining("http://evil.example/\uFFFD\uFFFD12:00:00");
    assertThatThrownBy(() -> client.ask(null, new byte[0]))
        .hasMessageContaining("responderURL null");
  }
}
