package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate deliveries survive their bridge being killed at any moment. Python {@code ocpp}
 * stations (half OCPP 1.6, half 2.0.1) renew their certificates in a loop (the renewal window holds
 * every certificate, and a pass runs every second) through a bridge in a process of its own, which
 * gets SIGKILL five times at random moments and is started again each time; a second bridge
 * instance (in-process) shares the database. Then the stations stop asking, and what the stations,
 * the bridge's database and the CA saw is counted against each other, CSR by CSR: every CSR a
 * station heard Accepted for was recorded; every recorded CSR ended in exactly one certificate the
 * CA issued and one CertificateSigned the station received, or in a failure or unconfirmed delivery
 * an operator sees with its reason; no certificate was issued twice or delivered twice, and no
 * trigger was sent twice.
 */
class DeliveryKillIT {
  @TempDir static Path dir;
  static EmbeddedPostgres database;
  static Peers peers;
  static KillableBridge killed;
  static Fleet fleet;
  static final List<String> STATIONS =
      IntStream.rangeClosed(1, 10).mapToObj(i -> "DK-%02d".formatted(i)).toList();

  @BeforeAll
  static void start() throws Exception {
    database = EmbeddedPostgres.builder().start();
    peers =
        new Peers(
            dir,
            false,
            database.getJdbcUrl("postgres", "postgres"),
            """
            renewal: {windowDays: 3650, checkIntervalSeconds: 1, retrySeconds: 20,
                      maxAttempts: 1000, graceSeconds: 86400}
            signing: {certificatesPerWindow: 100000, windowSeconds: 3600}
            """,
            STATIONS);
    killed = KillableBridge.configure(dir, "killed-bridge");
    killed.start();
    List<String> specs = new ArrayList<>();
    for (int i = 0; i < STATIONS.size(); i++) {
      specs.add(STATIONS.get(i) + ":" + (i % 2 == 0 ? "ocpp1.6" : "ocpp2.0.1") + ":accept");
    }
    fleet = Fleet.start(dir, killed.wsUrl(), specs);
    var admin = new BridgeAdmin(peers.bridge);
    admin.await("/v1/stations", s -> connected(s) == STATIONS.size(), 90);
    for (String id : STATIONS) { // each station's first certificate; renewals follow on their own
      admin.post(
          "/v1/stations/" + id + "/trigger?wait=0",
          "{\"requestedMessage\": \"SignChargingStationCertificate\"}",
          202);
    }
  }

  private static long connected(JsonNode stations) {
    long n = 0;
    for (JsonNode s : stations) {
      if (s.path("id").asText().startsWith("DK-") && s.path("connected").asBoolean()) {
        n++;
      }
    }
    return n;
  }

  @AfterAll
  static void stop() throws Exception {
    if (fleet != null) {
      fleet.close();
    }
    if (killed != null) {
      killed.close();
    }
    if (peers != null) {
      peers.close();
    }
    database.close();
  }

  @Test
  void everyAcceptedCsrEndsInOneCertificateSignedThroughFiveKills() throws Exception {
    Random random = new Random();
    var admin = new BridgeAdmin(peers.bridge);
    admin.await("/v1/fleet/health", h -> renewed(h) >= STATIONS.size(), 120);
    for (int round = 1; round <= 5; round++) {
      Thread.sleep(4_000 + random.nextInt(6_000)); // renewals under way
      killed.kill();
      Thread.sleep(random.nextInt(2_000));
      killed.start(); // the stations reconnect to the same port
      admin.await("/v1/stations", s -> connected(s) == STATIONS.size(), 90);
    }
    Thread.sleep(5_000);
    Files.writeString(fleetOut().resolve("quiet"), ""); // no more CSRs from now on
    awaitSettled(180);
    killed.stop();
    peers.bridge.after();
    fleet.stop();

    DeliveryLedger ledger =
        DeliveryLedger.read(
            fleetOut(), database.getPostgresDatabase(), peers.ca.getLocalPort(), STATIONS);
    System.out.println("DeliveryKillIT, five kills:\n" + ledger.summary());
    assertThat(ledger.requestsIn("issued")).as(ledger.summary()).isGreaterThan(50);
    everyAcceptedCsrWasRecorded(ledger);
    everyRecordEndedOnce(ledger);
    nothingIssuedTwiceOrUnrecorded(ledger);
    noTriggerSentTwice(ledger);
  }

