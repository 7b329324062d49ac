package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's OCPP operations, re-enacting the OCA's CSMS test cases with the Python ocpp
 * library as the station ({@code operator_station.py}): the Basic-auth password rotated (accepted:
 * only the new one works after; rejected: only the old one), for OCPP 2.0.1 and 1.6; a security
 * profile upgraded (2.0.1: SetNetworkProfile, NetworkConfigurationPriority, Reset, then the station
 * is on TLS and its plain connection refused; 1.6 to a client certificate), never downgraded;
 * GetInstalledCertificateIds for several types in one request; DeleteCertificate naming the
 * certificate with the hash algorithm the station reported (SHA-384, SHA-512).
 */
class OperatorOperationsIT {
  @TempDir static Path dir;
  static Peers peers;
  static BridgeAdmin admin;
  static Map<String, String> trust;

  @BeforeAll
  static void start() throws Exception {
    peers =
        new Peers(
            dir,
            true,
            null,
            """
            secretKeyFile: "%s"
            stationTlsUrl: "wss://localhost:{tlsPort}/ocpp"
            """
                .formatted(dir.resolve("bridge-secret.key")));
    admin = peers.admin();
    trust = Map.of("CHARGER_CAFILE", peers.tlsMaterial.rootPem().toString());
  }

  @AfterAll
  static void stop() {
    peers.close();
  }

  private static void register(String id, String password) throws Exception {
    admin.post(
        "/v1/stations", "{\"id\": \"%s\", \"password\": \"%s\"}".formatted(id, password), 201);
  }

  /** A password in a file of its own, as the CLI takes it (never as an argument). */
  private static Path passwordFile(String password) throws Exception {
    return java.nio.file.Files.writeString(
        java.nio.file.Files.createTempFile(dir, "password", ".txt"), password + "\n");
  }

  private static int connects(String id, String password, String version) throws Exception {
    var r = peers.station(id, password, version, "connect");
    return r.has("httpStatus") ? r.path("httpStatus").asInt() : 101;
  }

  @Test
  void anAcceptedPasswordReplacesTheOldOneOnBothVersions() throws Exception {
    for (String version : List.of("ocpp2.0.1", "ocpp1.6")) {
      String id = version.equals("ocpp1.6") ? "CS-PW-16" : "CS-PW-20";
      register(id, "old-password-00001");
      var station = peers.operator(peers.url(), Map.of(), id, "old-password-00001", version);
      station.await("connections.jsonl", c -> c.has("boot"), 30);
      String out = peers.cli().ok("station-password", id);
      assertThat(out).contains("answered", "Accepted", "new password (shown once");
      String password = out.substring(out.indexOf("its hash): ") + 11).strip();
      assertThat(password).matches("[0-9a-f]{40}");
      JsonNode call = station.await("calls.jsonl", c -> !c.path("action").isMissingNode(), 30);
      if (version.equals("ocpp1.6")) {
        assertThat(call.path("action").asText()).isEqualTo("ChangeConfiguration");
        assertThat(call.path("payload").path("key").asText()).isEqualTo("AuthorizationKey");
        assertThat(call.path("payload").path("value").asText()).isEqualTo(password);
      } else {
        JsonNode data = call.path("payload").path("set_variable_data").get(0);
        assertThat(data.path("component").path("name").asText()).isEqualTo("SecurityCtrlr");
        assertThat(data.path("variable").path("name").asText()).isEqualTo("BasicAuthPassword");
        assertThat(data.path("attribute_value").asText()).isEqualTo(password);
      }
      // the station reconnects with the new password; the old one no longer works
      station.awaitCount("connections.jsonl", c -> c.has("boot"), 2, 30);
      station.finish();
      assertThat(connects(id, "old-password-00001", version)).isEqualTo(401);
      assertThat(connects(id, password, version)).isEqualTo(101);
      // the password is in no view, delivery or audit entry
      JsonNode view = admin.get("/v1/stations/" + id);
      assertThat(view.toString()).doesNotContain(password);
      assertThat(view.path("passwordChangePending").asBoolean()).isFalse();
      assertThat(admin.get("/v1/audit?station=" + id).toString())
          .contains("password-rotate", "accepted")
          .doesNotContain(password);
    }
  }

