package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic renewal between real peers: a station's accepted certificate that is within the renewal
 * window (here: every certificate) is renewed without an admin (trigger, CSR, issuance,
 * CertificateSigned), and once the new one is accepted and the grace period has passed the old one
 * is revoked at the CA as superseded, by the bridge's own limited credential, which may revoke
 * nothing else.
 */
class RenewalIT {
  @TempDir static Path dir;
  static Peers peers;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    peers =
        new Peers(
            dir,
            false,
            null,
            "renewal: {windowDays: 3650, checkIntervalSeconds: 1, retrySeconds: 60,"
                + " maxAttempts: 2, graceSeconds: 1}");
  }

  @AfterAll
  static void stop() {
    peers.close();
  }

  @Test
  void aCertificateNearItsEndIsRenewedAndTheOldOneRevoked() throws Exception {
    var station = peers.startStation("CS-0001", "ocpp2.0.1");
    for (int i = 0; i < 100 && !bridge("/v1/stations/CS-0001").path("connected").asBoolean(); i++) {
      Thread.sleep(100);
    }
    // the first certificate, asked for by an admin
    var first =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(bridgeUrl("/v1/stations/CS-0001/trigger")))
                .header("Authorization", "Bearer " + Peers.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"requestedMessage\":\"SignChargingStationCertificate\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    String firstSerial = null;
    String status = "";
    for (int i = 0; i < 300 && !status.equals("revoked"); i++) {
      JsonNode certificates = bridge("/v1/stations/CS-0001").path("certificates");
      if (firstSerial == null && certificates.size() > 0) {
        firstSerial = certificates.get(certificates.size() - 1).path("serial").asText();
      }
      if (firstSerial != null) {
        status = ca("/v1/certificates/" + firstSerial).path("status").asText();
      }
      Thread.sleep(100);
    }
    station.finish();
    assertThat(firstSerial).isNotNull();
    assertThat(status).as("the replaced certificate is revoked").isEqualTo("revoked");
    JsonNode revoked = ca("/v1/certificates/" + firstSerial);
    assertThat(revoked.path("revocationReason").asInt()).as("superseded (RFC 5280)").isEqualTo(4);
    JsonNode view = bridge("/v1/stations/CS-0001");
    assertThat(view.path("certificates").size()).as(view.toString()).isGreaterThanOrEqualTo(2);
    assertThat(view.path("deliveries").findValuesAsText("origin"))
        .anyMatch(o -> o.startsWith("renewal "));

    // the fleet view: one current certificate per station and type, within the (test's) window;
    // the renewals done; the station, now away with a certificate in the window, at risk
    Thread.sleep(1500); // a pass after the station left
    JsonNode health = bridge("/v1/fleet/health?weeks=4");
    assertThat(health.path("stations").path("known").asInt()).isGreaterThanOrEqualTo(1);
    JsonNode current = health.path("currentCertificates").path("ChargingStationCertificate");
    assertThat(current.path("total").asInt()).as(health.toString()).isEqualTo(1);
    assertThat(current.path("expiringWithinWindow").asInt()).isEqualTo(1);
    assertThat(health.path("expiringPerWeek")).hasSize(4);
    assertThat(health.path("renewals").path("revoked").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(health.path("atRisk").findValuesAsText("stationId")).contains("CS-0001");
    var badWeeks =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(bridgeUrl("/v1/fleet/health?weeks=0")))
                .header("Authorization", "Bearer " + Peers.ADMIN_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(badWeeks.statusCode()).as(badWeeks.body()).isEqualTo(400);
    assertThat(badWeeks.body()).contains("malformed-request");
    var anonymous =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(bridgeUrl("/v1/fleet/health"))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);

    // the bridge's credential revokes nothing but a superseded station certificate it requested
    String newest = view.path("certificates").get(0).path("serial").asText();
    var refused =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(caUrl("/v1/certificates/" + newest + "/revoke")))
                .header("Authorization", "Bearer embedded-bridge-token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"keyCompromise\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
  }

  private static JsonNode bridge(String path) throws Exception {
    return Peers.JSON.readTree(
        HTTP.send(
                HttpRequest.newBuilder(URI.create(bridgeUrl(path)))
                    .header("Authorization", "Bearer " + Peers.ADMIN_TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private static JsonNode ca(String path) throws Exception {
    return Peers.JSON.readTree(
        HTTP.send(
                HttpRequest.newBuilder(URI.create(caUrl(path)))
                    .header("Authorization", "Bearer embedded-admin-token")
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private static String bridgeUrl(String path) {
    return "http://127.0.0.1:" + peers.bridge.getLocalPort() + path;
  }

  private static String caUrl(String path) {
    return "http://127.0.0.1:" + peers.ca.getLocalPort() + path;
  }
}