  private static Path fleetOut() throws Exception {
    try (var files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("fleet-"))
          .findFirst()
          .orElseThrow();
    }
  }

  private static long renewed(JsonNode health) {
    return health.path("renewals").path("renewed").asLong()
        + health.path("renewals").path("revoked").asLong();
  }

  /**
   * Waits until no signing request is being issued and none of their deliveries is open, for three
   * seconds running: a CSR a station sent just before it went quiet is recorded a moment later.
   */
  private static void awaitSettled(int seconds) throws Exception {
    String open = "";
    int settled = 0;
    for (int i = 0; i < seconds; i++) {
      try (Connection c = database.getPostgresDatabase().getConnection();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT count(*) FILTER (WHERE r.state = 'issuing') || ' issuing, ' ||"
                      + " count(*) FILTER (WHERE d.state IN ('pending', 'sending')) || ' open'"
                      + " FROM signing_request r LEFT JOIN delivery d ON d.id = r.delivery_id")) {
        rs.next();
        open = rs.getString(1);
      }
      settled = open.equals("0 issuing, 0 open") ? settled + 1 : 0;
      if (settled == 3) {
        return;
      }
      Thread.sleep(1_000);
    }
    throw new AssertionError("signing requests still open after " + seconds + " s: " + open);
  }

  /** The record exists before the station hears Accepted. */
  private static void everyAcceptedCsrWasRecorded(DeliveryLedger ledger) {
    var recorded = ledger.requests().stream().map(DeliveryLedger.Request::key).toList();
    for (JsonNode csr : ledger.csrs()) {
      if (csr.path("answer").asText("none").equals("Accepted")) {
        assertThat(recorded).as("recorded: " + csr).contains(csr.path("key").asText());
      }
    }
  }

  /**
   * Issued: one CertificateSigned received, unless its delivery ended unconfirmed (then at most
   * one); failed: none, and a reason. Nothing is left in between.
   */
  private static void everyRecordEndedOnce(DeliveryLedger ledger) {
    for (DeliveryLedger.Request r : ledger.requests()) {
      int received = ledger.signedByKey().getOrDefault(r.key(), 0);
      switch (r.state()) {
        case "issued" -> {
          if (r.unconfirmed()) {
            assertThat(received).as("unconfirmed, at most once: " + r).isLessThanOrEqualTo(1);
          } else {
            assertThat(r.deliveryState()).as(r.toString()).isEqualTo("answered");
            assertThat(received).as("delivered exactly once: " + r).isEqualTo(1);
          }
        }
        case "failed" -> {
          assertThat(received).as(r.toString()).isZero();
          assertThat(r.lastError()).as(r.toString()).isNotBlank();
          assertThat(r.deliveryState()).as("shown as a failed delivery").isEqualTo("failed");
        }
        default -> throw new AssertionError("not final: " + r);
      }
    }
    for (var received : ledger.signedByKey().entrySet()) {
      assertThat(received.getValue()).as("one CertificateSigned per key").isEqualTo(1);
    }
  }

  /** The CA issued once per recorded request, and only for recorded requests. */
  private static void nothingIssuedTwiceOrUnrecorded(DeliveryLedger ledger) {
    var byKey = new java.util.HashMap<String, DeliveryLedger.Request>();
    ledger.requests().forEach(r -> byKey.put(r.key(), r));
    for (var issued : ledger.caSerialsByKey().entrySet()) {
      assertThat(issued.getValue()).as("issued once for key " + issued.getKey()).hasSize(1);
      DeliveryLedger.Request r = byKey.get(issued.getKey());
      assertThat(r).as("a certificate the bridge has no record of").isNotNull();
      assertThat(r.state()).as(r.toString()).isEqualTo("issued");
      assertThat(issued.getValue()).containsExactly(r.serial());
    }
    assertThat(ledger.caCertificates()).isEqualTo(ledger.requestsIn("issued"));
  }

  /** Each trigger delivery reached its station at most once. */
  private static void noTriggerSentTwice(DeliveryLedger ledger) {
    for (String station : STATIONS) {
      int received = ledger.triggersByStation().getOrDefault(station, 0);
      int answered = ledger.triggerRows(station, "answered");
      int unconfirmed = ledger.triggerRows(station, "unconfirmed");
      assertThat(received)
          .as(station + ": triggers received, deliveries answered and unconfirmed")
          .isBetween(answered, answered + unconfirmed);
    }
  }
}