  @Test
  void aRejectedPasswordLeavesTheOldOne() throws Exception {
    register("CS-PW-REJ", "old-password-00002");
    var station =
        peers.operator(
            peers.url(),
            Map.of("OPERATOR_PASSWORD_ANSWER", "Rejected"),
            "CS-PW-REJ",
            "old-password-00002",
            "ocpp2.0.1");
    station.await("connections.jsonl", c -> c.has("boot"), 30);
    var refused =
        peers
            .cli()
            .run(
                List.of(
                    "station-password",
                    "CS-PW-REJ",
                    "--password-file",
                    passwordFile("new-password-00002").toString(),
                    "--token",
                    Peers.ADMIN_TOKEN));
    assertThat(refused.exitCode()).as(refused.output()).isEqualTo(3); // refused by the station
    assertThat(refused.output()).contains("the station answered Rejected");
    station.finish();
    assertThat(connects("CS-PW-REJ", "new-password-00002", "ocpp2.0.1")).isEqualTo(401);
    assertThat(connects("CS-PW-REJ", "old-password-00002", "ocpp2.0.1")).isEqualTo(101);
    assertThat(admin.get("/v1/stations/CS-PW-REJ").path("passwordChangePending").asBoolean())
        .isFalse();
  }

  @Test
  void aProfileOneStationMovesToTlsAndItsPlainConnectionIsRefusedAfter() throws Exception {
    register("CS-UP-20", "upgrade-password-1");
    var station = peers.operator(peers.url(), trust, "CS-UP-20", "upgrade-password-1", "ocpp2.0.1");
    station.await("connections.jsonl", c -> c.has("boot"), 30);
    String out = peers.cli().ok("station-upgrade", "CS-UP-20", "--profile", "2");
    assertThat(out).contains("SetNetworkProfile", "Accepted");
    // the station reconnects over TLS after the Reset
    station.await(
        "connections.jsonl", c -> c.path("url").asText().startsWith("wss:") && c.has("boot"), 60);
    JsonNode view =
        admin.await("/v1/stations/CS-UP-20", s -> s.path("securityProfile").asInt() == 2, 30);
    assertThat(view.has("targetSecurityProfile")).isFalse();
    var calls = station.lines("calls.jsonl");
    JsonNode profile = calls.get(0).path("payload");
    assertThat(calls.get(0).path("action").asText()).isEqualTo("SetNetworkProfile");
    assertThat(profile.path("configuration_slot").asInt()).isEqualTo(1);
    assertThat(profile.path("connection_data").path("security_profile").asInt()).isEqualTo(2);
    assertThat(profile.path("connection_data").path("ocpp_csms_url").asText())
        .isEqualTo(peers.tlsUrl());
    assertThat(calls.get(1).path("action").asText()).isEqualTo("SetVariables");
    assertThat(calls.get(1).toString()).contains("NetworkConfigurationPriority", "1,0");
    assertThat(calls.get(2).path("action").asText()).isEqualTo("Reset");
    assertThat(calls.get(2).path("payload").path("type").asText()).isEqualTo("OnIdle");
    station.finish();
    // A05: after the upgrade the weaker connection is refused
    assertThat(connects("CS-UP-20", "upgrade-password-1", "ocpp2.0.1")).isEqualTo(401);
    assertThat(peers.securityEvents("CS-UP-20").toString()).contains("has security profile 2: TLS");

    var down =
        admin.send("POST", "/v1/stations/CS-UP-20/security-profile", "{\"securityProfile\": 1}");
    assertThat(down.statusCode()).isEqualTo(409);
    assertThat(down.body()).contains("security-profile-downgrade");
    var same =
        admin.send("POST", "/v1/stations/CS-UP-20/security-profile", "{\"securityProfile\": 2}");
    assertThat(same.statusCode()).isEqualTo(409);
    assertThat(admin.get("/v1/stations/CS-UP-20").path("securityProfile").asInt()).isEqualTo(2);
  }

