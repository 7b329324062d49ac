package dev.pncpki.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.bridge.station.CertificateBinding;
import dev.pncpki.bridge.station.CredentialChanges.Released;
import dev.pncpki.bridge.station.PasswordHash;
import dev.pncpki.bridge.station.SecurityProfile;
import dev.pncpki.bridge.station.Station;
import dev.pncpki.bridge.station.StationRegistry.Addition;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The station registry and its credential changes on a real PostgreSQL: ids one in any case, SECC
 * IDs one station's (hyphens and case aside), a deletion that leaves nothing acting for the
 * station, and changes whose CALL ended unanswered undone.
 */
class StationRegistryTablesIT {
  private static final String ROTATION = "password-rotation ";
  private static final String UPGRADE = "security-profile ";
  private static final String SECC = "DE-PNC-S-" + "0".repeat(33) + "1";

  @TempDir static Path dir;
  private static BridgeDatabase db;
  private static StationTable stations;
  private static CredentialTable credentials;

  @BeforeAll
  static void start() {
    db = BridgeDatabase.embedded(dir.resolve("pg"), 4);
    stations = new StationTable(db.jdbi());
    credentials = new CredentialTable(db.jdbi());
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  private static Station station(String id, List<String> secc) {
    return Station.registered(
        id,
        SecurityProfile.BASIC,
        Optional.of(PasswordHash.of("a-password-000000")),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        secc,
        "test",
        Instant.now());
  }

  private static void sql(String statement, Object... args) {
    db.jdbi().useHandle(h -> h.execute(statement, args));
  }

  private static void delivery(String station, String origin, String state) {
    sql(
        """
        INSERT INTO delivery (station_id, route, action, payload, origin, state, max_attempts,
          answer)
        VALUES (?, 'ocpp2.0.1', 'SetVariables', '{}', ?, ?, 3,
          CASE WHEN ? = 'answered' THEN '{"status": "RebootRequired"}'::jsonb END)
        """,
        station,
        origin,
        state,
        state);
  }

  @Test
  void idsAreOneInAnyCaseAndSeccIdsOneStations() {
    assertThat(stations.add(station("CS-Case", List.of(SECC)))).isEqualTo(Addition.ADDED);
    assertThat(stations.add(station("cs-case", List.of()))).isEqualTo(Addition.ID_TAKEN);
    assertThat(stations.add(station("CS-OTHER", List.of(SECC.replace("-", "").toLowerCase()))))
        .isEqualTo(Addition.SECC_ID_TAKEN);
    assertThat(stations.find("CS-OTHER")).isEmpty();
    assertThat(stations.seed(station("CS-SEED", List.of()))).isEqualTo(Addition.ADDED);
    assertThat(stations.seed(station("CS-SEED", List.of()))).isEqualTo(Addition.SEEDED_BEFORE);
  }

  @Test
  void aDeletedStationLeavesNothingThatActsForIt() {
    stations.add(station("CS-GONE", List.of()));
    delivery("CS-GONE", "admin", "pending");
    sql(
        """
        INSERT INTO station_connection (station_id, instance_id, connection_id, ocpp_version,
          connected_at)
        VALUES ('CS-GONE', 'i', gen_random_uuid(), 'ocpp2.0.1', now())
        """);
    sql("INSERT INTO station_info (station_id, vendor, model) VALUES ('CS-GONE', 'V', 'M')");

    assertThat(stations.remove("CS-GONE")).isTrue();

    assertThat(
            count(
                "SELECT count(*) FROM delivery WHERE station_id = 'CS-GONE'"
                    + " AND state = 'cancelled' AND last_error = 'station deleted'"))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM station_connection WHERE station_id = 'CS-GONE'"))
        .isZero();
    assertThat(count("SELECT count(*) FROM station_info WHERE station_id = 'CS-GONE'")).isZero();
    assertThat(stations.remove("CS-GONE")).isFalse();
  }

  private static long count(String query) {
    return db.jdbi().withHandle(h -> h.createQuery(query).mapTo(Long.class).one());
  }

  @Test
  void aPasswordWhoseCallEndedUnansweredIsForgottenAfterTheGrace() {
    stations.add(station("CS-PW-FAIL", List.of()));
    stations.add(station("CS-PW-REBOOT", List.of()));
    credentials.stagePassword("CS-PW-FAIL", PasswordHash.of("new-password-0001"));
    credentials.stagePassword("CS-PW-REBOOT", PasswordHash.of("new-password-0002"));
    delivery("CS-PW-FAIL", ROTATION + "aa", "failed");
    delivery("CS-PW-REBOOT", ROTATION + "bb", "answered");
    // within the grace (the moment between staging and storing the CALL) nothing is undone
    assertThat(credentials.releaseUnanswered(ROTATION, UPGRADE)).isEmpty();

    sql("UPDATE station SET pending_password_since = now() - interval '2 minutes'");
    sql("UPDATE delivery SET created_at = now() - interval '90 seconds'");

    assertThat(credentials.releaseUnanswered(ROTATION, UPGRADE))
        .containsExactly(new Released("CS-PW-FAIL", Released.Change.PASSWORD));
    assertThat(stations.find("CS-PW-FAIL").orElseThrow().pendingPasswordHash()).isEmpty();
    assertThat(stations.find("CS-PW-REBOOT").orElseThrow().pendingPasswordHash()).isPresent();
  }

  @Test
  void anUpgradeWhoseLastCallFailedEndsAndAGivenBindingReplacesTheRegisteredOne() {
    Station fingerprinted =
        Station.registered(
            "CS-UP",
            SecurityProfile.BASIC,
            Optional.of(PasswordHash.of("a-password-000000")),
            Optional.of(CertificateBinding.Fingerprint.ofHex("ab".repeat(32))),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            "test",
            Instant.now());
    stations.add(fingerprinted);
    credentials.stageUpgrade(
        "CS-UP",
        SecurityProfile.CLIENT_CERTIFICATE,
        Optional.of(new CertificateBinding.CommonName("CS-UP")));
    assertThat(stations.find("CS-UP").orElseThrow().certificate())
        .contains(new CertificateBinding.CommonName("CS-UP"));

    delivery("CS-UP", UPGRADE + "3 network-profile 1 1,0", "cancelled");
    assertThat(credentials.releaseUnanswered(ROTATION, UPGRADE)).isEmpty(); // grace
    sql("UPDATE station SET updated_at = now() - interval '2 minutes' WHERE id = 'CS-UP'");
    assertThat(credentials.releaseUnanswered(ROTATION, UPGRADE))
        .containsExactly(new Released("CS-UP", Released.Change.UPGRADE));
    assertThat(stations.find("CS-UP").orElseThrow().targetProfile()).isEmpty();
  }
}
