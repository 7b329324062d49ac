package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.ca.testing.Csrs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Query parameters against the real service: the audit log read back with its filters and cursor,
 * bad values and unknown names refused with a problem naming them, and the revocation URLs (CRL
 * through Jersey, OCSP through its own servlet) as relying parties fetch them.
 */
class QueryParametersIT {
  @TempDir static Path dir;
  static RunningCa ca;
  static Instant started;

  @BeforeAll
  static void start() throws Exception {
    ca = RunningCa.withSoftwareKeys(dir);
    started = Instant.now();
    for (String cn : List.of("CS-AUDIT-1", "CS-AUDIT-2", "CS-AUDIT-3")) {
      var issued =
          ca.issue(
              "charging-station-client", Csrs.p256("CN=" + cn + ", O=Demo CPO"), RunningCa.ADMIN);
      assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    }
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  private static JsonNode events(String query) throws Exception {
    var reply = ca.get("/v1/audit/events" + query, RunningCa.ADMIN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static String malformed(String path, String token) throws Exception {
    var reply = ca.get(path, token);
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().path("code").asText()).isEqualTo("malformed-request");
    return reply.json().path("detail").asText();
  }

  @Test
  void auditEventsComeNewestFirstWithEveryFieldAndTheirChainHash() throws Exception {
    JsonNode issued = events("?action=issue&actor=test-admin");
    assertThat(issued).hasSize(3);
    JsonNode newest = issued.get(0);
    assertThat(newest.path("id").asLong()).isGreaterThan(issued.get(1).path("id").asLong());
    assertThat(newest.path("outcome").asText()).isEqualTo("issued");
    assertThat(newest.path("detail").asText()).isEqualTo("charging-station-client CN=CS-AUDIT-3");
    assertThat(newest.path("target").asText()).startsWith("cpo-sub-ca-2/");
    assertThat(Instant.parse(newest.path("at").asText())).isAfterOrEqualTo(started);
    assertThat(newest.path("hash").asText()).matches("[0-9a-f]{64}");
    assertThat(events("?action=issue&outcome=failed")).isEmpty();
    assertThat(events("?actor=nobody")).isEmpty();
  }

  @Test
  void theCursorPagesBackThroughTheLogAndTheTimeRangeIsHalfOpen() throws Exception {
    List<Long> ids = new ArrayList<>();
    String before = "";
    for (JsonNode page = events("?action=issue&limit=2");
        !page.isEmpty();
        page = events("?action=issue&limit=2" + before)) {
      assertThat(page.size()).isLessThanOrEqualTo(2);
      page.forEach(e -> ids.add(e.path("id").asLong()));
      before = "&before=" + ids.get(ids.size() - 1);
    }
    assertThat(ids).hasSize(3).isSortedAccordingTo((a, b) -> Long.compare(b, a));

    JsonNode all = events("?action=issue");
    String at = all.get(1).path("at").asText();
    assertThat(events("?action=issue&since=" + at))
        .extracting(e -> e.path("id").asLong())
        .contains(all.get(1).path("id").asLong())
        .doesNotContain(all.get(2).path("id").asLong());
    assertThat(events("?action=issue&until=" + at))
        .extracting(e -> e.path("id").asLong())
        .doesNotContain(all.get(1).path("id").asLong(), all.get(0).path("id").asLong());
  }

  @Test
  void onlyAdminsReadTheAuditLog() throws Exception {
    var bridge = ca.get("/v1/audit/events", RunningCa.BRIDGE);
    assertThat(bridge.status()).isEqualTo(403);
    assertThat(bridge.json().path("code").asText()).isEqualTo("forbidden");
    assertThat(ca.get("/v1/audit/events", null).status()).isEqualTo(401);
  }

  @Test
  void badValuesAreMalformedRequestsNamingTheParameter() throws Exception {
    Map<String, String> cases =
        Map.of(
            "?since=yesterday", "since must be an ISO 8601 instant",
            "?until=2026-13-01T00:00:00Z", "until must be an ISO 8601 instant",
            "?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z", "since (2026-02-01",
            "?limit=0", "limit must be between 1 and 1000, not 0",
            "?limit=1001", "limit must be between 1 and 1000",
            "?limit=99999999999", "limit must be between 1 and 1000",
            "?limit=ten", "limit must be a whole number",
            "?before=abc", "before must be a whole number",
            "?before=0", "before must be an event id",
            "?actor=", "actor is empty");
    for (var c : cases.entrySet()) {
      assertThat(malformed("/v1/audit/events" + c.getKey(), RunningCa.ADMIN))
          .as(c.getKey())
          .startsWith(c.getValue());
    }
  }

  /** Instant.parse takes these; binding them to PostgreSQL overflowed into a 500. */
  @Test
  void instantsOutsideTheYearsOneTo9999AreMalformedRequestsNamingTheParameter() throws Exception {
    assertThat(malformed("/v1/audit/events?since=%2B999999999-01-01T00:00:00Z", RunningCa.ADMIN))
        .isEqualTo("since must be in the years 1 to 9999, not \"+999999999-01-01T00:00:00Z\"");
    assertThat(malformed("/v1/audit/events?until=-999999999-01-01T00:00:00Z", RunningCa.ADMIN))
        .startsWith("until must be in the years 1 to 9999");
    assertThat(
            malformed("/v1/certificates?expiringBefore=%2B10000-01-01T00:00:00Z", RunningCa.ADMIN))
        .startsWith("expiringBefore must be in the years 1 to 9999");
    assertThat(
            ca.get("/v1/certificates?expiringBefore=9999-12-31T23:59:59Z", RunningCa.ADMIN)
                .status())
        .isEqualTo(200);
    assertThat(events("?since=0001-01-01T00:00:00Z&until=9999-12-31T23:59:59Z")).isNotEmpty();
  }

  @Test
  void aValueJerseyCannotConvertIsMalformedNotNotFound() throws Exception {
    assertThat(malformed("/v1/certificates?limit=ten", RunningCa.ADMIN))
        .isEqualTo("query parameter limit has a value of the wrong type");
    assertThat(malformed("/v1/contracts?limit=1.5", RunningCa.ADMIN)).contains("limit");
  }

  @Test
  void anUnknownQueryParameterIsRefusedOnEveryKindOfEndpoint() throws Exception {
    assertThat(malformed("/v1/certificates?stauts=revoked", RunningCa.ADMIN))
        .isEqualTo(
            "unknown query parameter stauts; this call takes cn, expiringBefore, limit, status");
    assertThat(malformed("/v1/audit/events?actr=x&limit=5&sort=asc", RunningCa.ADMIN))
        .startsWith("unknown query parameters actr, sort; this call takes action, actor, before,");
    assertThat(malformed("/v1/cas?all=1", null))
        .isEqualTo("unknown query parameter all; this call takes none");
    assertThat(malformed("/v1/trust-anchors?oem=oem-a", RunningCa.ADMIN)).contains("oem");
    var revoke =
        ca.postJson(
            "/v1/certificates/01/revoke?force=true", RunningCa.ADMIN, Map.of("reason", "1"));
    assertThat(revoke.status()).as(revoke.body()).isEqualTo(400);
    // authentication comes first: an anonymous caller learns nothing about parameters
    assertThat(ca.get("/v1/certificates?stauts=x", null).status()).isEqualTo(401);
  }

  @Test
  void crlAndOcspAreServedAsBefore() throws Exception {
    var crl = ca.get("/crl/cpo-sub-ca-2.crl", null);
    assertThat(crl.status()).isEqualTo(200);
    assertThat(crl.contentType()).isEqualTo("application/pkix-crl");
    // the OCSP servlet is not Jersey: a malformed request still gets an OCSP answer
    var ocsp = ca.ocsp("cpo-sub-ca-2", new byte[] {0x30, 0x00});
    assertThat(ocsp.status()).isEqualTo(200);
    assertThat(ocsp.contentType()).isEqualTo("application/ocsp-response");
    var ocspGet = ca.get("/ocsp/cpo-sub-ca-2/MAA%3D?cache=no", null);
    assertThat(ocspGet.status()).isEqualTo(200);
    assertThat(ocspGet.contentType()).isEqualTo("application/ocsp-response");
  }
}
