package dev.pncpki.bridge.app;

import static dev.pncpki.bridge.app.PageDom.attribute;
import static dev.pncpki.bridge.app.PageDom.element;
import static dev.pncpki.bridge.app.PageDom.tags;
import static dev.pncpki.bridge.app.PageDom.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations page in headless Chromium against a real bridge and CA ({@link Peers}) and Python
 * {@code ocpp} stations ({@link Fleet}): a fresh install (registered stations that never connected,
 * nothing alarming), one-wave campaigns that end completed, a campaign in progress, and one station
 * in full. Screenshots go to the test's directory and, for people to look at, to {@code
 * target/dashboard-screenshots/} at the top of the checkout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
  private static final Duration BUDGET = Duration.ofSeconds(8);
  private static final Path SHOTS = Path.of("..", "target", "dashboard-screenshots");

  @TempDir static Path dir;
  static Peers peers;
  static Fleet fleet;
  static BridgeAdmin admin;
  static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(HeadlessChromium.available(), "chromium is not installed");
    chromium = new HeadlessChromium();
    // CS-0001 and CS-0002 are Peers' own; CS-AWAY connects once and leaves; CS-NEVER never comes
    peers = new Peers(dir, false, null, "campaignPassMillis: 200", List.of("CS-AWAY", "CS-NEVER"));
    admin = new BridgeAdmin(peers.bridge);
  }

  @AfterAll
  static void stop() throws Exception {
    if (fleet != null) {
      fleet.close();
    }
    if (peers != null) {
      peers.close();
    }
  }

  @Test
  @Order(1)
  void aFreshInstallIsCalmAndListsStationsThatNeverConnected() throws Exception {
    // What a fresh install shows once the bridge's first alert checks ran (5 s after start): the
    // CA's certificates and CRLs fetched as relying parties fetch them, nothing to alert on.
    Thread.sleep(6_000);
    JsonNode health = admin.get("/v1/fleet/health");
    assertThat(health.path("alerts").size()).as(health.toString()).isZero();
    assertThat(health.path("stations").path("known").asInt()).isEqualTo(4);
    assertThat(health.path("stations").path("neverConnected").asInt()).isEqualTo(4);
    assertThat(health.path("finishedCampaigns").size()).isZero();
    assertThat(health.path("expiringPerMonth").size()).as("at least a year").isEqualTo(12);
    assertThat(health.path("latestNotAfter").isNull()).isTrue();
    assertThat(admin.get("/v1/fleet/health?weeks=4&months=3").path("expiringPerMonth").size())
        .isEqualTo(3);
    for (String bad : List.of("months=0", "months=121", "horizon=3")) {
      var refused = admin.send("GET", "/v1/fleet/health?" + bad, null);
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(refused.body()).contains("malformed-request");
    }

    String dom = render("", "1-fresh-install.png", 1250);
    assertThat(tags(dom, "body").getFirst()).containsEntry("data-loaded", "true");
    String status = element(dom, "p", "id", "fleet-status");
    assertThat(attribute(status, "p", "data-status")).isEqualTo("all-clear");
    assertThat(tags(dom, "div"))
        .filteredOn(d -> d.containsKey("data-tile"))
        .as("no red or orange tile")
        .noneMatch(
            d -> "warn".equals(d.get("data-level")) || "critical".equals(d.get("data-level")))
        .anySatisfy(
            d ->
                assertThat(d)
                    .containsEntry("data-tile", "never-connected")
                    .containsEntry("data-value", "4"));
    String stations = element(dom, "table", "id", "stations");
    for (String id : List.of("CS-0001", "CS-0002", "CS-AWAY", "CS-NEVER")) {
      String row = element(stations, "tr", "data-station-id", id);
      assertThat(attribute(row, "tr", "data-state")).as(id).isEqualTo("never-connected");
      assertThat(text(row)).contains("never connected");
    }
  }

  @Test
  @Order(2)
  void aOneWaveCampaignThatReachedEveryStationCompletes() throws Exception {
    fleet =
        Fleet.start(
            dir,
            peers.url(),
            List.of("CS-0001:ocpp2.0.1:accept", "CS-0002:ocpp1.6:accept", "CS-AWAY:ocpp1.6:mute"));
    admin.await("/v1/stations?state=connected", s -> s.size() == 2, 60);
    admin.await("/v1/stations?state=disconnected", s -> s.size() == 1, 60); // CS-AWAY left

    JsonNode all = campaign("[\"CS-0001\", \"CS-0002\"]", ", \"waveSize\": 2");
    assertThat(all.path("state").asText()).as(all.toString()).isEqualTo("completed");
    assertThat(all.path("counts").path("accepted").asInt()).isEqualTo(2);
    // the last wave completes its campaign over maxFailurePercent (10): one of three never came,
    // and no wave is left for a pause to hold back
    JsonNode over = campaign("[\"CS-0001\", \"CS-0002\", \"CS-NEVER\"]", ", \"waveSize\": 5");
    assertThat(over.path("state").asText()).as(over.toString()).isEqualTo("completed");
    assertThat(over.path("pausedReason").isNull()).isTrue();
    assertThat(over.path("counts").path("accepted").asInt()).isEqualTo(2);
    assertThat(over.path("counts").path("failed").asInt()).isEqualTo(1);

    JsonNode finished = admin.get("/v1/fleet/health").path("finishedCampaigns");
    assertThat(finished.findValuesAsText("id"))
        .containsExactly(over.path("id").asText(), all.path("id").asText());
  }

  @Test
  @Order(3)
  void aRunningCampaignShowsItsProgressBesideTheFinishedOnes() throws Exception {
    // the away station holds the only slot: the campaign stays running, CS-0001 waits
    JsonNode created =
        admin.post(
            "/v1/campaigns",
            """
            {"kind": "rotate", "certificateType": "ChargingStationCertificate",
             "selection": {"stations": ["CS-AWAY", "CS-0001"]}, "concurrency": 1,
             "stepTimeoutSeconds": 600}
            """,
            201);
    long id = created.path("id").asLong();
    admin.await("/v1/campaigns/" + id, c -> c.path("counts").path("requested").asInt() == 1, 10);

    String dom = render("", "2-campaign-running.png", 1450);
    String card = element(dom, "article", "data-campaign-id", Long.toString(id));
    assertThat(attribute(card, "article", "data-state")).isEqualTo("running");
    assertThat(card)
        .containsPattern("data-state=\"requested\"[^>]*data-count=\"1\"")
        .containsPattern("data-state=\"pending\"[^>]*data-count=\"1\"");
    assertThat(text(card)).contains("0 of 2 accepted", "0% done");
    String finished = element(dom, "ul", "id", "finished-campaigns");
    assertThat(tags(finished, "li"))
        .hasSize(2)
        .allSatisfy(li -> assertThat(li).containsEntry("data-state", "completed"));
    assertThat(text(finished)).contains("3 stations: 2 accepted · 1 failed", "finished");

    // the stations' states, and their new certificates in the month they end (a year or more
    // ahead: the weekly chart alone would show nothing)
    String stations = element(dom, "table", "id", "stations");
    assertThat(attribute(element(stations, "tr", "data-station-id", "CS-0001"), "tr", "data-state"))
        .isEqualTo("connected");
    assertThat(attribute(element(stations, "tr", "data-station-id", "CS-AWAY"), "tr", "data-state"))
        .isEqualTo("disconnected");
    assertThat(
            attribute(element(stations, "tr", "data-station-id", "CS-NEVER"), "tr", "data-state"))
        .isEqualTo("never-connected");
    Map<String, Integer> ending = new TreeMap<>();
    for (JsonNode s : admin.get("/v1/stations")) {
      for (JsonNode c : currentOf(s)) {
        YearMonth month =
            YearMonth.from(Instant.parse(c.path("notAfter").asText()).atOffset(ZoneOffset.UTC));
        ending.merge(month.toString(), 1, Integer::sum);
      }
    }
    assertThat(ending).as("both rotated stations hold a current certificate").isNotEmpty();
    String months = element(dom, "div", "id", "expiry-months");
    for (var e : ending.entrySet()) {
      assertThat(months)
          .as("month %s", e.getKey())
          .containsPattern(
              "data-count=\"" + e.getValue() + "\"[^>]*data-month=\"" + e.getKey() + "\"");
    }
    assertThat(text(months)).contains("calendar month (UTC)");
  }

  @Test
  @Order(4)
  void oneStationInFull() throws Exception {
    JsonNode station = admin.get("/v1/stations/CS-0001");
    JsonNode current = currentOf(station).getFirst();

    String dom = render("&station=CS-0001", "3-station.png", 1050);
    assertThat(tags(dom, "body").getFirst()).containsEntry("data-view", "station");
    String view = element(dom, "main", "id", "station-view");
    assertThat(text(view))
        .contains("Station CS-0001", "Back to the fleet", "Security profile 1", "Enabled yes")
        .contains("OCPP ocpp2.0.1", "Sim Sim-1");
    String certificates = element(view, "table", "id", "station-certificates");
    String row = element(certificates, "tr", "data-serial", current.path("serial").asText());
    assertThat(attribute(row, "tr", "data-current")).isEqualTo("true");
    assertThat(text(row)).contains(current.path("daysLeft").asText() + " d");
    assertThat(text(element(view, "table", "id", "station-deliveries")))
        .contains("TriggerMessage", "CertificateSigned", "answered Accepted");
    assertThat(text(view)).contains("Never asked: no GetInstalledCertificateIds answer yet.");

    // the fleet view again, sorted by days left: the stations without certificates last
    String fleetView = render("&sort=days", "4-fleet-by-days-left.png", 1450);
    String stations = element(fleetView, "table", "id", "stations");
    assertThat(stations.indexOf("data-station-id=\"CS-0001\""))
        .isLessThan(stations.indexOf("data-station-id=\"CS-NEVER\""));
    assertThat(stations.indexOf("data-station-id=\"CS-0002\""))
        .isLessThan(stations.indexOf("data-station-id=\"CS-AWAY\""));
  }

  /** A rotation over {@code stations}, followed until it is no longer running. */
  private static JsonNode campaign(String stations, String more) throws Exception {
    JsonNode created =
        admin.post(
            "/v1/campaigns",
            """
            {"kind": "rotate", "certificateType": "ChargingStationCertificate",
             "selection": {"stations": %s}%s}
            """
                .formatted(stations, more),
            201);
    return admin.await(
        "/v1/campaigns/" + created.path("id").asLong(),
        c -> !c.path("state").asText().equals("running"),
        60);
  }

  /** The station's newest accepted certificate of each type, as the page counts them current. */
  private static List<JsonNode> currentOf(JsonNode station) {
    Map<String, JsonNode> byType = new TreeMap<>();
    for (JsonNode c : station.path("certificates")) {
      if (c.path("status").asText().equals("Accepted")) {
        byType.merge(
            c.path("certificateType").asText(),
            c,
            (a, b) ->
                a.path("answeredAt").asText().compareTo(b.path("answeredAt").asText()) >= 0
                    ? a
                    : b);
      }
    }
    return List.copyOf(byType.values());
  }

  /** The page's DOM for {@code fragment} (after the token), and its screenshot, kept. */
  private static String render(String fragment, String screenshot, int height) throws Exception {
    URI page =
        URI.create(
            "http://127.0.0.1:%d/dashboard/#token=%s%s"
                .formatted(peers.bridge.getLocalPort(), Peers.ADMIN_TOKEN, fragment));
    String dom = chromium.dumpDom(page, BUDGET);
    Files.writeString(dir.resolve(screenshot.replace(".png", ".html")), dom);
    Path png = chromium.screenshot(page, dir.resolve(screenshot), BUDGET, 1400, height);
    Files.createDirectories(SHOTS);
    Files.copy(png, SHOTS.resolve(screenshot), StandardCopyOption.REPLACE_EXISTING);
    return dom;
  }
}