  @Test
  void anOcpp16StationMovesToItsClientCertificate() throws Exception {
    register("CS-UP-16", "upgrade-password-2");
    Path[] certificate = peers.tlsMaterial.stationCertificate("CS-UP-16");
    var env =
        Map.of(
            "CHARGER_CAFILE", peers.tlsMaterial.rootPem().toString(),
            "CHARGER_CERT", certificate[0].toString(),
            "CHARGER_KEY", certificate[1].toString(),
            "OPERATOR_TLS_URL", peers.tlsUrl());
    var noBinding =
        admin.send("POST", "/v1/stations/CS-UP-16/security-profile", "{\"securityProfile\": 3}");
    assertThat(noBinding.statusCode()).isEqualTo(400);
    assertThat(noBinding.body()).contains("certificate-binding-required");

    var station = peers.operator(peers.url(), env, "CS-UP-16", "upgrade-password-2", "ocpp1.6");
    station.await("connections.jsonl", c -> c.has("boot"), 30);
    String out =
        peers.cli().ok("station-upgrade", "CS-UP-16", "--profile", "3", "--cert-cn", "CS-UP-16");
    assertThat(out).contains("ChangeConfiguration", "Accepted");
    station.await(
        "connections.jsonl",
        c ->
            c.path("url").asText().startsWith("wss:")
                && c.has("boot")
                && !c.path("basic").asBoolean(),
        60);
    admin.await("/v1/stations/CS-UP-16", s -> s.path("securityProfile").asInt() == 3, 30);
    station.finish();
    assertThat(station.lines("calls.jsonl").get(0).path("payload").toString())
        .contains("SecurityProfile", "3");
    assertThat(connects("CS-UP-16", "upgrade-password-2", "ocpp1.6")).isEqualTo(401);
  }

  @Test
  void severalCertificateTypesInOneRequestAndDeletionWithTheStationsHashAlgorithm()
      throws Exception {
    Path root = dir.resolve("v2g-root.pem");
    for (String algorithm : List.of("SHA384", "SHA512")) {
      String id = "CS-HASH-" + algorithm;
      register(id, "hash-password-0001");
      var station =
          peers.operator(
              peers.url(),
              Map.of("OPERATOR_HASH_ALGORITHM", algorithm, "OPERATOR_INSTALLED", root.toString()),
              id,
              "hash-password-0001",
              "ocpp2.0.1");
      station.await("connections.jsonl", c -> c.has("boot"), 30);
      String listed =
          peers
              .cli()
              .ok("roots", id, "--type", "V2GRootCertificate", "--type", "MORootCertificate");
      assertThat(listed).contains("GetInstalledCertificateIds", "Accepted", "V2GRootCertificate");
      JsonNode asked =
          station.await(
              "calls.jsonl",
              c -> c.path("action").asText().equals("GetInstalledCertificateIds"),
              10);
      assertThat(asked.path("payload").path("certificate_type").toString())
          .isEqualTo("[\"V2GRootCertificate\",\"MORootCertificate\"]");
      String deleted = peers.cli().ok("delete-root", id, "--file", root.toString());
      assertThat(deleted).contains("DeleteCertificate", "Accepted");
      JsonNode delete =
          station.await(
              "calls.jsonl", c -> c.path("action").asText().equals("DeleteCertificate"), 10);
      assertThat(
              delete.path("payload").path("certificate_hash_data").path("hash_algorithm").asText())
          .isEqualTo(algorithm);
      assertThat(station.finish().path("installed")).isEmpty();
    }
    assertThat(Files.exists(root)).isTrue();
  }

