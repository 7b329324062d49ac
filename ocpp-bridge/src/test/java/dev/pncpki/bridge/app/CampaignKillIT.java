package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign survives its bridge being killed: the stations' bridge runs as a process of its own
 * (the packaged jar) and gets SIGKILL in the middle of a rotation (no shutdown, no cleanup, its
 * leases and its advisory lock left to lapse); started again on the same port, it takes its
 * stations back and the campaign completes, each accepting station with its new certificate.
 */
class CampaignKillIT {
  @TempDir static Path dir;
  static EmbeddedPostgres database;
  static Peers peers;
  static Fleet fleet;
  static Process killed;
  static int port;
  static int adminPort;
  static Path config;
  static final List<String> STATIONS =
      IntStream.rangeClosed(1, 16).mapToObj(i -> "K-%02d".formatted(i)).toList();

  @BeforeAll
  static void start() throws Exception {
    database = EmbeddedPostgres.builder().start();
    List<String> ids = STATIONS;
    peers =
        new Peers(
            dir,
            false,
            database.getJdbcUrl("postgres", "postgres"),
            "campaignPassMillis: 200",
            ids);
    port = Peers.freePort();
    adminPort = Peers.freePort();
    config = dir.resolve("killed-bridge.yml");
    Files.writeString(
        config,
        Files.readString(dir.resolve("bridge.yml"))
                .replaceFirst(
                    "applicationConnectors: \\[\\{type: http, bindHost: 127.0.0.1, port: 0\\}\\]",
                    "applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: "
                        + port
                        + "}]")
                .replaceFirst(
                    "adminConnectors: \\[\\{type: http, bindHost: 127.0.0.1, port: 0\\}\\]",
                    "adminConnectors: [{type: http, bindHost: 127.0.0.1, port: " + adminPort + "}]")
            + "\ninstanceId: killed-bridge\n");
    killed = startBridge();
    List<String> specs = new ArrayList<>();
    for (String id : ids) {
      specs.add(id + ":" + (id.hashCode() % 2 == 0 ? "ocpp1.6" : "ocpp2.0.1") + ":accept");
    }
    fleet = Fleet.start(dir, "ws://127.0.0.1:" + port + "/ocpp", specs);
    new BridgeAdmin(peers.bridge)
        .await(
            "/v1/stations",
            s ->
                s.findValues("connected").stream().filter(JsonNode::asBoolean).count()
                    == ids.size(),
            60);
  }

  @AfterAll
  static void stop() throws Exception {
    if (fleet != null) {
      fleet.close();
    }
    if (killed != null) {
      killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    peers.close();
    database.close();
  }

  @Test
  void aRotationCompletesAfterItsBridgeIsKilledAndStartedAgain() throws Exception {
    var admin = new BridgeAdmin(peers.bridge); // the other instance, sharing the database
    JsonNode created =
        admin.post(
            "/v1/campaigns",
            """
            {"kind": "rotate", "certificateType": "ChargingStationCertificate",
             "selection": {"stations": %s}, "waveSize": 8, "concurrency": 3,
             "maxFailurePercent": 50, "stepTimeoutSeconds": 150}
            """
                .formatted(Peers.JSON.writeValueAsString(STATIONS)),
            201);
    long id = created.path("id").asLong();
    admin.await("/v1/campaigns/" + id, c -> c.path("counts").path("accepted").asInt() >= 4, 60);
    killed.destroyForcibly(); // SIGKILL: no shutdown hook, no lease given back
    assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
    JsonNode during = admin.get("/v1/campaigns/" + id);
    killed = startBridge(); // the stations reconnect to the same port
    JsonNode done =
        admin.await("/v1/campaigns/" + id, c -> !c.path("state").asText().equals("running"), 240);
    assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("completed");
    // A trigger or CertificateSigned is sent at most once (docs/ocpp-bridge.md, "Certificate
    // deliveries: what is guaranteed"): one in flight at the kill (at most `concurrency` of them)
    // fails its station with the reason, for the operator to run again; every other station is
    // rotated.
    var calls = fleet.calls();
    int failed = 0;
    for (JsonNode t : admin.get("/v1/campaigns/" + id + "/stations")) {
      String station = t.path("stationId").asText(t.path("station").asText());
      if (t.path("state").asText().equals("failed")) {
        failed++;
        assertThat(t.path("reason").asText()).as(t.toString()).isNotBlank();
        continue;
      }
      assertThat(t.path("state").asText()).as(t.toString()).isEqualTo("accepted");
      assertThat(calls.get(station).getOrDefault("CertificateSigned", 0))
          .as(station)
          .isGreaterThanOrEqualTo(1);
    }
    assertThat(failed).as("stations in flight at the kill").isLessThanOrEqualTo(3);
    assertThat(during.path("counts").path("accepted").asInt())
        .as("the kill came in the middle")
        .isLessThan(16);
  }

  private static Process startBridge() throws Exception {
    Path jar = BridgeCli.jar();
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar.toString(),
                "server",
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(dir.resolve("killed-bridge.log").toFile()))
            .start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        var ping =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/ping"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (ping.statusCode() == 200) {
          return p;
        }
      } catch (java.io.IOException notYet) {
        // starting
      }
      assertThat(p.isAlive()).as(Files.readString(dir.resolve("killed-bridge.log"))).isTrue();
      Thread.sleep(200);
    }
    throw new AssertionError("the bridge process did not start");
  }
}
