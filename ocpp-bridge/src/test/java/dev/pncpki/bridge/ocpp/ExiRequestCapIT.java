package dev.pncpki.bridge.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first bound on a vehicle's EXI request is the bridge's: OCPP 2.0.1 caps
 * Get15118EVCertificateRequest.exiRequest at 5,600 base64 characters (4,200 bytes of EXI), and the
 * bridge checks every request against the schemas (a 1.6 station's, wrapped in the Plug &amp;
 * Charge DataTransfer, against the 2.0.1 one), so a longer request is a CALLERROR and never reaches
 * the CA. Checked here with the schemas the Python ocpp library ships.
 */
class ExiRequestCapIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  static MessageSchemas schemas;

  @BeforeAll
  static void load() throws Exception {
    Path lib = Path.of(System.getProperty("pnc.venv"), "lib");
    try (var pythons = Files.list(lib)) {
      Path ocpp =
          pythons
              .map(python -> python.resolve("site-packages").resolve("ocpp"))
              .filter(Files::isDirectory)
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no ocpp package under " + lib));
      schemas = new MessageSchemas(ocpp);
    }
  }

  private static ObjectNode request(int characters) {
    return JSON.createObjectNode()
        .put("iso15118SchemaVersion", "urn:iso:15118:2:2013:MsgDef")
        .put("action", "Install")
        .put("exiRequest", "A".repeat(characters));
  }

  @Test
  void aRequestUpToTheCapPasses() {
    assertThatCode(
            () -> schemas.checkRequest(OcppVersion.OCPP201, "Get15118EVCertificate", request(5600)))
        .doesNotThrowAnyException();
  }

  @Test
  void aLongerRequestIsATypeConstraintViolation() {
    OcppException e =
        catchThrowableOfType(
            OcppException.class,
            () ->
                schemas.checkRequest(OcppVersion.OCPP201, "Get15118EVCertificate", request(5601)));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.TYPE_CONSTRAINT_VIOLATION);
    assertThat(e.getMessage()).contains("exiRequest");
  }
}
