package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stations managed at run time: one registered through the CLI connects at once, no restart; bad
 * registrations are refused with their own problem and store nothing; a disabled station's
 * connection is closed and refused until it is enabled again; a deleted one is gone; a station that
 * never connected is listed as such. The Python ocpp library plays the stations.
 */
class StationRegistryIT {
  @TempDir static Path dir;
  static Peers peers;
  static BridgeAdmin admin;

  @BeforeAll
  static void start() throws Exception {
    peers = new Peers(dir);
    admin = peers.admin();
  }

  @AfterAll
  static void stop() {
    peers.close();
  }

  @Test
  void aStationRegisteredThroughTheCliConnectsWithoutARestart() throws Exception {
    String out =
        peers.cli().ok("station-add", "CS-ADD-1", "--operator", "Demo CPO", "--model", "Wallbox X");
    assertThat(out).contains("station CS-ADD-1 registered", "password (shown once");
    String password = out.substring(out.indexOf("its hash): ") + 11).strip();
    assertThat(password).matches("[0-9a-f]{40}");
    assertThat(admin.get("/v1/stations/CS-ADD-1").path("state").asText())
        .isEqualTo("never-connected");
    assertThat(peers.cli().ok("stations", "--state", "never-connected")).contains("CS-ADD-1");

    var connected = peers.station("CS-ADD-1", password, "ocpp2.0.1", "connect");
    assertThat(connected.path("subprotocol").asText())
        .as(connected.toString())
        .isEqualTo("ocpp2.0.1");
    // RFC 7692 compression, which the OCPP 2.0.1 Edition 3 errata make a CSMS requirement
    assertThat(connected.path("extensions").asText()).startsWith("permessage-deflate");
    assertThat(
            peers.station("CS-ADD-1", password, "ocpp2.1", "connect").path("subprotocol").asText())
        .isEqualTo("ocpp2.1");
    JsonNode view = admin.get("/v1/stations/CS-ADD-1");
    assertThat(view.path("state").asText()).isIn("connected", "disconnected");
    assertThat(view.path("operator").asText()).isEqualTo("Demo CPO");
    assertThat(view.toString()).doesNotContain(password).doesNotContain("pbkdf2");
    // the password is shown once: nothing in the API shows it again
    assertThat(admin.get("/v1/stations").toString()).doesNotContain(password);
    assertThat(admin.get("/v1/audit?station=CS-ADD-1").get(0).path("action").asText())
        .isEqualTo("station-register");
  }

  @Test
  void badRegistrationsAreRefusedWithTheirOwnProblemAndStoreNothing() throws Exception {
    int before = admin.get("/v1/stations").size();
    assertProblem("{\"id\": \"CS-0001\"}", 409, "station-exists");
    assertProblem("{\"id\": \"CS:0001\"}", 400, "invalid-station-id");
    assertProblem("{\"id\": \"" + "C".repeat(49) + "\"}", 400, "invalid-station-id");
    assertProblem(
        "{\"id\": \"CS-P3\", \"securityProfile\": 3}", 400, "certificate-binding-required");
    assertProblem("{\"id\": \"CS-PW\", \"password\": \"too-short\"}", 400, "password-too-short");
    assertProblem("{\"id\": \"CS-PF\", \"securityProfile\": 4}", 400, "malformed-request");
    assertProblem("not json", 400, "malformed-request");
    assertProblem("{\"id\": \"CS-X\", \"surprise\": 1}", 400, "malformed-request");
    assertThat(admin.get("/v1/stations").size()).isEqualTo(before);

    var unknownParameter = admin.send("GET", "/v1/stations?stat=connected", null);
    assertThat(unknownParameter.statusCode()).isEqualTo(400);
    assertThat(unknownParameter.body()).contains("unknown query parameter stat", "state");

    var duplicate =
        peers.cli().run(List.of("station-add", "CS-0001", "--token", Peers.ADMIN_TOKEN));
    assertThat(duplicate.exitCode()).as(duplicate.output()).isEqualTo(2);
    assertThat(duplicate.output()).contains("station-exists");
    assertThat(admin.get("/v1/audit?outcome=refused&action=station-register").size())
        .isGreaterThanOrEqualTo(6);
  }

