package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What callers can send the bridge: station ids with every character the OCPP identity rules allow
 * work from registration to deletion (admin API and CLI, a real station connecting with the id
 * percent-encoded and as its Basic username); and bad input at every admin endpoint the OpenAPI
 * document lists (NUL and control characters, huge, negative and fractional numbers, extreme dates,
 * malformed serials, oversized bodies) is a 4xx problem, never a 5xx.
 */
class AdminInputIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Raw path or query text, already percent-encoded where it must be. */
  private static final List<String> BAD_TEXT =
      List.of(
          "%00",
          "a%00b",
          "%01",
          "%0A%0D",
          "%7F",
          "99999999999999999999999999",
          "-1",
          "1.5",
          "1e400",
          "NaN",
          "99999-12-31T23:59:59Z",
          "0000-01-01T00:00:00Z",
          "zz",
          "0x10",
          "%C3%28",
          "x".repeat(5000));

  private static final List<Object> BAD_VALUES =
      List.of(
          "\u0000",
          "a\u0001b",
          "\n",
          1.5,
          new java.math.BigDecimal("1e400"),
          new java.math.BigInteger("-999999999999999999999999999"),
          "99999-12-31T23:59:59Z",
          "-999999999-01-01T00:00:00Z",
          "zz",
          "x".repeat(70_000),
          List.of(),
          java.util.Map.of());

  @TempDir static Path dir;
  static Peers peers;

  @BeforeAll
  static void start() throws Exception {
    peers = new Peers(dir);
  }

  @AfterAll
  static void stop() {
    peers.close();
  }

  @Test
  void stationIdsWithEveryAllowedCharacterWorkEndToEnd() throws Exception {
    var admin = peers.admin();
    String byApi = "CS+1=A|b@c.d*e_f-9";
    String encoded = URLEncoder.encode(byApi, StandardCharsets.UTF_8);
    admin.post(
        "/v1/stations",
        Peers.JSON
            .createObjectNode()
            .put("id", byApi)
            .put("password", "plus-equals-pass-01")
            .toString(),
        201);
    String byCli = "CS=2+B";
    String out = peers.cli().ok("station-add", byCli);
    String password = out.substring(out.indexOf("its hash): ") + 11).strip();

    var connected = peers.station(byApi, "plus-equals-pass-01", "ocpp2.0.1", "connect");
    assertThat(connected.path("subprotocol").asText())
        .as(connected.toString())
        .isEqualTo("ocpp2.0.1");
    var viaCli = peers.station(byCli, password, "ocpp1.6", "connect");
    assertThat(viaCli.path("subprotocol").asText()).as(viaCli.toString()).isEqualTo("ocpp1.6");
    int port = peers.bridge.getLocalPort();
    assertThat(
            new Upgrade("127.0.0.1", port, "/ocpp/" + encoded, byApi, "plus-equals-pass-01")
                .send()
                .status())
        .isEqualTo(101);

    JsonNode listed = admin.get("/v1/stations");
    assertThat(listed.findValuesAsText("id")).contains(byApi, byCli);
    assertThat(admin.get("/v1/stations/" + encoded).path("id").asText()).isEqualTo(byApi);
    assertThat(peers.cli().ok("station", byCli)).contains(byCli);

    assertThat(admin.send("DELETE", "/v1/stations/" + encoded, null).statusCode()).isEqualTo(204);
    peers.cli().ok("station-delete", byCli);
    assertThat(admin.send("GET", "/v1/stations/" + encoded, null).statusCode()).isEqualTo(404);
    var gone = peers.station(byApi, "plus-equals-pass-01", "ocpp2.0.1", "connect");
    assertThat(gone.path("httpStatus").asInt()).isEqualTo(401);
  }

  @Test
  void badInputAtEveryAdminEndpointIsA4xxProblem() throws Exception {
    JsonNode api;
    try (var in = AdminInputIT.class.getResourceAsStream("/bridge-openapi.yaml")) {
      api = YAML.readTree(in);
    }
    List<String> failures = new ArrayList<>();
    int sent = 0;
    for (var path : iterable(api.path("paths").fieldNames())) {
      JsonNode item = api.path("paths").path(path);
      for (String method : List.of("get", "post", "put", "patch", "delete")) {
        JsonNode op = item.path(method);
        if (op.isMissingNode()) {
          continue;
        }
        for (Call call : calls(api, path, item, method, op)) {
          sent++;
          check(call, failures);
        }
      }
    }
    System.out.printf(
        "admin input: %d bad requests sent, %d answered wrongly%n", sent, failures.size());
    assertThat(failures).isEmpty();
  }

  private record Call(String method, String uri, String body) {}

  /** The bad calls for one operation: each path parameter, query parameter and body field bad. */
  private static List<Call> calls(
      JsonNode api, String path, JsonNode item, String method, JsonNode op) throws Exception {
    String good = path.replaceAll("\\{[^}]+}", "CS-0001").replace("{control}", "pause");
    List<Call> calls = new ArrayList<>();
    String verb = method.toUpperCase(java.util.Locale.ROOT);
    String body = op.has("requestBody") ? "{}" : null;
    for (String bad : BAD_TEXT) {
      if (path.contains("{")) {
        calls.add(new Call(verb, path.replaceAll("\\{[^}]+}", bad), body));
      }
      for (JsonNode p : parameters(api, item, op)) {
        if (p.path("in").asText().equals("query")) {
          calls.add(new Call(verb, good + "?" + p.path("name").asText() + "=" + bad, body));
        }
      }
    }
    if (body != null) {
      for (String field : fields(api, op)) {
        for (Object value : BAD_VALUES) {
          ObjectNode b = Peers.JSON.createObjectNode();
          b.set(field, Peers.JSON.valueToTree(value));
          calls.add(new Call(verb, good, b.toString()));
        }
      }
      calls.add(new Call(verb, good, "{\"a\":\"\u0000\"}"));
      calls.add(new Call(verb, good, "[1.5, 1e400]"));
      calls.add(new Call(verb, good, "{\"a\": " + "[".repeat(5000)));
      calls.add(new Call(verb, good, "\"" + "x".repeat(5 * 1024 * 1024) + "\""));
    }
    return calls;
  }

  private static void check(Call call, List<String> failures) throws Exception {
    String target = "http://127.0.0.1:" + peers.bridge.getLocalPort() + call.uri();
    URI uri;
    try {
      uri = URI.create(target);
    } catch (IllegalArgumentException e) {
      return; // not a URI any HTTP client would send
    }
    var request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + Peers.ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .method(
                call.method(),
                call.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(call.body()));
    HttpResponse<String> response;
    try {
      response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      // the client may have picked a pooled connection the bridge had just closed after its
      // previous answer: the same request on a connection of its own tells
      try (var fresh = HttpClient.newHttpClient()) {
        response = fresh.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException again) {
        int status = rawStatus(call);
        if (status < 400 || status >= 500) {
          failures.add(
              call.method() + " " + abbreviate(call.uri()) + ": " + e + ", then " + status);
        }
        return;
      }
    }
    int status = response.statusCode();
    String type = response.headers().firstValue("Content-Type").orElse("");
    boolean problem = status < 400 || type.startsWith("application/problem+json");
    if (status >= 500 || !problem) {
      failures.add(
          call.method()
              + " "
              + abbreviate(call.uri())
              + " "
              + abbreviate(String.valueOf(call.body()))
              + " -> "
              + status
              + " "
              + type
              + " "
              + abbreviate(response.body()));
    }
  }

  /** The status line's code for {@code call} sent alone on a new connection (-1: none). */
  private static int rawStatus(Call call) throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", peers.bridge.getLocalPort())) {
      socket.setSoTimeout(10_000);
      byte[] body =
          call.body() == null ? new byte[0] : call.body().getBytes(StandardCharsets.UTF_8);
      String head =
          call.method()
              + " "
              + call.uri()
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer "
              + Peers.ADMIN_TOKEN
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length
              + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(body);
      String line =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return line == null || line.length() < 12 ? -1 : Integer.parseInt(line.substring(9, 12));
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  private static List<JsonNode> parameters(JsonNode api, JsonNode item, JsonNode op) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode p : iterable(item.path("parameters").elements())) {
      all.add(resolve(api, p));
    }
    for (JsonNode p : iterable(op.path("parameters").elements())) {
      all.add(resolve(api, p));
    }
    return all;
  }

  private static List<String> fields(JsonNode api, JsonNode op) {
    JsonNode schema =
        resolve(
            api, op.path("requestBody").path("content").path("application/json").path("schema"));
    List<String> names = new ArrayList<>();
    schema.path("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode resolve(JsonNode api, JsonNode node) {
    String ref = node.path("$ref").asText();
    return ref.startsWith("#/") ? api.at(ref.substring(1)) : node;
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    return () -> it;
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }
}
