package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throws hostile values at every operation the OpenAPI document lists: in each path parameter, in
 * each query parameter and in each field of each JSON body. Whatever is sent, the CA answers a
 * problem detail with a 4xx (or a success where the value is acceptable), never a 5xx, and the
 * database and audit log hold nothing the request could have smuggled in.
 */
class BadInputSweepIT {
  @TempDir static Path dir;
  static RunningCa ca;
  static JsonNode api;

  /** Path segments, already percent-encoded as a client would send them. */
  static final List<String> SEGMENTS =
      List.of(
          "%00",
          "zz",
          "-1",
          "1.5",
          "0",
          "00",
          "-0",
          "+1",
          "1e9",
          "f".repeat(200),
          "99999999999999999999999999999999999999999",
          "%E2%80%AE",
          "%ED%A0%80",
          "%C0%80",
          "%FF",
          "%20",
          "%0A",
          "..",
          "%2F",
          "a%2Fb",
          "0x10");

  /** Query values, percent-encoded. */
  static final List<String> QUERY_VALUES =
      List.of(
          "%00",
          "1.5",
          "-1",
          "0",
          "1e3",
          "99999999999999999999",
          "%2B999999999-01-01T00:00:00Z",
          "-999999999-01-01T00:00:00Z",
          "0000-01-01T00:00:00Z",
          "10000-01-01T00:00:00Z",
          "2026-02-30T00:00:00Z",
          "2026-01-01T24:00:00Z",
          "2026-01-01",
          "NaN",
          "Infinity",
          "%E2%80%AE",
          "%FF",
          "");

  /** JSON values for any body field, as JSON text. */
  static final List<String> FIELD_VALUES =
      List.of(
          "\"\\u0000\"",
          "\"a\\u0000b\"",
          "\"\\ud800\"",
          "\"\\u202e\"",
          "\"\"",
          "\" \"",
          "\"x\"",
          "1.5",
          "-1",
          "0",
          "1e308",
          "-1e308",
          "99999999999999999999999",
          "2147483648",
          "9223372036854775808",
          "\"+999999999-01-01T00:00:00Z\"",
          "\"0000-01-01T00:00:00Z\"",
          "true",
          "null",
          "[]",
          "{}",
          "[\"\\u0000\"]",
          "\"" + "A".repeat(70_000) + "\"");

