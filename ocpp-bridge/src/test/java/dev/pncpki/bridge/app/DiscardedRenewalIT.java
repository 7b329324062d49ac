package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCPP 2.0.1 Edition 3 errata: a station that could not connect with its renewed client certificate
 * goes back to the one before and says so (SecurityEventNotification
 * DiscardedRenewedClientCertificate). The bridge marks the renewed certificate discarded, does not
 * revoke the one the station uses again, and asks for a renewal again after the back-off; the
 * station said it twice, the bridge acts once; the event sent again after the new renewal, dated
 * before it, changes nothing.
 */
class DiscardedRenewalIT {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.NEVER)
  Path dir;

  @Test
  void aDiscardedRenewalIsAskedForAgainAfterTheBackOff() throws Exception {
    try (var peers =
        new Peers(
            dir,
            false,
            null,
            "renewal: {windowDays: 1, checkIntervalSeconds: 1, discardedRetrySeconds: 3,"
                + " graceSeconds: 1}",
            List.of())) {
      BridgeAdmin admin = peers.admin();
      var station = peers.startStation("CS-0001", "ocpp2.0.1");
      admin.await("/v1/stations/CS-0001", s -> s.path("connected").asBoolean(), 30);
      for (int n = 1; n <= 2; n++) {
        admin.post(
            "/v1/stations/CS-0001/trigger",
            "{\"requestedMessage\":\"SignChargingStationCertificate\"}",
            200);
        int count = n;
        admin.await("/v1/stations/CS-0001", s -> accepted(s).size() == count, 30);
      }
      station.finish();
      List<String> before = accepted(admin.get("/v1/stations/CS-0001"));
      String restored = before.get(1); // newest first: [renewed, the one before]
      String renewed = before.get(0);

      // the station reports it twice (a repeated event is not a second discard)
      String reportedAt =
          java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
      JsonNode told =
          peers.station(
              peers.url(),
              Map.of(
                  "CHARGER_EVENT_TYPE",
                  "DiscardedRenewedClientCertificate",
                  "CHARGER_EVENTS",
                  "2",
                  "CHARGER_EVENT_AT",
                  reportedAt),
              "CS-0001",
              Peers.PASSWORD,
              "ocpp2.0.1",
              "events");
      assertThat(told.path("securityEvents").asInt()).isEqualTo(2);
      JsonNode view = admin.get("/v1/stations/CS-0001");
      assertThat(status(view, renewed)).isEqualTo("Discarded");
      assertThat(status(view, restored)).as("the one it uses again").isEqualTo("Accepted");
      Thread.sleep(1500); // past the grace period: nothing revokes the one it uses again
      assertThat(peers.caAdmin("GET", "/v1/certificates/" + restored, null).body())
          .contains("\"status\":\"valid\"");

      // after the back-off (3 s) the renewal is asked for again, and answered
      var back = peers.startStation("CS-0001", "ocpp2.0.1");
      JsonNode renewedAgain = admin.await("/v1/stations/CS-0001", s -> accepted(s).size() == 2, 60);
      back.finish();
      assertThat(accepted(renewedAgain).get(1)).isEqualTo(restored);
      assertThat(status(renewedAgain, renewed)).isEqualTo("Discarded");

      // the same event sent again late, dated before the new renewal: it changes nothing
      String newest = accepted(renewedAgain).get(0);
      peers.station(
          peers.url(),
          Map.of(
              "CHARGER_EVENT_TYPE",
              "DiscardedRenewedClientCertificate",
              "CHARGER_EVENTS",
              "1",
              "CHARGER_EVENT_AT",
              java.time.Instant.parse(reportedAt)
                  .minus(java.time.Duration.ofMinutes(10))
                  .toString()),
          "CS-0001",
          Peers.PASSWORD,
          "ocpp2.0.1",
          "events");
      assertThat(status(admin.get("/v1/stations/CS-0001"), newest)).isEqualTo("Accepted");
    }
  }

  /** Serials of the station's accepted certificates, newest first. */
  private static List<String> accepted(JsonNode station) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : station.path("certificates")) {
      if (c.path("status").asText().equals("Accepted")) {
        out.add(c.path("serial").asText());
      }
    }
    return out;
  }

  private static String status(JsonNode station, String serial) {
    for (JsonNode c : station.path("certificates")) {
      if (c.path("serial").asText().equals(serial)) {
        return c.path("status").asText();
      }
    }
    return "";
  }
}
