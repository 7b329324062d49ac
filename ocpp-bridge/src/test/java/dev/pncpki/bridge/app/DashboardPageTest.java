package dev.pncpki.bridge.app;

import static dev.pncpki.bridge.app.PageDom.attribute;
import static dev.pncpki.bridge.app.PageDom.element;
import static dev.pncpki.bridge.app.PageDom.elements;
import static dev.pncpki.bridge.app.PageDom.tags;
import static dev.pncpki.bridge.app.PageDom.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operations-centre page ({@code /dashboard/}) in headless Chromium, against canned answers of
 * the admin API ({@link DashboardAnswers}) served next to it (same origin, as the bridge serves
 * it). The fleet view, an empty fleet, one station in full, the table's orders, a refused token, a
 * failing API and an unreachable one.
 */
class DashboardPageTest {
  private static final String TOKEN = "t0k3n";
  private static final Duration BUDGET = Duration.ofSeconds(8);

  /** How the fake bridge answers: normally, as a fresh install, or failing in one of two ways. */
  enum Mode {
    FLEET,
    EMPTY,
    STATIONS_FAILING,
    UNREACHABLE
  }

  private static final AtomicReference<Mode> mode = new AtomicReference<>(Mode.FLEET);
  private static HttpServer server;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void serve() throws IOException {
    Assumptions.assumeTrue(HeadlessChromium.available(), "chromium is not installed");
    chromium = new HeadlessChromium();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/dashboard/", DashboardPageTest::asset);
    server.createContext("/v1/fleet/health", DashboardPageTest::health);
    server.createContext("/v1/stations", DashboardPageTest::stations);
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @AfterEach
  void recover() {
    mode.set(Mode.FLEET);
  }

  @Test
  void rendersFleetHealth() throws Exception {
    String dom = chromium.dumpDom(page(TOKEN, ""), BUDGET);
    Files.writeString(Path.of("target", "dashboard.html"), dom); // to look at when this fails

    assertThat(tags(dom, "body"))
        .singleElement()
        .satisfies(
            b ->
                assertThat(b)
                    .containsEntry("data-loaded", "true")
                    .containsEntry("data-view", "fleet")
                    .doesNotContainKeys("data-error", "aria-busy"));
    assertThat(tags(element(dom, "p", "id", "loading"), "p").getFirst()).containsKey("hidden");
    assertThat(tiles(dom))
        .containsExactly(
            Map.entry("known", "12"),
            Map.entry("connected", "9"),
            Map.entry("disconnected", "1"),
            Map.entry("never-connected", "1"),
            Map.entry("disabled", "1"),
            Map.entry("alerts", "3"),
            Map.entry("campaigns", "1"));
    String status = element(dom, "p", "id", "fleet-status");
    assertThat(attribute(status, "p", "data-status")).isEqualTo("critical");
    assertThat(text(status)).contains("2 critical alerts", "1 expired certificate");

    List<Map<String, String>> weeks =
        tags(element(dom, "div", "id", "expiry-chart"), "rect").stream()
            .filter(r -> r.containsKey("data-week"))
            .toList();
    assertThat(weeks).hasSize(DashboardAnswers.PER_WEEK.length);
    for (int week = 0; week < DashboardAnswers.PER_WEEK.length; week++) {
      assertThat(weeks.get(week))
          .containsEntry("data-week", Integer.toString(week))
          .containsEntry("data-count", Integer.toString(DashboardAnswers.PER_WEEK[week]));
    }
    // the months reach the fleet's latest end: two years of bars, labelled in months and years
    String months = element(dom, "div", "id", "expiry-months");
    List<Map<String, String>> bars =
        tags(months, "rect").stream().filter(r -> r.containsKey("data-month")).toList();
    assertThat(bars).hasSize(DashboardAnswers.MONTHS);
    assertThat(bars.getLast())
        .containsEntry("data-month", DashboardAnswers.month(DashboardAnswers.MONTHS - 1))
        .containsEntry("data-count", "4");
    assertThat(text(months)).contains("calendar month (UTC)", "certificates");
    assertThat(text(element(dom, "div", "id", "expiry-chart"))).contains("weeks from now");

    String campaign = element(dom, "article", "data-campaign-id", "3");
    assertThat(attribute(campaign, "article", "data-state")).isEqualTo("running");
    Map<String, String> segments = new LinkedHashMap<>();
    tags(campaign, "rect").forEach(r -> segments.put(r.get("data-state"), r.get("data-count")));
    assertThat(segments)
        .containsExactly(
            Map.entry("accepted", "24"),
            Map.entry("rejected", "1"),
            Map.entry("failed", "1"),
            Map.entry("cancelled", "0"),
            Map.entry("delivered", "0"),
            Map.entry("issued", "1"),
            Map.entry("requested", "3"),
            Map.entry("pending", "10"));
    assertThat(text(campaign))
        .contains("rotate", "wave 2 of 4")
        .contains("24 of 40 accepted · 1 rejected · 1 failed · 65% done");
    // finished campaigns stay in view with their final counts and when they finished
    String finished = element(dom, "ul", "id", "finished-campaigns");
    assertThat(tags(finished, "li"))
        .extracting(li -> li.get("data-campaign-id") + " " + li.get("data-state"))
        .containsExactly("2 completed", "1 cancelled");
    assertThat(text(element(finished, "li", "data-campaign-id", "2")))
        .contains("install-root", "6 stations", "5 accepted", "1 failed", "finished 2 h ago");

    String risk = element(element(dom, "table", "id", "at-risk"), "tr", "data-station-id", "CS-1");
    assertThat(text(risk)).contains("CS-1", "1a2b", "failed", "disconnected");

    String alert =
        element(element(dom, "ul", "id", "alerts"), "li", "data-kind", "station-at-risk");
    assertThat(tags(alert, "li").getFirst()).containsEntry("data-severity", "critical");
    assertThat(text(alert)).contains("CS-1", "renewal failed");
    String revoked = element(element(dom, "ul", "id", "alerts"), "li", "data-kind", "ca-revoked");
    assertThat(tags(revoked, "li").getFirst()).containsEntry("data-severity", "critical");
    assertThat(text(revoked))
        .as("the revoked CA, its stations and the command that moves them")
        .contains(
            "cpo-sub-ca-2",
            "3 station(s) (V2GCertificate 3)",
            "bin/pnc-bridge campaign-start rotate --revoked-ca cpo-sub-ca-2 --watch");
    assertThat(tags(element(dom, "ul", "id", "alerts"), "li"))
        .extracting(li -> li.get("data-severity"))
        .as("critical first; the bridge's upper-case severities in lower case")
        .containsExactly("critical", "critical", "warning");

    String stations = element(dom, "table", "id", "stations");
    assertThat(text(element(stations, "tr", "data-station-id", "CS-1")))
        .contains("connected", "ocpp2.0.1", "Demo CPO · Wallbox-X", "CS 300 d", "renewed");
    assertThat(text(element(stations, "tr", "data-station-id", "CS-2"))).contains("disconnected");
    assertThat(text(element(stations, "tr", "data-station-id", "CS-9"))).contains("disabled");
    String never = element(stations, "tr", "data-state", "never-connected");
    assertThat(text(never)).contains("never connected", "never");
    // A station id is the charger's choice: it must arrive as text, never as markup.
    assertThat(stations).contains("CS-&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img");
    assertThat(attribute(never, "a", "href"))
        .as("the link to its detail view is the id, percent-encoded")
        .isEqualTo("#station=CS-%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E");
    assertThat(rowOrder(dom))
        .as("by state: disconnected, never connected, connected, disabled")
        .containsExactly("CS-2", "CS-<img src=x onerror=alert(1)>", "CS-1", "CS-3", "CS-9");
    assertThat(text(element(dom, "ul", "id", "renewals"))).contains("5 revoked", "1 failed");
  }

  @Test
  void sortsStationsByDaysLeftWithoutCertificatesLast() throws Exception {
    String ascending = chromium.dumpDom(page(TOKEN, "sort=days"), BUDGET);
    assertThat(rowOrder(ascending).subList(0, 3)).containsExactly("CS-3", "CS-2", "CS-1");
    assertThat(rowOrder(ascending).subList(3, 5))
        .containsExactlyInAnyOrder("CS-9", "CS-<img src=x onerror=alert(1)>");
    assertThat(tags(ascending, "th"))
        .filteredOn(th -> "days".equals(th.get("data-sort")))
        .singleElement()
        .satisfies(th -> assertThat(th).containsEntry("aria-sort", "ascending"));

    String descending = chromium.dumpDom(page(TOKEN, "sort=-days"), BUDGET);
    assertThat(rowOrder(descending).subList(0, 3)).containsExactly("CS-1", "CS-2", "CS-3");
    assertThat(rowOrder(descending).subList(3, 5))
        .containsExactlyInAnyOrder("CS-9", "CS-<img src=x onerror=alert(1)>");

    String byId = chromium.dumpDom(page(TOKEN, "sort=id"), BUDGET);
    assertThat(rowOrder(byId)).containsSubsequence("CS-1", "CS-2", "CS-3", "CS-9");
  }

  @Test
  void anEmptyFleetIsAllClear() throws Exception {
    mode.set(Mode.EMPTY);
    String dom = chromium.dumpDom(page(TOKEN, ""), BUDGET);

    String status = element(dom, "p", "id", "fleet-status");
    assertThat(attribute(status, "p", "data-status")).isEqualTo("all-clear");
    assertThat(text(status)).contains("All clear", "No stations registered yet");
    assertThat(tiles(dom)).allSatisfy((tile, value) -> assertThat(value).isEqualTo("0"));
    assertThat(tags(dom, "div"))
        .filteredOn(d -> d.containsKey("data-tile"))
        .as("nothing red or orange on a fresh install")
        .noneMatch(
            d -> "warn".equals(d.get("data-level")) || "critical".equals(d.get("data-level")));
    assertThat(dom).doesNotContain("data-level=\"critical\"", "data-level=\"warn\"");
    assertThat(text(element(dom, "ul", "id", "alerts"))).isEqualTo("No active alerts.");
    assertThat(text(element(dom, "table", "id", "stations"))).contains("No stations registered.");
    assertThat(text(element(dom, "div", "id", "expiry-months")))
        .contains("No current certificates");
  }

  @Test
  void showsOneStationInFull() throws Exception {
    String dom = chromium.dumpDom(page(TOKEN, "station=CS-1"), BUDGET);
    Files.writeString(Path.of("target", "dashboard-station.html"), dom);

    assertThat(tags(dom, "body").getFirst()).containsEntry("data-view", "station");
    assertThat(tags(dom, "main"))
        .as("only the station view shows")
        .extracting(m -> m.get("id") + (m.containsKey("hidden") ? " hidden" : ""))
        .containsExactly("content hidden", "station-view");
    String view = element(dom, "main", "id", "station-view");
    assertThat(attribute(view, "main", "data-station-id")).isEqualTo("CS-1");
    assertThat(text(view))
        .contains("Back to the fleet", "Station CS-1", "connected")
        .contains("Security profile 2", "Operator Demo CPO", "Model Wallbox-X", "Enabled yes")
        .contains("Sim Wallbox-X, firmware 1.2.3");
    String certificates = element(view, "table", "id", "station-certificates");
    assertThat(tags(certificates, "tr"))
        .filteredOn(tr -> tr.containsKey("data-serial"))
        .extracting(tr -> tr.get("data-serial") + " " + tr.get("data-current"))
        .containsExactly("1a2b true", "0a0b false");
    assertThat(text(element(certificates, "tr", "data-serial", "1a2b"))).contains("300 d");
    assertThat(text(element(view, "table", "id", "station-anchors")))
        .contains("V2GRootCertificate", "77", "SHA256");
    assertThat(text(element(view, "table", "id", "station-deliveries")))
        .contains("GetInstalledCertificateIds", "answered Accepted", "TriggerMessage", "no answer");
    String events = element(view, "table", "id", "station-events");
    assertThat(text(events)).contains("InvalidFirmwareSigningCertificate");
    assertThat(events).contains("&lt;b&gt;signed by someone else&lt;/b&gt;").doesNotContain("<b>");

    String missing = chromium.dumpDom(page(TOKEN, "station=NOPE"), BUDGET);
    assertThat(tags(missing, "body").getFirst()).doesNotContainKey("data-error");
    assertThat(text(element(missing, "main", "id", "station-view")))
        .contains("Station NOPE", "No station with this id is registered");
  }

  @Test
  void beforeTheFirstAnswerThePageSaysItIsLoading() throws Exception {
    // what a browser shows before the script has an answer: never a blank page
    String html;
    try (InputStream in = getClass().getResourceAsStream("/dashboard/index.html")) {
      html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(tags(html, "body").getFirst()).containsEntry("aria-busy", "true");
    String loading = element(html, "p", "id", "loading");
    assertThat(tags(loading, "p").getFirst()).doesNotContainKey("hidden");
    assertThat(text(loading)).isEqualTo("Loading…");
    assertThat(tags(html, "main")).allSatisfy(m -> assertThat(m).containsKey("hidden"));
  }

  @Test
  void wrongTokenShowsTheForm() throws Exception {
    String dom = chromium.dumpDom(page("wrong", ""), BUDGET);

    Map<String, String> body = tags(dom, "body").getFirst();
    assertThat(body).containsEntry("data-auth", "refused").doesNotContainKey("data-loaded");
    assertThat(tags(dom, "form").getFirst())
        .containsEntry("id", "token-form")
        .doesNotContainKey("hidden");
    assertThat(text(element(dom, "p", "id", "token-message"))).isEqualTo("token refused");
    assertThat(tags(dom, "main").getFirst()).containsKey("hidden");
  }

  @Test
  void failedFetchShowsTheBanner() throws Exception {
    mode.set(Mode.STATIONS_FAILING);
    String dom = chromium.dumpDom(page(TOKEN, ""), BUDGET);

    assertThat(tags(dom, "body").getFirst()).containsEntry("data-error", "v1/stations: HTTP 503");
    String banner = element(dom, "div", "id", "error-banner");
    assertThat(tags(banner, "div").getFirst()).doesNotContainKey("hidden");
    assertThat(text(banner)).contains("Could not refresh", "HTTP 503", "(down for maintenance)");
  }

  @Test
  void anUnreachableBridgeIsAClearErrorNotALoadingPage() throws Exception {
    mode.set(Mode.UNREACHABLE);
    String dom = chromium.dumpDom(page(TOKEN, ""), BUDGET);

    Map<String, String> body = tags(dom, "body").getFirst();
    assertThat(body).doesNotContainKeys("aria-busy", "data-loaded");
    assertThat(body.get("data-error")).contains("bridge not reachable");
    assertThat(tags(element(dom, "p", "id", "loading"), "p").getFirst()).containsKey("hidden");
    assertThat(text(element(dom, "div", "id", "error-banner")))
        .contains("bridge not reachable", "Nothing loaded yet", "Retrying every 5 s");
  }

  @Test
  void screenshots() throws Exception {
    Path fleet = chromium.screenshot(page(TOKEN, ""), Path.of("target", "dashboard.png"), BUDGET);
    assertThat(Files.size(fleet)).isGreaterThan(10_000);
    Path station =
        chromium.screenshot(
            page(TOKEN, "station=CS-1"), Path.of("target", "dashboard-station.png"), BUDGET);
    assertThat(Files.size(station)).isGreaterThan(10_000);
  }

  private static URI page(String token, String more) {
    return URI.create(
        "http://127.0.0.1:%d/dashboard/index.html#token=%s%s"
            .formatted(server.getAddress().getPort(), token, more.isEmpty() ? "" : "&" + more));
  }

  private static Map<String, String> tiles(String dom) {
    Map<String, String> tiles = new LinkedHashMap<>();
    tags(dom, "div").stream()
        .filter(d -> d.containsKey("data-tile"))
        .forEach(d -> tiles.put(d.get("data-tile"), d.get("data-value")));
    return tiles;
  }

  /** The station table's rows, by station id, top to bottom. */
  private static List<String> rowOrder(String dom) {
    return elements(element(dom, "table", "id", "stations"), "tr", "data-station-id").stream()
        .map(tr -> attribute(tr, "tr", "data-station-id"))
        .toList();
  }

  // --- the fake bridge -----------------------------------------------------------------------

  private static void health(HttpExchange x) throws IOException {
    if (mode.get() == Mode.UNREACHABLE) {
      x.close(); // no answer at all: the connection just ends
      return;
    }
    // as the bridge does: a query parameter the call does not declare is refused
    String query = x.getRequestURI().getQuery();
    if (query != null && !query.matches("weeks=\\d+")) {
      respond(x, 400, "application/problem+json", "{\"code\":\"malformed-request\"}");
      return;
    }
    api(x, mode.get() == Mode.EMPTY ? DashboardAnswers.emptyHealth() : DashboardAnswers.health());
  }

  private static void stations(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    if (mode.get() == Mode.STATIONS_FAILING) {
      respond(
          x,
          503,
          "application/problem+json",
          "{\"code\":\"unavailable\",\"detail\":\"down for maintenance\"}");
    } else if (path.equals("/v1/stations")) {
      api(x, mode.get() == Mode.EMPTY ? "[]" : DashboardAnswers.stations());
    } else if (path.equals("/v1/stations/CS-1")) {
      api(x, DashboardAnswers.station());
    } else {
      respond(x, 404, "application/problem+json", "{\"code\":\"not-found\",\"status\":404}");
    }
  }

  private static void asset(HttpExchange x) throws IOException {
    String name = x.getRequestURI().getPath().substring("/dashboard/".length());
    if (name.isEmpty()) {
      name = "index.html";
    }
    try (InputStream in =
        name.matches("[a-z]+\\.(html|js|css)")
            ? DashboardPageTest.class.getResourceAsStream("/dashboard/" + name)
            : null) {
      if (in == null) {
        respond(x, 404, "text/plain", "no " + name);
        return;
      }
      String type =
          name.endsWith(".html")
              ? "text/html; charset=utf-8"
              : name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
      respond(x, 200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static void api(HttpExchange x, String json) throws IOException {
    if (!("Bearer " + TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"))) {
      respond(x, 401, "application/problem+json", "{\"code\":\"unauthorized\",\"status\":401}");
    } else {
      respond(x, 200, "application/json", json);
    }
  }

  private static void respond(HttpExchange x, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    x.sendResponseHeaders(status, bytes.length);
    try (var out = x.getResponseBody()) {
      out.write(bytes);
    }
  }
}
