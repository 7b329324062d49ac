package dev.pncpki.bridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.station.Route;
import dev.pncpki.bridge.store.BridgeDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The outbox's per-delivery statements (plain JDBC) on a real PostgreSQL: storing with and without
 * a dedup key, claiming in order, answering while claiming the next, and what another instance may
 * touch.
 */
class OutboxStoreIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LEASE = Duration.ofSeconds(60);
  @TempDir static Path dir;
  private static BridgeDatabase db;
  private static OutboxStore outbox;

  @BeforeAll
  static void start() {
    db = BridgeDatabase.embedded(dir.resolve("pg"), 4);
    outbox = new OutboxStore(db.jdbi(), db.dataSource(), 3, "instance-a");
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  private static Delivery.Request trigger(String station) {
    ObjectNode payload =
        JSON.createObjectNode().put("requestedMessage", "SignChargingStationCertificate");
    return Delivery.Request.of(station, Route.OCPP201, "TriggerMessage", payload, "test");
  }

  /** A sender that always gets the turn, and records what it was handed. */
  private static final class TakingSender implements Sender {
    final List<Optional<Delivery>> sent = new ArrayList<>();
    final List<String> woken = new ArrayList<>();

    @Override
    public boolean takeTurn(String stationId) {
      return true;
    }

    @Override
    public void send(String stationId, Optional<Delivery> claimed) {
      sent.add(claimed);
    }

    @Override
    public void wake(String stationId) {
      woken.add(stationId);
    }
  }

  @Test
  void withTheTurnARequestIsStoredClaimedWhenNothingIsDueBeforeIt() {
    var store = new OutboxStore(db.jdbi(), db.dataSource(), 3, "instance-a");
    var sender = new TakingSender();
    store.sendWith(sender);

    Delivery first = store.enqueue(trigger("CS-TURN"));
    assertThat(first.state()).isEqualTo(Delivery.State.SENDING);
    assertThat(first.attempts()).isEqualTo(1);
    assertThat(sender.sent).containsExactly(Optional.of(first));
    // claimed by this instance: it may answer it, and nothing is left to claim
    assertThat(store.claimNext("instance-a", "CS-TURN", LEASE)).isEmpty();

    // with an older delivery of the station due, a new one is stored pending behind it
    store.answered(first.id(), "instance-a", JSON.createObjectNode().put("status", "Accepted"));
    Delivery due = outbox.enqueue(trigger("CS-TURN")); // no sender: pending
    Delivery behind = store.enqueue(trigger("CS-TURN"));
    assertThat(due.state()).isEqualTo(Delivery.State.PENDING);
    assertThat(behind.state()).isEqualTo(Delivery.State.PENDING);
    assertThat(behind.attempts()).isZero();
    assertThat(sender.sent).last().isEqualTo(Optional.empty());
    assertThat(store.claimNext("instance-a", "CS-TURN", LEASE))
        .map(Delivery::id)
        .contains(due.id());
  }

  @Test
  void withTheTurnARequestThatIsOpenAlreadyGetsTheOpenOneUnclaimed() {
    var store = new OutboxStore(db.jdbi(), db.dataSource(), 3, "instance-a");
    Delivery open = outbox.enqueue(trigger("CS-TURN-DEDUP").once("k"));
    var sender = new TakingSender();
    store.sendWith(sender);

    Delivery again = store.enqueue(trigger("CS-TURN-DEDUP").once("k"));
    assertThat(again.id()).isEqualTo(open.id());
    assertThat(again.state()).isEqualTo(Delivery.State.PENDING);
    assertThat(sender.sent).containsExactly(Optional.empty()); // the turn goes back unused
  }

  @Test
  void aReleasedDeliveryIsDueAgainUncountedAndAnnounced() throws Exception {
    var store = new OutboxStore(db.jdbi(), db.dataSource(), 3, "instance-a");
    store.sendWith(new TakingSender());
    Delivery claimed = store.enqueue(trigger("CS-RELEASE")); // stored claimed, not announced
    try (Connection listen = db.dataSource().getConnection();
        Statement s = listen.createStatement()) {
      s.execute("LISTEN " + OutboxStore.CHANNEL);

      store.release(claimed.id(), "instance-a");

      Delivery released = store.find(claimed.id()).orElseThrow();
      assertThat(released.state()).isEqualTo(Delivery.State.PENDING);
      assertThat(released.attempts()).isZero();
      PGNotification[] notes = listen.unwrap(PGConnection.class).getNotifications(5_000);
      assertThat(notes).extracting(PGNotification::getParameter).contains("instance-a CS-RELEASE");
    }
  }

  @Test
  void aSecondRequestWithTheSameKeyWhileTheFirstIsOpenGetsTheFirst() {
    Delivery first = outbox.enqueue(trigger("CS-DEDUP").once("k1"));
    Delivery again = outbox.enqueue(trigger("CS-DEDUP").once("k1"));
    Delivery other = outbox.enqueue(trigger("CS-DEDUP").once("k2"));

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(other.id()).isNotEqualTo(first.id());
    assertThat(first.state()).isEqualTo(Delivery.State.PENDING);
    assertThat(first.attempts()).isZero();
    assertThat(first.maxAttempts()).isEqualTo(3);
    assertThat(first.payload().path("requestedMessage").asText())
        .isEqualTo("SignChargingStationCertificate");
  }

  @Test
  void deliveriesAreClaimedInOrderAndAnAnswerClaimsTheNext() {
    Delivery first = outbox.enqueue(trigger("CS-ORDER"));
    Delivery second = outbox.enqueue(trigger("CS-ORDER"));

    Delivery claimed = outbox.claimNext("instance-a", "CS-ORDER", LEASE).orElseThrow();
    assertThat(claimed.id()).isEqualTo(first.id());
    assertThat(claimed.state()).isEqualTo(Delivery.State.SENDING);
    assertThat(claimed.attempts()).isEqualTo(1);
    // the leased first is passed over (one at a time per station is the dispatcher's rule)
    assertThat(outbox.claimNext("instance-a", "CS-ORDER", LEASE))
        .map(Delivery::id)
        .contains(second.id());

    Optional<Delivery> next =
        outbox.answeredClaimingNext(
            first.id(),
            "instance-a",
            JSON.createObjectNode().put("status", "Accepted"),
            "CS-ORDER",
            LEASE);
    assertThat(next).isEmpty(); // the second is claimed already
    Delivery answered = outbox.find(first.id()).orElseThrow();
    assertThat(answered.state()).isEqualTo(Delivery.State.ANSWERED);
    assertThat(answered.answer()).map(a -> a.path("status").asText()).contains("Accepted");
  }

  @Test
  void anotherInstanceCannotAnswerWhatThisOneClaimed() {
    Delivery d = outbox.enqueue(trigger("CS-OWNER"));
    assertThat(outbox.claimNext("instance-a", "CS-OWNER", LEASE)).isPresent();

    outbox.answered(d.id(), "instance-b", JSON.createObjectNode().put("status", "Accepted"));
    assertThat(outbox.find(d.id()).orElseThrow().state()).isEqualTo(Delivery.State.SENDING);

    outbox.answered(d.id(), "instance-a", JSON.createObjectNode().put("status", "Rejected"));
    assertThat(outbox.find(d.id()).orElseThrow().state()).isEqualTo(Delivery.State.ANSWERED);
  }

  @Test
  void answeringClaimsTheStationsNextDueDelivery() {
    Delivery first = outbox.enqueue(trigger("CS-CHAIN"));
    assertThat(outbox.claimNext("instance-a", "CS-CHAIN", LEASE)).isPresent();
    Delivery second = outbox.enqueue(trigger("CS-CHAIN"));

    Delivery next =
        outbox
            .answeredClaimingNext(
                first.id(),
                "instance-a",
                JSON.createObjectNode().put("status", "Accepted"),
                "CS-CHAIN",
                LEASE)
            .orElseThrow();
    assertThat(next.id()).isEqualTo(second.id());
    assertThat(next.state()).isEqualTo(Delivery.State.SENDING);
    assertThat(outbox.find(first.id()).orElseThrow().state()).isEqualTo(Delivery.State.ANSWERED);
  }
}
