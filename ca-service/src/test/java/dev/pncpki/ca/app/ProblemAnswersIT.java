package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.ca.testing.Csrs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error of the running CA is a problem detail: what Jetty refuses before Jersey (on both
 * ports), what Jersey refuses (405, 406), bodies of the wrong JSON types, and text the database
 * cannot store, which used to surface as the database being unavailable.
 */
class ProblemAnswersIT {
  @TempDir static Path dir;
  static RunningCa ca;

  @BeforeAll
  static void start() throws Exception {
    ca = RunningCa.withSoftwareKeys(dir);
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  private record Raw(int status, String head, JsonNode body) {}

  /** Bytes HttpClient would not send: a bad URI, oversized header fields, a lying length. */
  private static Raw raw(int port, String request) throws IOException {
    return raw(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static Raw raw(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request);
      var out = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(out);
      String text = out.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      return new Raw(
          Integer.parseInt(text.substring(9, 12)),
          text.substring(0, split),
          RunningCa.JSON.readTree(text.substring(split + 4)));
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void problem(Raw r, int status, String code) {
    assertThat(r.status()).as(r.head()).isEqualTo(status);
    assertThat(r.head()).containsIgnoringCase("Content-Type: application/problem+json");
    assertThat(r.body().path("status").asInt()).isEqualTo(status);
    assertThat(r.body().path("code").asText()).isEqualTo(code);
    assertThat(r.body().path("type").asText()).isEqualTo("urn:pnc-pki:problem:" + code);
  }

  private static JsonNode problem(RunningCa.Reply r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("status").asInt()).isEqualTo(status);
    assertThat(r.json().path("code").asText()).as(r.body()).isEqualTo(code);
    return r.json();
  }

  @Test
  void whatJettyRefusesBeforeJerseyIsAProblemOnBothPorts() throws Exception {
    String close = " HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n";
    problem(raw(ca.port(), "GET /%" + close), 400, "malformed-request");
    problem(raw(ca.adminPort(), "GET /%" + close), 400, "malformed-request");
    problem(raw(ca.port(), "GET /v1/certificates/%00" + close), 400, "malformed-request");
    problem(raw(ca.port(), "GET /" + "a".repeat(20_000) + close), 414, "malformed-request");
    var header =
        raw(
            ca.port(),
            "GET /v1/cas HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
    problem(header, 431, "malformed-request");
    problem(raw(ca.adminPort(), "GET /nothing" + close), 404, "not-found");
    // Dropwizard's filter refuses TRACE before Jersey sees it
    problem(raw(ca.port(), "TRACE /v1/cas" + close), 405, "method-not-allowed");
    // the OCSP servlet refuses a body over its limit from Content-Length alone
    var ocsp =
        raw(
            ca.port(),
            "POST /ocsp/cpo-sub-ca-2 HTTP/1.1\r\nHost: x\r\nContent-Type: application/ocsp-request"
                + "\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n");
    problem(ocsp, 413, "payload-too-large");
    var body =
        raw(
            ca.port(),
            "POST /v1/certificates HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + RunningCa.ADMIN
                + "\r\nContent-Type: application/json\r\nContent-Length: 99999999\r\n"
                + "Connection: close\r\n\r\n{}");
    problem(body, 413, "payload-too-large");
  }

  /**
   * A client that writes a whole body somewhat over the limit reads its 413 every time: the CA
   * reads such a body before answering, so it never closes a connection with bytes unread (which
   * makes the kernel reset it and the client lose the answer).
   */
  @Test
  void aBodyOverTheLimitIsAnsweredNotReset() throws Exception {
    byte[] json = ("{\"csr\":\"" + "A".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] der = new byte[40_000];
    for (int i = 0; i < 25; i++) {
      problem(
          ca.send("POST", "/v1/certificates", RunningCa.ADMIN, "application/json", json),
          413,
          "payload-too-large");
      var ocsp = ca.send("POST", "/ocsp/cpo-sub-ca-2", null, "application/ocsp-request", der);
      assertThat(ocsp.status()).isEqualTo(413);
    }
    // the connection was closed cleanly each time: the next request is answered as usual
    assertThat(ca.send("GET", "/v1/cas", RunningCa.ADMIN, null, null).status()).isEqualTo(200);
  }

  @Test
  void aMethodOrAcceptThePathDoesNotTakeIs405Or406() throws Exception {
    var delete = ca.send("DELETE", "/v1/certificates", RunningCa.ADMIN, null, null);
    assertThat(problem(delete, 405, "method-not-allowed").path("detail").asText())
        .startsWith("this resource takes ");
    assertThat(delete.raw().headers().firstValue("Allow").orElse("")).contains("GET", "POST");
    var html =
        ca.send("GET", "/v1/certificates", RunningCa.ADMIN, null, null, "Accept", "text/html");
    problem(html, 406, "not-acceptable");
  }

  private static String malformed(String method, String path, String json) throws Exception {
    var r =
        ca.send(
            method,
            path,
            RunningCa.ADMIN,
            "application/json",
            json.getBytes(StandardCharsets.UTF_8));
    String detail = problem(r, 400, "malformed-request").path("detail").asText();
    assertThat(detail).doesNotContain("java.", "`", "dev.pncpki");
    return detail;
  }

  @Test
  void aBodyIsReadAsTheJsonTypesItHoldsNeverCoerced() throws Exception {
    String csr = Csrs.p256("CN=CS-STRICT-1, O=Demo CPO");
    String base =
        "{\"profile\":\"charging-station-client\",\"csr\":"
            + RunningCa.JSON.writeValueAsString(csr);
    Map<String, String> cases =
        Map.of(
            "{\"profile\":5,\"csr\":\"x\"}",
            "profile must be a JSON string",
            base + ",\"validityDays\":\"30\"}",
            "validityDays must be a whole JSON number",
            base + ",\"validityDays\":1.5}",
            "validityDays must be a whole JSON number",
            base + ",\"validityDays\":99999999999}",
            "validityDays is a number out of range",
            base + ",\"validitydays\":30}",
            "unknown field validitydays; known: csr, identity,",
            base + ",\"profile\":\"secc-leaf\"}",
            "the body cannot be read as JSON: Duplicate field",
            base + "} {}",
            "the body holds more than one JSON value",
            "[]",
            "the body must be a JSON object");
    for (var c : cases.entrySet()) {
      assertThat(malformed("POST", "/v1/certificates", c.getKey()))
          .as(c.getKey())
          .startsWith(c.getValue());
    }
    assertThat(ca.rows("select count(*) from certificate where subject_cn = 'CS-STRICT-1'"))
        .isZero();
  }

  /** PostgreSQL refuses NUL in text; that was a 503 database-unavailable before. */
  @Test
  void textWithControlCharactersIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
    // each refusal is audited (action "refused"); nothing else may be written
    long before = ca.rows("select count(*) from audit_event where action <> 'refused'");
    long refusals = ca.rows("select count(*) from audit_event where action = 'refused'");
    assertThat(
            malformed(
                "POST",
                "/v1/certificates",
                "{\"profile\":\"charging-station-client\",\"csr\":\"x\",\"identity\":\"CS\\u0000\"}"))
        .isEqualTo("identity holds a control character (U+0000)");
    assertThat(malformed("POST", "/v1/certificates/01/revoke", "{\"reason\":\"1\\u0000\"}"))
        .isEqualTo("reason holds a control character (U+0000)");
    assertThat(
            malformed(
                "POST",
                "/v1/trust-anchors",
                "{\"pki\":\"oem\",\"oem\":\"a\\u202eb\",\"certificate\":\"x\"}"))
        .isEqualTo("oem holds a bidirectional control (U+202E)");
    assertThat(malformed("POST", "/v1/contracts", "{\"pcid\":\"WMA\\u00000000000001\"}"))
        .isEqualTo("pcid holds a control character (U+0000)");
    assertThat(
            malformed(
                "PUT",
                "/v1/oem/provCerts",
                "{\"provisioningCertificate\":\"\\u0000\",\"subCa1Certificate\":\"x\"}"))
        .isEqualTo("provisioningCertificate holds a control character (U+0000)");
    // a header is bytes; Jetty reads these (U+202E in UTF-8) as a bidirectional control or as C1
    // controls, refused either way
    String csr = RunningCa.JSON.writeValueAsString(Csrs.p256("CN=CS-STRICT-2, O=Demo CPO"));
    byte[] json =
        ("{\"profile\":\"charging-station-client\",\"csr\":" + csr + "}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("POST /v1/certificates HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + RunningCa.ADMIN
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + json.length
                + "\r\nIdempotency-Key: key\u00e2\u0080\u00ae\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    var key = raw(ca.port(), concat(head, json));
    problem(key, 400, "malformed-request");
    assertThat(key.body().path("detail").asText()).startsWith("Idempotency-Key holds a");
    assertThat(ca.rows("select count(*) from certificate where subject_cn = 'CS-STRICT-2'"))
        .isZero();
    assertThat(ca.rows("select count(*) from audit_event where action <> 'refused'"))
        .isEqualTo(before);
    assertThat(ca.rows("select count(*) from audit_event where action = 'refused'"))
        .as("the refusals Jersey answered (the header one is Jetty's, before any caller is known)")
        .isGreaterThan(refusals);
  }
}
