package dev.pncpki.bridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.station.Route;
import dev.pncpki.bridge.store.BridgeDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CertificateSigned and the triggers of a CSR are sent at most once (real PostgreSQL): a row whose
 * sender vanished after claiming it is not sent again by another instance, nor by the same instance
 * started again, but ends failed and unconfirmed with the reason; other CALLs are taken over.
 */
class AtMostOnceDeliveryIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LEASE = Duration.ofSeconds(60);
  @TempDir static Path dir;
  private static BridgeDatabase db;

  @BeforeAll
  static void start() {
    db = BridgeDatabase.embedded(dir.resolve("pg"), 4);
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  private static OutboxStore instance(String id) {
    return new OutboxStore(db.jdbi(), db.dataSource(), 3, id);
  }

  private static Delivery.Request request(String station, String action) {
    var payload =
        action.equals("CertificateSigned")
            ? JSON.createObjectNode().put("certificateChain", "PEM")
            : JSON.createObjectNode().put("requestedMessage", "SignChargingStationCertificate");
    return Delivery.Request.of(station, Route.OCPP201, action, payload, "test");
  }

  private static void lapse(long id) {
    db.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "UPDATE delivery SET lease_until = now() - interval '1 second' WHERE id = ?",
                    id));
  }

  @Test
  void onlyCertificatesAndCsrTriggersAreSentAtMostOnce() {
    assertThat(Delivery.atMostOnce("CertificateSigned")).isTrue();
    assertThat(Delivery.atMostOnce("TriggerMessage")).isTrue();
    assertThat(Delivery.atMostOnce("ExtendedTriggerMessage")).isTrue();
    assertThat(Delivery.atMostOnce("GetInstalledCertificateIds")).isFalse();
    assertThat(Delivery.atMostOnce("SetVariables")).isFalse();
  }

  @Test
  void aCertificateWhoseSenderVanishedIsNotSentAgainButUnconfirmed() {
    var a = instance("a");
    var b = instance("b");
    Delivery d = a.enqueue(request("AM-1", "CertificateSigned"));
    assertThat(a.claimNext("a", "AM-1", LEASE)).map(Delivery::id).contains(d.id());
    lapse(d.id());

    assertThat(b.claimNext("b", "AM-1", LEASE)).as("not taken over").isEmpty();
    assertThat(b.settleUnconfirmed()).isEqualTo(1);

    Delivery after = b.find(d.id()).orElseThrow();
    assertThat(after.state()).isEqualTo(Delivery.State.FAILED);
    assertThat(after.lastError().orElseThrow())
        .startsWith("unconfirmed: a may have sent it")
        .contains("not sent again");
  }

  @Test
  void otherCallsOfAVanishedSenderAreTakenOver() {
    var a = instance("a");
    var b = instance("b");
    Delivery d = a.enqueue(request("AM-2", "GetInstalledCertificateIds"));
    assertThat(a.claimNext("a", "AM-2", LEASE)).isPresent();
    lapse(d.id());

    assertThat(b.claimNext("b", "AM-2", LEASE)).map(Delivery::id).contains(d.id());
  }

  @Test
  void anInstanceStartedAgainSettlesWhatItHadClaimedAtOnce() {
    var before = instance("c");
    Delivery trigger = before.enqueue(request("AM-3", "TriggerMessage"));
    assertThat(before.claimNext("c", "AM-3", LEASE)).isPresent();
    Delivery other = before.enqueue(request("AM-4", "GetInstalledCertificateIds"));
    assertThat(before.claimNext("c", "AM-4", LEASE)).isPresent();

    var restarted = instance("c");
    restarted.recoverOwn();

    assertThat(restarted.find(trigger.id()).orElseThrow().state()).isEqualTo(Delivery.State.FAILED);
    assertThat(restarted.claimNext("c", "AM-4", LEASE)).map(Delivery::id).contains(other.id());
  }

  @Test
  void aSentCertificateWithoutAnAnswerEndsUnconfirmed() {
    var a = instance("d");
    Delivery d = a.enqueue(request("AM-5", "CertificateSigned"));
    assertThat(a.claimNext("d", "AM-5", LEASE)).isPresent();

    a.unconfirmed(d.id(), "d", "the station disconnected before answering");

    Delivery after = a.find(d.id()).orElseThrow();
    assertThat(after.state()).isEqualTo(Delivery.State.FAILED);
    assertThat(after.lastError())
        .contains("unconfirmed: the station disconnected before answering; not sent again");
    assertThat(a.claimNext("d", "AM-5", LEASE)).isEmpty();
  }
}