  private static java.net.http.HttpResponse<String> upload(String url, String body)
      throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "text/plain")
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aStationsSecurityLogComesBackToTheBridgeOnBothVersions() throws Exception {
    for (String version : List.of("ocpp2.0.1", "ocpp1.6")) {
      String id = version.equals("ocpp1.6") ? "CS-LOG-16" : "CS-LOG-20";
      register(id, "log-password-00001");
      var station = peers.operator(peers.url(), Map.of(), id, "log-password-00001", version);
      station.await("connections.jsonl", c -> c.has("boot"), 30);
      Path file = dir.resolve(id + ".log");
      var ran =
          peers
              .cli()
              .run(
                  List.of(
                      "station-log",
                      id,
                      "--follow",
                      "30",
                      "--output",
                      file.toString(),
                      "--token",
                      Peers.ADMIN_TOKEN));
      assertThat(ran.exitCode()).as(ran.output() + station.lines("calls.jsonl")).isZero();
      String out = ran.output();
      assertThat(out).contains("Uploaded", "saved to");
      assertThat(Files.readString(file)).contains(id + " security log, request");
      JsonNode asked =
          station.await("calls.jsonl", c -> c.path("action").asText().equals("GetLog"), 10);
      assertThat(asked.path("payload").path("log_type").asText()).isEqualTo("SecurityLog");
      assertThat(asked.path("payload").path("log").path("remote_location").asText())
          .startsWith(admin.base() + "/log-uploads/");
      station.finish();
      JsonNode requests = admin.get("/v1/stations/" + id + "/logs");
      // in the order they arrived: the station may report Uploading before its GetLog answer
      assertThat(requests.get(0).path("history").findValuesAsText("status"))
          .containsExactlyInAnyOrder("Requested", "Accepted", "Uploading", "Uploaded");
      assertThat(requests.get(0).path("status").asText()).isEqualTo("Uploaded");
      assertThat(requests.get(0).path("filename").asText()).isEqualTo(id + "-security.log");
      assertThat(admin.get("/v1/audit?station=" + id + "&action=log-request").toString())
          .contains("sent", "Accepted");
      // the upload URL took its file; it takes no other, and never an empty one
      String url = asked.path("payload").path("log").path("remote_location").asText();
      var again = upload(url, "a forged log");
      assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
      assertThat(again.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(Peers.JSON.readTree(again.body()).path("code").asText())
          .isEqualTo("log-already-uploaded");
      var empty = upload(url, "");
      assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
      assertThat(Peers.JSON.readTree(empty.body()).path("code").asText()).isEqualTo("empty-upload");
      assertThat(Files.readString(file)).contains(id + " security log, request");
      // times RFC 3339 cannot write and a remoteLocation that is not plain text store nothing
      int before = admin.get("/v1/stations/" + id + "/logs").size();
      for (String body :
          List.of(
              "{\"oldestTimestamp\": \"+10000-01-01T00:00:00Z\"}",
              "{\"latestTimestamp\": \"0000-06-01T00:00:00Z\"}",
              "{\"remoteLocation\": \"https://logs.example/\\u0007in\"}")) {
        var refused = admin.send("POST", "/v1/stations/" + id + "/logs?wait=0", body);
        assertThat(refused.statusCode()).as(body + ": " + refused.body()).isEqualTo(400);
        assertThat(Peers.JSON.readTree(refused.body()).path("code").asText())
            .isEqualTo("malformed-request");
      }
      assertThat(admin.get("/v1/stations/" + id + "/logs").size()).isEqualTo(before);
    }
    var stranger =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(admin.base() + "/log-uploads/" + "0".repeat(32)))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(stranger.statusCode()).isEqualTo(404);
    assertThat(Peers.JSON.readTree(stranger.body()).path("code").asText()).isEqualTo("not-found");
    var never = admin.send("POST", "/v1/stations/CS-0002/logs", "{}");
    assertThat(never.statusCode()).isEqualTo(409);
    assertThat(never.body()).contains("never-connected");
  }
}
