package dev.pncpki.bridge.app;

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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operations-centre page ({@code /dashboard/}) in headless Chromium, against canned answers of
 * the admin API served next to it (same origin, as the bridge serves it). Jsoup is not on the test
 * classpath, so the dumped DOM is read with a few regular expressions: the page's hooks are ids and
 * {@code data-*} attributes, which Chromium serializes verbatim.
 */
class DashboardPageTest {
  private static final String TOKEN = "t0k3n";
  private static final Duration BUDGET = Duration.ofSeconds(8);
  private static final int[] PER_WEEK = {2, 0, 5, 1, 0, 0, 3, 0, 0, 7, 0, 1};

  private static final AtomicBoolean stationsFailing = new AtomicBoolean();
  private static HttpServer server;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void serve() throws IOException {
    Assumptions.assumeTrue(HeadlessChromium.available(), "chromium is not installed");
    chromium = new HeadlessChromium();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/dashboard/", DashboardPageTest::asset);
    server.createContext("/v1/fleet/health", x -> api(x, health()));
    server.createContext(
        "/v1/stations",
        x -> {
          if (stationsFailing.get()) {
            respond(x, 503, "application/problem+json", "{\"code\":\"unavailable\"}");
          } else {
            api(x, stations());
          }
        });
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
    stationsFailing.set(false);
  }

  @Test
  void rendersFleetHealth() throws Exception {
    String dom = chromium.dumpDom(page(TOKEN), BUDGET);
    Files.writeString(Path.of("target", "dashboard.html"), dom); // to look at when this fails

    assertThat(tags(dom, "body"))
        .singleElement()
        .satisfies(
            b ->
                assertThat(b).containsEntry("data-loaded", "true").doesNotContainKey("data-error"));
    Map<String, String> tiles = new LinkedHashMap<>();
    tags(dom, "div").stream()
        .filter(d -> d.containsKey("data-tile"))
        .forEach(d -> tiles.put(d.get("data-tile"), d.get("data-value")));
    assertThat(tiles)
        .containsExactly(
            Map.entry("known", "12"),
            Map.entry("connected", "10"),
            Map.entry("disconnected", "2"),
            Map.entry("alerts", "2"),
            Map.entry("campaigns", "1"));

    List<Map<String, String>> bars =
        tags(element(dom, "div", "id", "expiry-chart"), "rect").stream()
            .filter(r -> r.containsKey("data-week"))
            .toList();
    assertThat(bars).hasSize(PER_WEEK.length);
    for (int week = 0; week < PER_WEEK.length; week++) {
      assertThat(bars.get(week))
          .containsEntry("data-week", Integer.toString(week))
          .containsEntry("data-count", Integer.toString(PER_WEEK[week]));
    }

    String campaign = element(dom, "article", "data-campaign-id", "3");
    assertThat(tags(campaign, "article").getFirst()).containsEntry("data-state", "running");
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

    String risk = element(element(dom, "table", "id", "at-risk"), "tr", "data-station-id", "CS-1");
    assertThat(text(risk)).contains("CS-1", "1a2b", "failed", "disconnected");

    String alert =
        element(element(dom, "ul", "id", "alerts"), "li", "data-kind", "station-at-risk");
    assertThat(tags(alert, "li").getFirst()).containsEntry("data-severity", "critical");
    assertThat(text(alert)).contains("CS-1", "renewal failed");
    assertThat(tags(element(dom, "ul", "id", "alerts"), "li"))
        .extracting(li -> li.get("data-severity"))
        .as("critical first; the bridge's upper-case severities in lower case")
        .containsExactly("critical", "warning");

    String stations = element(dom, "table", "id", "stations");
    assertThat(text(element(stations, "tr", "data-station-id", "CS-1")))
        .contains("yes", "ocpp2.0.1", "CS 300 d", "renewed");
    assertThat(text(element(stations, "tr", "data-station-id", "CS-2"))).contains("no");
    // A station id is the charger's choice: it must arrive as text, never as markup.
    assertThat(stations).contains("CS-&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img");
    assertThat(text(element(dom, "ul", "id", "renewals"))).contains("5 revoked", "1 failed");
  }

  @Test
  void wrongTokenShowsTheForm() throws Exception {
    String dom = chromium.dumpDom(page("wrong"), BUDGET);

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
    stationsFailing.set(true);
    String dom = chromium.dumpDom(page(TOKEN), BUDGET);

    assertThat(tags(dom, "body").getFirst()).containsEntry("data-error", "v1/stations: HTTP 503");
    String banner = element(dom, "div", "id", "error-banner");
    assertThat(tags(banner, "div").getFirst()).doesNotContainKey("hidden");
    assertThat(text(banner)).contains("Could not refresh", "HTTP 503");
  }