  private static void assertProblem(String body, int status, String code) throws Exception {
    var response = admin.send("POST", "/v1/stations", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonNode problem = Peers.JSON.readTree(response.body());
    assertThat(problem.path("code").asText()).isEqualTo(code);
    assertThat(problem.path("type").asText()).isEqualTo("urn:pnc-pki:problem:" + code);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
  }

  @Test
  void aDisabledStationIsClosedAndRefusedUntilEnabledAndADeletedOneIsGone() throws Exception {
    admin.post("/v1/stations", "{\"id\": \"CS-DIS-1\", \"password\": \"dis-station-pass-1\"}", 201);
    var station =
        peers.operator(peers.url(), Map.of(), "CS-DIS-1", "dis-station-pass-1", "ocpp2.0.1");
    station.await("connections.jsonl", c -> c.has("boot"), 30);
    assertThat(peers.cli().ok("station-disable", "CS-DIS-1")).contains("disabled");
    // its connection is closed; it tries again and is refused
    station.await("connections.jsonl", c -> c.path("httpStatus").asInt() == 401, 30);
    assertThat(peers.securityEvents("CS-DIS-1").toString()).contains("CS-DIS-1 is disabled");
    assertThat(admin.get("/v1/stations/CS-DIS-1").path("state").asText()).isEqualTo("disabled");
    peers.cli().ok("station-enable", "CS-DIS-1");
    admin.await("/v1/stations/CS-DIS-1", s -> s.path("state").asText().equals("connected"), 30);
    assertThat(station.finish().path("connections").asInt()).isGreaterThanOrEqualTo(2);

    peers.cli().ok("station-delete", "CS-DIS-1");
    assertThat(admin.send("GET", "/v1/stations/CS-DIS-1", null).statusCode()).isEqualTo(404);
    var gone = peers.station("CS-DIS-1", "dis-station-pass-1", "ocpp2.0.1", "connect");
    assertThat(gone.path("httpStatus").asInt()).isEqualTo(401);
    var deleteAgain =
        peers.cli().run(List.of("station-delete", "CS-DIS-1", "--token", Peers.ADMIN_TOKEN));
    assertThat(deleteAgain.exitCode()).isEqualTo(2);
    assertThat(deleteAgain.output()).contains("not-found");
  }

  @Test
  void hostileRequestsAreRefusedAndChangeNothing() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    for (String path : List.of("/v1;x/stations", "/v1/stations;x", "/v1/%2e%2e/v1/stations")) {
      var anonymous =
          http.send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(admin.base() + path))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).as(path).isIn(400, 401, 404);
      assertThat(anonymous.body()).as(path).doesNotContain("CS-0001");
    }
    var openApi =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(admin.base() + "/openapi.yaml"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(openApi.statusCode()).isEqualTo(200);

    int before = admin.get("/v1/stations").size();
    assertThat(admin.send("GET", "/v1/stations?state=connected&state=disabled", null).body())
        .contains("state is given 2 times");
    assertThat(admin.send("GET", "/v1/stations?state=%00", null).statusCode()).isEqualTo(400);
    assertProblem("{\"id\": \"cs-0001\"}", 409, "station-exists");
    assertProblem("{\"id\": \"..\"}", 400, "invalid-station-id");
    assertProblem("{\"id\": \"CS-NUL\", \"operator\": \"a\\u0000b\"}", 400, "malformed-request");
    assertProblem("{\"id\": \"CS-NULL\", \"seccIds\": [null]}", 400, "malformed-request");
    assertThat(admin.get("/v1/stations").size()).isEqualTo(before);

    var maybe =
        admin.send(
            "POST",
            "/v1/campaigns?dryRun=maybe",
            "{\"kind\": \"rotate\", \"certificateType\": \"ChargingStationCertificate\","
                + " \"selection\": {\"all\": true}}");
    assertThat(maybe.statusCode()).as(maybe.body()).isEqualTo(400);
    assertThat(maybe.body()).contains("dryRun is true or false, not maybe");
    assertThat(admin.get("/v1/campaigns").size()).isZero();
  }

  @Test
  void deletingAStationCancelsWhatWasStillToBeSentToIt() throws Exception {
    admin.post("/v1/stations", "{\"id\": \"CS-DEL-2\", \"password\": \"del-station-pass\"}", 201);
    var once = peers.station("CS-DEL-2", "del-station-pass", "ocpp2.0.1", "connect");
    assertThat(once.path("subprotocol").asText()).as(once.toString()).isEqualTo("ocpp2.0.1");
    admin.await("/v1/stations/CS-DEL-2", s -> s.path("state").asText().equals("disconnected"), 30);
    JsonNode trigger =
        admin.post(
            "/v1/stations/CS-DEL-2/trigger?wait=0",
            "{\"requestedMessage\": \"SignChargingStationCertificate\"}",
            202);
    long delivery = trigger.path("id").asLong();
    assertThat(admin.get("/v1/deliveries/" + delivery).path("state").asText()).isEqualTo("pending");

    // an admin may withdraw one CALL; that is audited
    long withdrawn =
        admin
            .post(
                "/v1/stations/CS-DEL-2/trigger?wait=0",
                "{\"requestedMessage\": \"SignV2GCertificate\"}",
                202)
            .path("id")
            .asLong();
    assertThat(
            admin.post("/v1/deliveries/" + withdrawn + "/cancel", null, 200).path("state").asText())
        .isEqualTo("cancelled");
    assertThat(
            admin
                .get("/v1/audit?action=delivery-cancel&station=CS-DEL-2")
                .get(0)
                .path("outcome")
                .asText())
        .isEqualTo("done");

    peers.cli().ok("station-delete", "CS-DEL-2");
    JsonNode cancelled = admin.get("/v1/deliveries/" + delivery);
    assertThat(cancelled.path("state").asText()).isEqualTo("cancelled");
    assertThat(cancelled.toString()).contains("station deleted");

    // registered again under the same id, the station gets nothing meant for the deleted one
    admin.post("/v1/stations", "{\"id\": \"CS-DEL-2\", \"password\": \"del-station-pass\"}", 201);
    assertThat(admin.get("/v1/stations/CS-DEL-2").path("deliveries"))
        .allSatisfy(d -> assertThat(d.path("state").asText()).isNotIn("pending", "sending"));
  }

  @Test
  void protocolLevelRefusalsAreProblemsWithTheirOwnStatus() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    // a chunked body over the limit is cut off while it is read
    byte[] big = new byte[5 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    var chunked =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(admin.base() + "/v1/stations"))
                .header("Authorization", "Bearer " + Peers.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big)))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
    assertThat(chunked.body()).contains("\"code\":\"payload-too-large\"");

    // bodies are read as their JSON types: no number for a string, no string for a number, no
    // field twice
    assertProblem("{\"id\": 5}", 400, "malformed-request");
    assertThat(
            admin
                .send("POST", "/v1/stations", "{\"id\": \"CS-T\", \"securityProfile\": \"2\"}")
                .body())
        .contains("securityProfile must be a whole JSON number")
        .doesNotContain("java.");
    assertThat(admin.send("POST", "/v1/stations", "{\"id\": \"CS-A\", \"id\": \"CS-B\"}").body())
        .contains("malformed-request", "Duplicate field");
    assertThat(admin.send("GET", "/v1/stations/CS-A", null).statusCode()).isEqualTo(404);
    // what Jetty refuses before the API sees it is a problem too
    try (var socket =
        new java.net.Socket("127.0.0.1", java.net.URI.create(admin.base()).getPort())) {
      socket
          .getOutputStream()
          .write(
              "GET /% HTTP/1.1\r\nHost: x\r\n\r\n"
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer =
          new String(
              socket.getInputStream().readNBytes(600), java.nio.charset.StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json");
    }

    var put = admin.send("PUT", "/v1/stations", "{}");
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.headers().firstValue("Allow")).isPresent();
    JsonNode notAllowed = Peers.JSON.readTree(put.body());
    assertThat(notAllowed.path("code").asText()).isEqualTo("method-not-allowed");
    assertThat(notAllowed.path("status").asInt()).isEqualTo(405);

    var html =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(admin.base() + "/v1/stations"))
                .header("Authorization", "Bearer " + Peers.ADMIN_TOKEN)
                .header("Accept", "text/html")
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(html.statusCode()).isEqualTo(406);
    assertThat(html.body()).contains("not-acceptable");

    var leaf =
        admin.send(
            "POST",
            "/v1/stations/CS-0001/certificates",
            "{\"certificateType\": \"V2GRootCertificate\", \"certificate\": \"not a certificate\"}");
    assertThat(leaf.statusCode()).as(leaf.body()).isEqualTo(400);
    assertThat(leaf.body()).contains("invalid-root");

    var nullStation =
        admin.send(
            "POST",
            "/v1/campaigns",
            "{\"kind\": \"rotate\", \"certificateType\": \"ChargingStationCertificate\","
                + " \"selection\": {\"stations\": [null]}}");
    assertThat(nullStation.statusCode()).isEqualTo(400);
    assertThat(nullStation.body()).contains("stations holds null");
  }
}
