package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable outbox between real peers: a delivery for a station that is away waits in PostgreSQL
 * through a bridge restart and reaches the station when it connects; a station that keeps failing a
 * CALL gets it retried with backoff until the delivery fails for good; and two bridge instances
 * share one database, each delivering to the stations connected to it.
 */
class OutboxIT {
  @TempDir static Path dir;
  static EmbeddedPostgres database;
  static Peers peers;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    database = EmbeddedPostgres.builder().start();
    peers = new Peers(dir, false, database.getJdbcUrl("postgres", "postgres"), "");
  }

  @AfterAll
  static void stop() throws Exception {
    peers.close();
    database.close();
  }

  @Test
  void aDeliveryWaitsForTheStationThroughABridgeRestart() throws Exception {
    // the station has connected once, so its OCPP version is known; then it is away
    peers.station("CS-0002", Peers.PASSWORD, "ocpp1.6", "connect");
    JsonNode pending =
        json(admin(peers.bridge, "POST", "/v1/stations/CS-0002/certificates?wait=0", install()));
    assertThat(pending.path("state").asText()).as(pending.toString()).isEqualTo("pending");
    long id = pending.path("id").asLong();

    peers.bridge.after();
    peers.bridge.before();
    var station = peers.startStation("CS-0002", "ocpp1.6");
    JsonNode delivered = awaitFinal(peers.bridge, id);
    JsonNode result = station.finish();
    assertThat(delivered.path("state").asText()).as(delivered.toString()).isEqualTo("answered");
    assertThat(delivered.path("answer").path("status").asText()).isEqualTo("Accepted");
    assertThat(delivered.path("attempts").asInt()).isEqualTo(1);
    assertThat(result.path("installCalls").asInt()).as("delivered exactly once").isEqualTo(1);
  }

  @Test
  void aFailingStationIsRetriedWithBackoffUntilTheDeliveryFails() throws Exception {
    var station =
        peers.startStation(
            peers.url(), Map.of("CHARGER_INSTALL_ERROR", "1"), "CS-0001", "ocpp2.0.1");
    awaitConnected(peers.bridge, "CS-0001");
    // maxAttempts 3, backoff 1 s then 2 s (Peers' configuration)
    JsonNode failed =
        json(admin(peers.bridge, "POST", "/v1/stations/CS-0001/certificates?wait=30", install()));
    JsonNode result = station.finish();
    assertThat(failed.path("state").asText()).as(failed.toString()).isEqualTo("failed");
    assertThat(failed.path("attempts").asInt()).isEqualTo(3);
    assertThat(failed.path("lastError").asText()).contains("InternalError");
    assertThat(result.path("installCalls").asInt()).isEqualTo(3);
    var cancel =
        admin(peers.bridge, "POST", "/v1/deliveries/" + failed.path("id").asLong() + "/cancel", "");
    assertThat(cancel.statusCode()).as("a final delivery cannot be cancelled").isEqualTo(409);
  }

  @Test
  void instancesSharingTheDatabaseDeliverToTheirOwnStations() throws Exception {
    DropwizardTestSupport<BridgeConfiguration> second = peers.anotherBridge("second");
    try {
      String secondUrl = "ws://127.0.0.1:" + second.getLocalPort() + "/ocpp";
      var station = peers.startStation(secondUrl, Map.of(), "CS-0001", "ocpp2.0.1");
      // the first instance sees the station connected to the second, and its request is
      // delivered by the second (NOTIFY), not by itself
      awaitConnected(peers.bridge, "CS-0001");
      JsonNode view = json(admin(peers.bridge, "GET", "/v1/stations/CS-0001", null));
      assertThat(view.path("instance").asText()).isEqualTo("second");
      JsonNode answered =
          json(
              admin(
                  peers.bridge,
                  "POST",
                  "/v1/stations/CS-0001/trigger",
                  "{\"requestedMessage\":\"SignChargingStationCertificate\"}"));
      assertThat(answered.path("state").asText()).as(answered.toString()).isEqualTo("answered");
      assertThat(answered.path("answer").path("status").asText()).isEqualTo("Accepted");
      Path chain = station.out().resolve("chain.pem");
      for (int i = 0; i < 200 && !chain.toFile().exists(); i++) {
        Thread.sleep(100);
      }
      assertThat(chain).as("CertificateSigned delivered by the second instance").exists();
      station.finish();
    } finally {
      second.after();
    }
  }

  private static String install() throws Exception {
    String root =
        HTTP.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + peers.ca.getLocalPort()
                                + "/v1/cas/v2g-root/chain"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return Peers.JSON.writeValueAsString(
        Map.of("certificateType", "CSMSRootCertificate", "certificate", root));
  }

  private static JsonNode awaitFinal(DropwizardTestSupport<?> bridge, long id) throws Exception {
    JsonNode d = null;
    for (int i = 0; i < 300; i++) {
      d = json(admin(bridge, "GET", "/v1/deliveries/" + id, null));
      if (!d.path("state").asText().matches("pending|sending")) {
        return d;
      }
      Thread.sleep(100);
    }
    return d;
  }

  private static void awaitConnected(DropwizardTestSupport<?> bridge, String id) throws Exception {
    for (int i = 0; i < 100; i++) {
      JsonNode s = json(admin(bridge, "GET", "/v1/stations/" + id, null));
      if (s.path("connected").asBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(id + " did not connect");
  }

  private static HttpResponse<String> admin(
      DropwizardTestSupport<?> bridge, String method, String path, String body) throws Exception {
    return new BridgeAdmin(bridge).send(method, path, body);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Peers.JSON.readTree(response.body());
  }
}
