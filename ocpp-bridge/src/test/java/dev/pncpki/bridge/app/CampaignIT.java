package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Campaigns against a simulated fleet of Python {@code ocpp} stations, some that accept, some that
 * reject, some that vanish mid-campaign, one away and one that never connected: a rotation reaches
 * every reachable station exactly once, also when the bridge is stopped and started in the middle,
 * and reports the others with their reasons; a wave with too many failures pauses its campaign
 * until an admin resumes it; a cancelled campaign asks no one else; bad requests change nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignIT {
  @TempDir static Path dir;
  static Peers peers;
  static Fleet fleet;
  static BridgeAdmin admin;
  static com.sun.net.httpserver.HttpServer hook;
  static final String HOOK_SECRET = "webhook-secret-for-tests";

  /** A webhook call as the receiver got it. */
  record Hooked(String timestamp, String signature, String body) {}

  static final List<Hooked> hooked = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * F-01..F-12 accept, 13-15 reject, 16-18 vanish, 19 away, 20 never connects; 21-26 model Sim-3.
   */
  static final List<String> SPECS = new ArrayList<>();

  static {
    for (int i = 1; i <= 26; i++) {
      String version = version(i);
      String behaviour =
          switch (i) {
            case 13, 14, 15, 23 -> "reject";
            case 16, 17, 18 -> "vanish";
            case 19 -> "mute";
            case 20 -> "";
            default -> "accept";
          };
      if (!behaviour.isEmpty()) {
        SPECS.add(id(i) + ":" + version + ":" + behaviour + ":" + (i > 20 ? "Sim-3" : "Sim-1"));
      }
    }
  }

  /** Stations of each OCPP version in turn: 2.0.1, 1.6, 2.1. */
  static String version(int i) {
    return switch (i % 3) {
      case 0 -> "ocpp2.1";
      case 1 -> "ocpp2.0.1";
      default -> "ocpp1.6";
    };
  }

  static String id(int i) {
    return "F-%02d".formatted(i);
  }

  @BeforeAll
  static void start() throws Exception {
    List<String> ids = IntStream.rangeClosed(1, 26).mapToObj(CampaignIT::id).toList();
    hook =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(
                  exchange.getRequestBody().readAllBytes(),
                  java.nio.charset.StandardCharsets.UTF_8);
          hooked.add(
              new Hooked(
                  exchange.getRequestHeaders().getFirst("X-PncPki-Timestamp"),
                  exchange.getRequestHeaders().getFirst("X-PncPki-Signature"),
                  body));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    hook.start();
    peers =
        new Peers(
            dir,
            false,
            null,
            "campaignPassMillis: 200\nalerts: {checkIntervalSeconds: 1, webhook: {url:"
                + " \"http://127.0.0.1:%d/hook\", secret: %s}}"
                    .formatted(hook.getAddress().getPort(), HOOK_SECRET),
            ids);
    admin = new BridgeAdmin(peers.bridge);
    fleet = Fleet.start(dir, peers.url(), SPECS);
    // everyone but the one that never connects has booted (the away one left again)
    admin.await("/v1/stations", s -> countSeen(s) == 25, 60);
    admin.await("/v1/stations", s -> countConnected(s) == 24, 30);
    // the one that never connected is listed as such
    assertThat(admin.get("/v1/stations/F-20").path("state").asText()).isEqualTo("never-connected");
    // a healthy CA raises nothing: its certificates, CRLs and OCSP, checked every second here
    Thread.sleep(2_500);
    assertThat(admin.get("/v1/fleet/health").path("alerts"))
        .as("alerts of a fresh CA")
        .noneMatch(a -> a.path("kind").asText().matches("ca-.*|crl-.*|ocsp-.*"));
  }

  private static long countSeen(JsonNode stations) {
    long n = 0;
    for (JsonNode s : stations) {
      if (s.path("id").asText().startsWith("F-")
          && !s.path("state").asText().equals("never-connected")) {
        n++;
      }
    }
    return n;
  }

  private static long countConnected(JsonNode stations) {
    long n = 0;
    for (JsonNode s : stations) {
      if (s.path("id").asText().startsWith("F-") && s.path("connected").asBoolean()) {
        n++;
      }
    }
    return n;
  }

  @AfterAll
  static void stop() throws Exception {
    if (fleet != null) {
      fleet.close();
    }
    peers.close();
    hook.stop(0);
  }

  @Test
  @Order(1)
  void aRotationReachesEveryReachableStationOnceThroughARestart() throws Exception {
    String stations =
        IntStream.rangeClosed(1, 20).mapToObj(i -> "\"" + id(i) + "\"").toList().toString();
    JsonNode created =
        admin.post(
            "/v1/campaigns",
            """
            {"kind": "rotate", "certificateType": "ChargingStationCertificate",
             "selection": {"stations": %s}, "waveSize": 10, "concurrency": 4,
             "maxFailurePercent": 100, "stepTimeoutSeconds": 15, "requestedBy": "it"}
            """
                .formatted(stations),
            201);
    long id = created.path("id").asLong();
    assertThat(created.path("total").asInt()).isEqualTo(20);
    assertThat(created.path("waves").asInt()).isEqualTo(2);

    // stop the bridge in the middle of the first wave, start it again, move the stations there
    admin.await("/v1/campaigns/" + id, c -> c.path("counts").path("accepted").asInt() >= 3, 60);
    peers.bridge.after();
    peers.bridge.before();
    fleet.moveTo(peers.url());

    JsonNode done =
        admin.await("/v1/campaigns/" + id, c -> c.path("state").asText().equals("completed"), 120);
    JsonNode counts = done.path("counts");
    assertThat(counts.path("accepted").asInt()).as(done.toString()).isEqualTo(12);
    assertThat(counts.path("rejected").asInt()).isEqualTo(3);
    assertThat(counts.path("failed").asInt()).isEqualTo(5);

    Map<String, JsonNode> targets = new java.util.TreeMap<>();
    admin
        .get("/v1/campaigns/" + id + "/stations")
        .forEach(t -> targets.put(t.path("stationId").asText(), t));
    // the campaign asks each station once; under it, a CALL is delivered at least once: one that
    // was on the wire when the bridge stopped is sent again (at most the 4 then in flight)
    var calls = fleet.calls();
    int repeated = 0;
    for (int i = 1; i <= 12; i++) {
      assertThat(targets.get(id(i)).path("state").asText()).as(id(i)).isEqualTo("accepted");
      var received = calls.get(id(i));
      int triggers =
          received.getOrDefault(
              version(i).equals("ocpp1.6") ? "ExtendedTriggerMessage" : "TriggerMessage", 0);
      assertThat(triggers).as(id(i) + " asked once: " + received).isBetween(1, 2);
      assertThat(received.getOrDefault("CertificateSigned", 0))
          .as(id(i) + " got its certificate: " + received)
          .isBetween(1, 2);
      repeated += triggers - 1;
    }
    assertThat(repeated)
        .as("repeats only of what was in flight at the restart")
        .isLessThanOrEqualTo(4);
    for (int i = 13; i <= 15; i++) {
      assertThat(targets.get(id(i)).path("state").asText()).isEqualTo("rejected");
      assertThat(targets.get(id(i)).path("reason").asText()).contains("answered Rejected");
      assertThat(calls.get(id(i))).doesNotContainKey("CertificateSigned");
    }
    for (int i = 16; i <= 18; i++) {
      assertThat(targets.get(id(i)).path("state").asText()).isEqualTo("failed");
      assertThat(targets.get(id(i)).path("reason").asText()).contains("disconnected");
    }
    assertThat(targets.get(id(19)).path("reason").asText()).as("away").contains("disconnected");
    assertThat(targets.get(id(20)).path("reason").asText()).contains("never connected");

    // the bridge's record of the stations matches: each accepting one holds the new certificate
    JsonNode station = admin.get("/v1/stations/" + id(1));
    JsonNode current = station.path("certificates").get(0);
    assertThat(current.path("status").asText()).isEqualTo("Accepted");

    // which selects them now (a dry run: checked as for real, nothing stored): the operator in
    // their certificates, and their issuer by DN or by CN
    String issuer = current.path("issuer").asText();
    String cn = issuer.substring(3, issuer.indexOf(','));
    List<String> rotated = IntStream.rangeClosed(1, 12).mapToObj(CampaignIT::id).toList();
    int campaigns = admin.get("/v1/campaigns").size();
    for (String selection :
        List.of(
            "{\"operator\": \"" + current.path("organization").asText() + "\"}",
            "{\"issuer\": " + Peers.JSON.writeValueAsString(issuer) + "}",
            "{\"issuer\": " + Peers.JSON.writeValueAsString(cn) + "}")) {
      JsonNode preview =
          admin.post(
              "/v1/campaigns?dryRun=true",
              "{\"kind\": \"rotate\", \"certificateType\": \"ChargingStationCertificate\","
                  + " \"selection\": "
                  + selection
                  + "}",
              200);
      List<String> selected = new ArrayList<>();
      preview.path("stations").forEach(n -> selected.add(n.asText()));
      assertThat(selected).as(selection).containsAll(rotated).noneMatch(x -> x.equals(id(13)));
    }
    JsonNode withNever =
        admin.post(
            "/v1/campaigns?dryRun=true",
            "{\"kind\": \"rotate\", \"certificateType\": \"ChargingStationCertificate\","
                + " \"selection\": {\"stations\": [\""
                + id(1)
                + "\", \"F-20\"]}}",
            200);
    assertThat(withNever.path("neverConnected").toString()).contains("F-20").doesNotContain(id(1));
    assertThat(withNever.path("warning").asText()).startsWith("1 of the selected stations never");
    assertThat(admin.get("/v1/campaigns").size()).as("dry runs store nothing").isEqualTo(campaigns);
  }

  @Test
  @Order(2)
  void aWaveWithTooManyFailuresPausesTheCampaignUntilResumed() throws Exception {
    JsonNode created =
        admin.post(
            "/v1/campaigns",
            """
            {"kind": "install-root", "certificateType": "CSMSRootCertificate",
             "certificate": %s, "selection": {"model": "Sim-3"}, "waveSize": 3,
             "concurrency": 3, "maxFailurePercent": 0, "stepTimeoutSeconds": 20}
            """
                .formatted(Peers.JSON.writeValueAsString(root())),
            201);
    long id = created.path("id").asLong();
    assertThat(created.path("total").asInt()).as("F-21..F-26 reported Sim-3").isEqualTo(6);
    assertThat(created.path("parameters").has("certificate")).as("no PEM echoed").isFalse();
    JsonNode paused =
        admin.await("/v1/campaigns/" + id, c -> c.path("state").asText().equals("paused"), 30);
    assertThat(paused.path("pausedReason").asText()).isEqualTo("wave 1: 1 of 3 failed or rejected");
    assertThat(paused.path("counts").path("pending").asInt()).as("wave 2 not begun").isEqualTo(3);

    // the failed wave is an alert: in the fleet view, and signed to the webhook
    JsonNode alerts = admin.get("/v1/fleet/health").path("alerts");
    assertThat(alerts.findValuesAsText("key")).contains("campaign:" + id + ":wave:1");
    Hooked raised = null;
    for (int i = 0; i < 100 && raised == null; i++) { // the webhook is sent asynchronously
      raised =
          hooked.stream()
              .filter(h -> h.body().contains("campaign:" + id + ":wave:1"))
              .findFirst()
              .orElse(null);
      Thread.sleep(100);
    }
    assertThat(raised).as("the webhook got the alert").isNotNull();
    assertThat(raised.body()).contains("\"event\":\"raised\"", "campaign-wave-failed");
    var mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(
            HOOK_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
    assertThat(raised.signature())
        .isEqualTo(
            "sha256="
                + java.util.HexFormat.of()
                    .formatHex(
                        mac.doFinal(
                            (raised.timestamp() + "." + raised.body())
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))));

    admin.post("/v1/campaigns/" + id + "/resume?by=it", null, 200);
    JsonNode done =
        admin.await("/v1/campaigns/" + id, c -> c.path("state").asText().equals("completed"), 30);
    assertThat(done.path("counts").path("accepted").asInt()).isEqualTo(5);
    assertThat(done.path("counts").path("rejected").asInt()).isEqualTo(1);
    var calls = fleet.calls();
    for (int i = 21; i <= 26; i++) {
      assertThat(calls.get(id(i))).as(id(i)).containsEntry("InstallCertificate", 1);
    }
    admin.await( // cleared once the campaign completed
        "/v1/fleet/health",
        h -> !h.path("alerts").findValuesAsText("key").contains("campaign:" + id + ":wave:1"),
        10);
    JsonNode history = admin.get("/v1/fleet/alerts?limit=50");
    JsonNode kept = null;
    for (JsonNode a : history) {
      if (a.path("key").asText().equals("campaign:" + id + ":wave:1")) {
        kept = a;
      }
    }
    assertThat(kept).as("the history keeps it: " + history).isNotNull();
    assertThat(kept.path("clearedAt").isTextual()).isTrue();
    assertThat(kept.path("severity").asText()).isEqualTo("warning");
    var conflict = admin.send("POST", "/v1/campaigns/" + id + "/pause", null);
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.body()).contains("campaign-state", "is completed");
  }

  @Test
  @Order(3)
  void aCancelledCampaignAsksNoOneElse() throws Exception {
    // the away station holds the only slot, so the others wait until the campaign is cancelled
    JsonNode created =
        admin.post(
            "/v1/campaigns",
            """
            {"kind": "rotate", "certificateType": "ChargingStationCertificate",
             "selection": {"stations": ["F-19", "F-01", "F-03"]}, "concurrency": 1,
             "stepTimeoutSeconds": 600}
            """,
            201);
    long id = created.path("id").asLong();
    admin.await("/v1/campaigns/" + id, c -> c.path("counts").path("requested").asInt() == 1, 10);
    JsonNode cancelled = admin.post("/v1/campaigns/" + id + "/cancel?by=it", null, 200);
    assertThat(cancelled.path("state").asText()).isEqualTo("cancelled");
    JsonNode finished = admin.await("/v1/campaigns/" + id, c -> c.hasNonNull("finishedAt"), 10);
    assertThat(finished.path("counts").path("cancelled").asInt()).isEqualTo(3);
    JsonNode away = admin.get("/v1/campaigns/" + id + "/stations?state=cancelled");
    assertThat(away.findValuesAsText("stationId")).contains("F-19", "F-01", "F-03");
    JsonNode delivery = admin.get("/v1/deliveries/" + away.get(0).path("deliveryId").asLong());
    assertThat(delivery.path("state").asText())
        .as("the unsent trigger is withdrawn")
        .isEqualTo("cancelled");
    var again = admin.send("POST", "/v1/campaigns/" + id + "/resume", null);
    assertThat(again.statusCode()).isEqualTo(409);
    // each control is in the audit trail, the refused one too
    assertThat(admin.get("/v1/audit?action=campaign-start").toString())
        .contains("campaign " + id + " requested by");
    assertThat(admin.get("/v1/audit?action=campaign-cancel").get(0).path("detail").asText())
        .isEqualTo("campaign " + id + " cancelled by it");
    assertThat(admin.get("/v1/audit?action=campaign-resume&outcome=refused").toString())
        .contains("campaign " + id + " is cancelled");
  }

  @Test
  @Order(4)
  void badRequestsAreRefusedAndStartNothing() throws Exception {
    int before = admin.get("/v1/campaigns").size();
    record Bad(String body, int status, String code) {}
    for (Bad bad :
        List.of(
            new Bad(
                "{\"kind\": \"reboot\", \"selection\": {\"all\": true}}", 400, "malformed-request"),
            new Bad(
                "{\"kind\": \"rotate\", \"certificateType\": \"V2GRootCertificate\", \"selection\": {\"all\": true}}",
                400,
                "unsupported-type"),
            new Bad(
                "{\"kind\": \"rotate\", \"certificateType\": \"V2GCertificate\"}",
                400,
                "malformed-request"),
            new Bad(
                "{\"kind\": \"rotate\", \"certificateType\": \"V2GCertificate\", \"selection\": {\"all\": true, \"model\": \"x\"}}",
                400,
                "malformed-request"),
            new Bad(
                "{\"kind\": \"rotate\", \"certificateType\": \"V2GCertificate\", \"selection\": {\"stations\": [\"F-01\", \"NOPE\"]}}",
                400,
                "unknown-station"),
            new Bad(
                "{\"kind\": \"rotate\", \"certificateType\": \"V2GCertificate\", \"selection\": {\"model\": \"none\"}}",
                409,
                "empty-selection"),
            new Bad(
                "{\"kind\": \"rotate\", \"certificateType\": \"V2GCertificate\", \"selection\": {\"all\": true}, \"concurrency\": 0}",
                400,
                "malformed-request"),
            new Bad(
                "{\"kind\": \"install-root\", \"certificateType\": \"CSMSRootCertificate\", \"certificate\": \"not a pem\", \"selection\": {\"all\": true}}",
                400,
                "invalid-root"),
            new Bad(
                "{\"kind\": \"delete-root\", \"certificateHashData\": {\"hashAlgorithm\": \"MD5\"}, \"selection\": {\"all\": true}}",
                400,
                "invalid-ocpp-payload"),
            new Bad(
                "{\"kind\": \"delete-root\", \"certificateHashData\": %s, \"via\": \"pnc\", \"selection\": {\"all\": true}}"
                    .formatted(HASH_DATA),
                400,
                "malformed-request"),
            new Bad(
                "{\"kind\": \"install-root\", \"certificateType\": \"CSMSRootCertificate\", \"certificate\": %s, \"selection\": {\"all\": true}}"
                    .formatted(Peers.JSON.writeValueAsString(chainOf("cpo-sub-ca-1"))),
                400,
                "invalid-root"),
            new Bad(
                "{\"kind\": \"rotate\", \"certificateType\": \"V2GCertificate\", \"selection\": {\"all\": true}, \"requestedBy\": \"eve\\nINFO forged\"}",
                400,
                "malformed-request"))) {
      var response = admin.send("POST", "/v1/campaigns", bad.body());
      assertThat(response.statusCode())
          .as(bad.body() + " -> " + response.body())
          .isEqualTo(bad.status());
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
      assertThat(response.body()).contains(bad.code());
    }
    var huge =
        admin.send(
            "POST",
            "/v1/campaigns",
            "{\"kind\": \"rotate\", \"requestedBy\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}");
    assertThat(huge.statusCode()).as("bodies over 4 MiB are not read").isEqualTo(413);
    assertThat(admin.get("/v1/campaigns").size()).as("nothing started").isEqualTo(before);

    // a station still to be asked in an unfinished campaign is not taken by a second one
    JsonNode first =
        admin.post(
            "/v1/campaigns",
            "{\"kind\": \"delete-root\", \"certificateHashData\": %s, \"selection\": {\"stations\": [\"F-19\"]}, \"stepTimeoutSeconds\": 600}"
                .formatted(HASH_DATA),
            201);
    var overlap =
        admin.send(
            "POST",
            "/v1/campaigns",
            "{\"kind\": \"rotate\", \"certificateType\": \"ChargingStationCertificate\", \"selection\": {\"stations\": [\"F-19\", \"F-01\"]}}");
    assertThat(overlap.statusCode()).as(overlap.body()).isEqualTo(409);
    assertThat(overlap.body()).contains("campaign-overlap", first.path("id").asText() + ":F-19");
    admin.post("/v1/campaigns/" + first.path("id").asLong() + "/cancel", null, 200);
    admin.await("/v1/campaigns/" + first.path("id").asLong(), c -> c.hasNonNull("finishedAt"), 10);
    assertThat(admin.send("GET", "/v1/campaigns/999999", null).statusCode()).isEqualTo(404);
    assertThat(admin.send("GET", "/v1/campaigns/1/stations?state=lost", null).statusCode())
        .isEqualTo(400);
    var anonymous =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + peers.bridge.getLocalPort() + "/v1/campaigns"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  @Order(5)
  void theOperationsPageShowsARunningCampaignInHeadlessChromium() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(HeadlessChromium.available(), "no chromium");
    // the away station keeps this campaign running
    JsonNode created =
        admin.post(
            "/v1/campaigns",
            """
            {"kind": "rotate", "certificateType": "ChargingStationCertificate",
             "selection": {"stations": ["F-19", "F-05"]}, "concurrency": 1,
             "stepTimeoutSeconds": 600}
            """,
            201);
    long id = created.path("id").asLong();
    admin.await("/v1/campaigns/" + id, c -> c.path("counts").path("requested").asInt() == 1, 10);
    URI page =
        URI.create(
            "http://127.0.0.1:%d/dashboard/#token=%s"
                .formatted(peers.bridge.getLocalPort(), Peers.ADMIN_TOKEN));
    var chromium = new HeadlessChromium();
    String dom = chromium.dumpDom(page, java.time.Duration.ofSeconds(8));
    chromium.screenshot(
        page, Path.of("target", "dashboard-campaign.png"), java.time.Duration.ofSeconds(8));
    assertThat(dom).contains("data-loaded=\"true\"");
    assertThat(dom)
        .containsPattern(
            "class=\"campaign\"[^>]*data-campaign-id=\""
                + id
                + "\"[^>]*data-state=\"running\""
                + "|data-campaign-id=\""
                + id
                + "\"[^>]*data-state=\"running\"");
    assertThat(dom).containsPattern("data-state=\"requested\"[^>]*data-count=\"1\"");
    assertThat(dom).containsPattern("data-state=\"pending\"[^>]*data-count=\"1\"");
    // the fleet: the stations the rotation renewed, their certificates' weeks, the away one
    assertThat(dom).contains("data-station-id=\"F-01\"", "data-station-id=\"F-19\"");
    assertThat(dom).contains("data-tile=\"known\"");
    assertThat(dom).containsPattern("<rect[^>]*data-week=\"11\"");
    admin.post("/v1/campaigns/" + id + "/cancel", null, 200);
  }

  @Test
  @Order(6)
  void theCliStartsAndFollowsACampaign() throws Exception {
    var cli = new BridgeCli(peers.bridge.getLocalPort());
    Path root = dir.resolve("campaign-root.pem");
    java.nio.file.Files.writeString(root, root());
    assertThat(
            cli.ok(
                "campaign-start",
                "delete-root",
                "--file",
                root.toString(),
                "--model",
                "Sim-3",
                "--dry-run"))
        .contains("would take 6 station(s) in 1 wave(s); nothing started", "F-21", "F-26");
    String watched =
        cli.ok(
            "campaign-start",
            "delete-root",
            "--file",
            root.toString(),
            "--model",
            "Sim-3",
            "--wave-size",
            "6",
            "--watch");
    // the progress bar (stderr, a line per change off a terminal), then the summary
    assertThat(watched).contains("[##############################] 100% 6/6", "completed");
    assertThat(watched).contains("delete-root over 6 station(s)");
    JsonNode list = Peers.JSON.readTree(cli.ok("campaigns", "--json"));
    JsonNode newest = list.get(0);
    assertThat(newest.path("kind").asText()).isEqualTo("delete-root");
    assertThat(newest.path("counts").path("accepted").asInt()).isEqualTo(6);
    long id = newest.path("id").asLong();
    JsonNode shown = Peers.JSON.readTree(cli.ok("campaign", String.valueOf(id), "--json"));
    assertThat(shown.path("state").asText()).isEqualTo("completed");
    var refused =
        cli.run(List.of("campaign-pause", String.valueOf(id), "--token", Peers.ADMIN_TOKEN));
    assertThat(refused.exitCode()).isEqualTo(2); // refused by the bridge
    assertThat(refused.output()).contains("HTTP 409 campaign-state", "is completed");
    for (int i = 21; i <= 26; i++) {
      assertThat(fleet.calls().get(id(i))).as(id(i)).containsEntry("DeleteCertificate", 1);
    }
  }

  static final String HASH_DATA =
      "{\"hashAlgorithm\": \"SHA256\", \"issuerNameHash\": \"%s\", \"issuerKeyHash\": \"%s\","
              .formatted("ab".repeat(32), "cd".repeat(32))
          + " \"serialNumber\": \"1a2b\"}";

  private static String chainOf(String ca) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + peers.ca.getLocalPort() + "/v1/cas/" + ca + "/chain"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static String root() throws Exception {
    return chainOf("v2g-root");
  }

  @Test
  @Order(7)
  void aControlThatWaitsOverTenSecondsForARunnerPassIsRefusedAsBusy() throws Exception {
    JsonNode created =
        admin.post(
            "/v1/campaigns",
            """
            {"kind": "rotate", "certificateType": "ChargingStationCertificate",
             "selection": {"stations": ["F-19"]}, "concurrency": 1, "stepTimeoutSeconds": 600}
            """,
            201);
    long id = created.path("id").asLong();
    admin.await("/v1/campaigns/" + id, c -> c.path("counts").path("requested").asInt() == 1, 10);
    // a runner pass that does not end: the campaigns' lock held from outside (store.Campaigns.LOCK)
    int port =
        Integer.parseInt(
            java.nio.file.Files.readAllLines(dir.resolve("bridge-postgres/postmaster.pid"))
                .get(3)
                .trim());
    try (var db =
        java.sql.DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "")) {
      try (var st = db.createStatement()) {
        st.execute("SELECT pg_advisory_lock(" + 0x706e_6363_616d_7067L + ")");
      }
      var busy = admin.send("POST", "/v1/campaigns/" + id + "/pause?by=it", null);
      assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
      assertThat(busy.body()).contains("campaigns-busy");
      assertThat(admin.get("/v1/campaigns/" + id).path("state").asText())
          .as("nothing changed")
          .isEqualTo("running");
    } // the lock goes with the connection
    admin.post("/v1/campaigns/" + id + "/cancel?by=it", null, 200);
    admin.await("/v1/campaigns/" + id, c -> c.hasNonNull("finishedAt"), 20);
  }
}