  @BeforeAll
  static void start() throws Exception {
    // with the ISO 15118 schemas, so that installation requests reach the EXI decoder
    Path schemas = Path.of(System.getProperty("pnc.iso15118"), "iso15118", "shared", "schemas");
    ca =
        new RunningCa(
            dir,
            RunningCa.softwareKeys(dir),
            true,
            "{type: http, bindHost: 127.0.0.1, port: 0}",
            "iso15118SchemaDirectory: \"%s\"\niso15118_20SchemaDirectory: \"%s\""
                .formatted(schemas.resolve("iso15118_2"), schemas.resolve("iso15118_20")),
            java.net.http.HttpClient.newHttpClient());
    try (InputStream in = BadInputSweepIT.class.getResourceAsStream("/openapi.yaml")) {
      api = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  private record Operation(String method, String template, JsonNode spec) {}

  private static List<Operation> operations() {
    List<Operation> all = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> p = api.path("paths").fields(); p.hasNext(); ) {
      var path = p.next();
      for (String method : List.of("get", "post", "put", "delete")) {
        if (path.getValue().has(method)) {
          all.add(new Operation(method.toUpperCase(), path.getKey(), path.getValue().get(method)));
        }
      }
    }
    return all;
  }

  /** Ordinary values for the parameters not under attack. */
  private static final Map<String, String> ORDINARY =
      Map.of(
          "serial",
          "01",
          "id",
          "cpo-sub-ca-2",
          "pcid",
          "WMIDEMO0000000001",
          "emaid",
          "DEPNCC000000001");

  /** The path with the parameter {@code param} set to {@code value}, the others ordinary. */
  private static String path(String template, String param, String value) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        out.append(template, i, template.length());
        break;
      }
      int close = template.indexOf('}', open);
      out.append(template, i, open);
      String name = template.substring(open + 1, close);
      out.append(name.equals(param) ? value : ORDINARY.getOrDefault(name, "x"));
      i = close + 1;
    }
    return out.toString();
  }

  private static RunningCa.Reply send(String method, String target, String type, byte[] body)
      throws Exception {
    RunningCa.Reply r = null;
    // as admin first; where the operation belongs to another role, as that role
    for (String token : TOKENS) {
      try {
        r = ca.send(method, target, token, type, body);
      } catch (java.io.IOException first) {
        // Jetty closes a connection after refusing a URI it cannot parse (%00); the JDK client
        // may have sent the next request on it already. A second try takes a new connection.
        try {
          r = ca.send(method, target, token, type, body);
        } catch (java.io.IOException e) {
          return new RunningCa.Reply(-1, "", "no answer: " + e.getMessage(), null);
        }
      }
      if (r.status() != 403) {
        return r;
      }
    }
    return r;
  }

  private static final List<String> TOKENS =
      List.of(RunningCa.ADMIN, RunningCa.MO_X, RunningCa.OEM_A, RunningCa.BRIDGE);

  /** What went wrong, all of it, so that one run shows every case. */
  private final List<String> wrong = new ArrayList<>();

  private void noServerError(RunningCa.Reply r, String what) {
    if (r.status() < 0 || r.status() >= 500) {
      wrong.add(what + " -> " + r.status() + " " + abbreviate(r.body(), 200));
    } else if (r.status() >= 400
        && r.status() != 401
        && !r.contentType().startsWith("application/problem+json")) {
      wrong.add(what + " -> " + r.status() + " not a problem detail: " + r.contentType());
    }
  }

  @org.junit.jupiter.api.AfterEach
  void nothingWentWrong() {
    assertThat(wrong).isEmpty();
  }

  @Test
  void hostilePathSegmentsAreNeverAServerError() throws Exception {
    int sent = 0;
    for (Operation op : operations()) {
      for (JsonNode param : parameters(op)) {
        if (!param.path("in").asText().equals("path")) {
          continue;
        }
        for (String value : SEGMENTS) {
          String target = path(op.template(), param.path("name").asText(), value);
          byte[] body = op.method().equals("GET") ? null : "{}".getBytes(StandardCharsets.UTF_8);
          var r = send(op.method(), target, body == null ? null : "application/json", body);
          noServerError(r, op.method() + " " + target);
          sent++;
        }
      }
    }
    assertThat(sent).as("path parameters found in the OpenAPI document").isGreaterThan(100);
  }

  @Test
  void hostileQueryValuesAreNeverAServerError() throws Exception {
    int sent = 0;
    for (Operation op : operations()) {
      for (JsonNode param : parameters(op)) {
        if (!param.path("in").asText().equals("query")) {
          continue;
        }
        for (String value : QUERY_VALUES) {
          String target =
              path(op.template(), "", "") + "?" + param.path("name").asText() + "=" + value;
          var r = send(op.method(), target, null, null);
          noServerError(r, op.method() + " " + target);
          sent++;
        }
      }
    }
    assertThat(sent).as("query parameters found in the OpenAPI document").isGreaterThan(100);
  }

  @Test
  void hostileBodyFieldsAreNeverAServerErrorAndStoreNothing() throws Exception {
    long certificates = ca.rows("select count(*) from certificate");
    int sent = 0;
    for (Operation op : operations()) {
      JsonNode schema = bodySchema(op);
      if (schema == null) {
        continue;
      }
      for (Iterator<String> f = schema.path("properties").fieldNames(); f.hasNext(); ) {
        String field = f.next();
        for (String value : FIELD_VALUES) {
          ObjectNode body = RunningCa.JSON.createObjectNode();
          body.set(field, RunningCa.JSON.readTree(value));
          String target = path(op.template(), "", "");
          var r =
              send(op.method(), target, "application/json", RunningCa.JSON.writeValueAsBytes(body));
          noServerError(r, op.method() + " " + target + " " + field + "=" + abbreviate(value, 40));
          sent++;
        }
      }
    }
    assertThat(sent).as("body fields found in the OpenAPI document").isGreaterThan(100);
    assertThat(ca.rows("select count(*) from certificate")).isEqualTo(certificates);
    assertThat(ca.rows("select count(*) from audit_event where detail like '%' || chr(1) || '%'"))
        .isZero();
  }

  private static List<JsonNode> parameters(Operation op) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : op.spec().path("parameters")) {
      out.add(p.has("$ref") ? resolve(p.get("$ref").asText()) : p);
    }
    return out;
  }

  /** A local reference such as {@code #/components/parameters/CaId}. */
  private static JsonNode resolve(String ref) {
    return api.at(ref.substring(1));
  }

  @Test
  void randomOcspRequestsAreAnsweredWithAnOcspStatusNeverAServerError() throws Exception {
    java.util.Random random = new java.util.Random(15118);
    for (int i = 0; i < 200; i++) {
      byte[] garbage = new byte[random.nextInt(600)];
      random.nextBytes(garbage);
      if (i % 2 == 0 && garbage.length > 2) {
        garbage[0] = 0x30; // a SEQUENCE with a random length, as a malformed request would start
      }
      var post = ca.send("POST", "/ocsp/cpo-sub-ca-2", null, "application/ocsp-request", garbage);
      noServerError(post, "POST /ocsp/cpo-sub-ca-2 with " + garbage.length + " random bytes");
      String encoded =
          java.net.URLEncoder.encode(
              java.util.Base64.getEncoder().encodeToString(garbage), StandardCharsets.UTF_8);
      var get = send("GET", "/ocsp/cpo-sub-ca-2/" + encoded, null, null);
      noServerError(get, "GET /ocsp/cpo-sub-ca-2/<" + garbage.length + " random bytes>");
    }
  }

  private static String abbreviate(String value, int max) {
    return value.length() > max ? value.substring(0, max) + "..." : value;
  }

  private static JsonNode bodySchema(Operation op) {
    JsonNode schema = op.spec().path("requestBody").path("content").path("application/json");
    if (schema.isMissingNode()) {
      return null;
    }
    schema = schema.path("schema");
    return schema.has("$ref") ? resolve(schema.get("$ref").asText()) : schema;
  }
}