  @Test
  void screenshot() throws Exception {
    Path png = chromium.screenshot(page(TOKEN), Path.of("target", "dashboard.png"), BUDGET);
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }

  private static URI page(String token) {
    return URI.create(
        "http://127.0.0.1:%d/dashboard/index.html#token=%s"
            .formatted(server.getAddress().getPort(), token));
  }

  /** Now plus {@code days}, as the API writes times. */
  private static String at(long days) {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(days)).toString();
  }

  // --- the fake bridge -----------------------------------------------------------------------

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

  // --- reading the dumped DOM ----------------------------------------------------------------

  private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:-]+)(?:=\"([^\"]*)\")?");

  /** The attributes of every {@code <tag ...>} in {@code html}, in document order. */
  private static List<Map<String, String>> tags(String html, String tag) {
    List<Map<String, String>> found = new ArrayList<>();
    Matcher m = Pattern.compile("<" + tag + "(\\s[^>]*)?>").matcher(html);
    while (m.find()) {
      Map<String, String> attributes = new LinkedHashMap<>();
      Matcher a = ATTRIBUTE.matcher(m.group(1) == null ? "" : m.group(1));
      while (a.find()) {
        attributes.put(a.group(1), a.group(2) == null ? "" : unescape(a.group(2)));
      }
      found.add(attributes);
    }
    return found;
  }

  /** The first {@code <tag>} with {@code attribute="value"} up to its end (tags not nested). */
  private static String element(String html, String tag, String attribute, String value) {
    Matcher m =
        Pattern.compile(
                "<"
                    + tag
                    + "\\s[^>]*"
                    + attribute
                    + "=\""
                    + Pattern.quote(value)
                    + "\"[^>]*>.*?</"
                    + tag
                    + ">",
                Pattern.DOTALL)
            .matcher(html);
    assertThat(m.find()).as("<%s %s=\"%s\"> in the page", tag, attribute, value).isTrue();
    return m.group();
  }

  private static String text(String html) {
    return unescape(html.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip());
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
  }

  // --- canned answers (shapes as in the brief; times relative to now) ------------------------

  private static String health() {
    StringBuilder weeks = new StringBuilder();
    for (int w = 0; w < PER_WEEK.length; w++) {
      weeks
          .append(w == 0 ? "" : ",")
          .append("{\"week\":%d,\"expiring\":%d}".formatted(w, PER_WEEK[w]));
    }
    return """
      {"stations":{"known":12,"connected":10,"disconnected":2},
       "currentCertificates":{
         "ChargingStationCertificate":{"total":10,"expired":0,"expiringWithinWindow":3},
         "V2GCertificate":{"total":8,"expired":1,"expiringWithinWindow":2}},
       "expiringPerWeek":[%s],
       "renewals":{"triggered":1,"renewed":2,"revoked":5,"failed":1},
       "atRisk":[{"stationId":"CS-1","certificateType":"ChargingStationCertificate","serial":"1a2b",
                  "notAfter":"%s","renewal":"failed","disconnected":true}],
       "campaigns":[{"id":3,"kind":"rotate","state":"running","total":40,"currentWave":2,"waves":4,
                     "counts":{"pending":10,"requested":3,"issued":1,"delivered":0,"accepted":24,
                               "rejected":1,"failed":1,"cancelled":0},
                     "createdAt":"%s","pausedReason":null}],
       "alerts":[{"kind":"station-at-risk","key":"station-at-risk/CS-1","subject":"CS-1",
                  "severity":"critical","detail":"renewal failed, station disconnected",
                  "since":"%s"},
                 {"kind":"campaign-paused","key":"campaign-paused/4","subject":"campaign 4",
                  "severity":"WARNING","detail":"too many failures","since":"%4$s"}]}
      """
        .formatted(weeks, at(9), at(-1), at(-1));
  }

  /** CS-1 with every optional field, CS-2 with none, and a station id that is markup. */
  private static String stations() {
    return """
      [{"id":"CS-1","connected":true,"ocppVersion":"ocpp2.0.1","instance":"b1","connectedAt":"%s",
        "certificates":[{"serial":"1a2b","certificateType":"ChargingStationCertificate",
          "notAfter":"%s","daysLeft":300,"status":"Accepted","answeredAt":"%s","deliveryId":5}],
        "lastRenewal":{"state":"renewed","updatedAt":"%s","lastError":null},
        "ocsp":{"at":"%4$s","nextUpdate":"%5$s"},
        "roots":[{"certificateType":"V2GRootCertificate","serialNumber":"77"}]},
       {"id":"CS-2","connected":false,"certificates":[]},
       {"id":"CS-<img src=x onerror=alert(1)>","connected":false}]
      """
        .formatted(at(-40), at(300), at(-2), at(-3), at(4));
  }
}
