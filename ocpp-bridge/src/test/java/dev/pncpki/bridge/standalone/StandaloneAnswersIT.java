package dev.pncpki.bridge.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.app.OcppRoutes;
import dev.pncpki.bridge.certificates.CaClient;
import dev.pncpki.bridge.certificates.EvCertificateHandler;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.station.Handler;
import dev.pncpki.bridge.station.SecurityLog;
import dev.pncpki.bridge.station.StationSession;
import dev.pncpki.bridge.status.OcspClient;
import dev.pncpki.bridge.status.OcspLog;
import dev.pncpki.bridge.status.StatusHandlers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each charging-station-to-CSMS action of each version, sent as its example request through a
 * station session with the handlers a standalone bridge has, gets a CALLRESULT that the OCA's own
 * response schema accepts; and each version's route table holds only actions of that version. A
 * failsafe test because the schemas are those of the Python {@code ocpp} package in the test
 * virtual environment. SignCertificate is left to StandaloneIT: its handler needs the station
 * directory and the CA.
 */
class StandaloneAnswersIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static MessageSchemas schemas;
  private static OcppRoutes.Tables routes;
  private static ExecutorService afterwards;

  @BeforeAll
  static void assemble() throws IOException {
    schemas = new MessageSchemas(ocppPackage());
    afterwards = Executors.newVirtualThreadPerTaskExecutor();
    // as BridgeApplication assembles them without upstream; nothing here reaches a CA
    var nowhere = HttpClient.newHttpClient();
    Map<String, Handler> all = new HashMap<>();
    all.put(
        "Get15118EVCertificate",
        new EvCertificateHandler(new CaClient(URI.create("http://127.0.0.1:1"), "-", nowhere, 1)));
    all.putAll(
        StatusHandlers.of(
            new OcspClient("http://127.0.0.1:1/ocsp/", "http://127.0.0.1:1", nowhere),
            dev.pncpki.bridge.trust.ContractRoots.of(java.util.List.of()),
            nowhere,
            new SecurityLog() {
              @Override
              public void bridge(String stationId, String type, String detail) {}

              @Override
              public void station(String stationId, String type, String detail) {}
            },
            OcspLog.NONE));
    routes =
        OcppRoutes.of(
            new OcppRoutes.Answers(
                Map.copyOf(all),
                StandaloneHandlers.of(Clock.systemUTC(), (s, p) -> {}, (s, p) -> {})),
            schemas);
  }

  @AfterAll
  static void stop() {
    afterwards.shutdownNow();
  }

  @Test
  void everyActionGetsASchemaValidAnswer() throws Exception {
    JsonNode examples = StationActions.examples();
    for (var version : OcppVersion.values()) {
      for (String action : StationActions.FROM_STATION.get(version)) {
        if (action.equals("SignCertificate")) {
          continue;
        }
        JsonNode request = examples.path(version.subprotocol()).path(action);
        schemas.checkRequest(version, action, request); // the example itself is valid
        JsonNode frame = exchange(version, action, request);
        assertThat(frame.path(0).asInt()).as(version + " " + action + ": " + frame).isEqualTo(3);
        schemas.checkResponse(version, action, frame.path(2));
      }
    }
  }

  @Test
  void theTableHoldsOnlyStationActionsOfTheVersionsThatDefineThem() {
    for (var version : OcppVersion.values()) {
      for (String action : StationActions.FROM_STATION.get(version)) {
        assertThat(schemas.defines(version, action)).as(version + " " + action).isTrue();
      }
    }
    var table = StandaloneHandlers.of(Clock.systemUTC(), (s, p) -> {}, (s, p) -> {});
    for (String action : table.keySet()) {
      List<OcppVersion> defining = new ArrayList<>();
      for (var version : OcppVersion.values()) {
        if (schemas.defines(version, action)) {
          defining.add(version);
          assertThat(StationActions.FROM_STATION.get(version)).contains(action);
        }
      }
      assertThat(defining).as(action).isNotEmpty();
    }
  }

  @Test
  void everyActionOfEachRouteTableIsOneOfItsVersion() throws IOException {
    for (var version : OcppVersion.values()) {
      for (var action : routes.of(version).actions()) {
        assertThat(schemas.defines(version, action.name()))
            .as(version.subprotocol() + " " + action.name())
            .isTrue();
        assertThat(action.requestSchema()).isEqualTo(version.requestSchema(action.name()));
      }
    }
    // what a station sends of its version: in the table, the Plug & Charge ones with a handler
    for (var version : OcppVersion.values()) {
      for (String action : StationActions.FROM_STATION.get(version)) {
        assertThat(routes.of(version).find(action)).as(version + " " + action).isPresent();
      }
    }
    assertThat(routes.of(OcppVersion.OCPP201).find("GetCertificateChainStatus")).isEmpty();
    assertThat(routes.of(OcppVersion.OCPP21).sends("CertificateSigned")).isTrue();
    assertThat(routes.of(OcppVersion.OCPP16).sends("ExtendedTriggerMessage")).isTrue();
    assertThat(routes.of(OcppVersion.OCPP201).sends("ExtendedTriggerMessage")).isFalse();
  }

  @Test
  void aMessageOfOcpp21OnAnOcpp201ConnectionIsNotImplemented() throws Exception {
    JsonNode request = StationActions.examples().at("/ocpp2.1/GetCertificateChainStatus");
    JsonNode frame = exchange(OcppVersion.OCPP201, "GetCertificateChainStatus", request);
    assertThat(frame.path(0).asInt()).isEqualTo(4);
    assertThat(frame.path(2).asText()).isEqualTo("NotImplemented");
    // and the bridge sends none of 2.1's own CALLs on a 2.0.1 connection
    var session =
        new StationSession("CS-0001", routes.of(OcppVersion.OCPP201), schemas, s -> {}, afterwards);
    assertThat(session.call("GetCertificateChainStatus", JSON.createObjectNode()))
        .isCompletedExceptionally();
  }

  /** Sends one CALL through a standalone station session; returns the frame it answers with. */
  private static JsonNode exchange(OcppVersion version, String action, JsonNode request)
      throws IOException {
    List<String> sent = new ArrayList<>();
    var session = new StationSession("CS-0001", routes.of(version), schemas, sent::add, afterwards);
    var call = JSON.createArrayNode().add(2).add("m-" + action).add(action).add(request);
    session.received(call.toString());
    assertThat(sent).as(version + " " + action).hasSize(1);
    return JSON.readTree(sent.get(0));
  }

  /** The ocpp package of the test virtual environment, which holds v16/ and v201/ schemas. */
  private static Path ocppPackage() throws IOException {
    Path lib = Path.of(System.getProperty("pnc.venv"), "lib");
    try (var pythons = Files.list(lib)) {
      return pythons
          .map(python -> python.resolve("site-packages").resolve("ocpp"))
          .filter(Files::isDirectory)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no ocpp package under " + lib));
    }
  }
}
