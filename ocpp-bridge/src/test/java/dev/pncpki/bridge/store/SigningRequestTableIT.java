package dev.pncpki.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.OutboxStore;
import dev.pncpki.bridge.station.Route;
import dev.pncpki.bridge.store.SigningRequests.Admission;
import dev.pncpki.bridge.trust.RootFingerprint;
import dev.pncpki.policies.profile.ProfileCatalog;
import dev.pncpki.policies.profile.ProfileId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signing requests on a real PostgreSQL: admission (one outstanding CSR per station and type,
 * the same CSR again, the issuance rate, and all of it under concurrent instances), leases taken
 * over when they lapse, and exactly one CertificateSigned delivery per request.
 */
class SigningRequestTableIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SigningRequests.Limit LIMIT =
      new SigningRequests.Limit(3, Duration.ofHours(1));
  private static final RootFingerprint ROOT = new RootFingerprint("ab".repeat(32));
  private static final RootFingerprint OTHER = new RootFingerprint("cd".repeat(32));
  @TempDir static Path dir;
  private static BridgeDatabase db;
  private static SigningRequestTable a;
  private static SigningRequestTable b;

  @BeforeAll
  static void start() {
    db = BridgeDatabase.embedded(dir.resolve("pg"), 8);
    a = table("instance-a");
    b = table("instance-b");
  }

  private static SigningRequestTable table(String instance) {
    return new SigningRequestTable(
        db.jdbi(), new OutboxStore(db.jdbi(), db.dataSource(), 3, instance), instance);
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  private static SigningRequests.Received csr(String station, String csr) {
    return new SigningRequests.Received(
        station,
        "ChargingStationCertificate",
        Route.OCPP201,
        csr,
        ProfileCatalog.byLabel(ProfileId.CHARGING_STATION_CLIENT.label()),
        station,
        java.util.Optional.empty(),
        java.util.Optional.empty());
  }

  private static Delivery.Request signed(SigningRequests.Pending p) {
    return Delivery.Request.of(
            p.stationId(),
            p.route(),
            "CertificateSigned",
            JSON.createObjectNode().put("certificateChain", "PEM"),
            "test")
        .once("signing request " + p.id());
  }

  private static SigningRequests.Pending admitted(Admission admission) {
    assertThat(admission).isInstanceOf(Admission.Admitted.class);
    return ((Admission.Admitted) admission).request();
  }

  private static void answered(long delivery) {
    db.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "UPDATE delivery SET state = 'answered', answer = '{\"status\":\"Accepted\"}'"
                        + " WHERE id = ?",
                    delivery));
  }

  private static SigningRequests.Received csr21(String station, String csr, int requestId) {
    return new SigningRequests.Received(
        station,
        "ChargingStationCertificate",
        Route.OCPP21,
        csr,
        ProfileCatalog.byLabel(ProfileId.CHARGING_STATION_CLIENT.label()),
        station,
        java.util.Optional.empty(),
        java.util.Optional.of(requestId));
  }

  @Test
  void anOcpp21RequestKeepsItsRequestIdWhichNoOtherCsrOfTheStationMayReuse() {
    var first = admitted(a.admit(csr21("SR-21", "csr-a", 17), LIMIT));
    assertThat(first.requestId()).contains(17);
    assertThat(first.route()).isEqualTo(Route.OCPP21);
    assertThat(b.admit(csr21("SR-21", "csr-a", 17), LIMIT))
        .as("the same CSR under the same requestId: the same request")
        .isEqualTo(new Admission.Repeated(first.id()));
    assertThat(b.admit(csr21("SR-21", "csr-a", 18), LIMIT))
        .as("the same CSR under a new requestId: its answer would carry the old one")
        .isInstanceOf(Admission.Outstanding.class);
    // settled, the requestId stays the first CSR's
    Delivery d =
        a.issued(first.id(), "0F", java.util.Optional.empty(), signed(first)).orElseThrow();
    answered(d.id());
    assertThat(b.admit(csr21("SR-21", "csr-b", 17), LIMIT))
        .isEqualTo(new Admission.RequestIdReused(first.id()));
    assertThat(b.admit(csr21("SR-OTHER", "csr-b", 17), LIMIT))
        .as("another station's requestIds are its own")
        .isInstanceOf(Admission.Admitted.class);
    var next = admitted(b.admit(csr21("SR-21", "csr-b", 19), LIMIT));
    assertThat(next.requestId()).contains(19);
    // the first CSR again with its own id and another line ending: a repeat of it, not a reuse
    assertThat(b.admit(csr21("SR-21", "csr-a\n", 17), LIMIT))
        .isNotInstanceOf(Admission.RequestIdReused.class);
    // a use older than the limit's window does not count (a station's counter may restart)
    db.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "UPDATE signing_request SET received_at = now() - interval '2 hours'"
                        + " WHERE station_id = 'SR-21' AND request_id = 17"));
    Delivery d2 = a.issued(next.id(), "10", java.util.Optional.empty(), signed(next)).orElseThrow();
    answered(d2.id());
    assertThat(b.admit(csr21("SR-21", "csr-c", 17), LIMIT)).isInstanceOf(Admission.Admitted.class);
  }

  @Test
  void oneCsrPerTypeIsOutstandingAndTheSameCsrAgainIsNothingNew() {
    var first = admitted(a.admit(csr("SR-1", "csr-1"), LIMIT));
    assertThat(first.attempts()).isEqualTo(1);
    assertThat(first.idempotencyKey()).startsWith("ocpp-csr-");

    assertThat(b.admit(csr("SR-1", "csr-1\n"), LIMIT))
        .isEqualTo(new Admission.Repeated(first.id()));
    assertThat(b.admit(csr("SR-1", "csr-2"), LIMIT))
        .isInstanceOfSatisfying(
            Admission.Outstanding.class, o -> assertThat(o.id()).isEqualTo(first.id()));
    var v2g =
        new SigningRequests.Received(
            "SR-1",
            "V2GCertificate",
            Route.OCPP201,
            "csr-3",
            ProfileCatalog.byLabel(ProfileId.SECC_LEAF.label()),
            "DEPNCS1",
            java.util.Optional.of(ROOT),
            java.util.Optional.empty());
    assertThat(a.admit(v2g, LIMIT)).as("another type").isInstanceOf(Admission.Admitted.class);

    // issued, but its CertificateSigned not yet answered: still outstanding
    Delivery d =
        a.issued(first.id(), "0A", java.util.Optional.empty(), signed(first)).orElseThrow();
    assertThat(b.admit(csr("SR-1", "csr-2"), LIMIT)).isInstanceOf(Admission.Outstanding.class);
    answered(d.id());
    admitted(b.admit(csr("SR-1", "csr-2"), LIMIT));
  }

  @Test
  void aV2gRequestKeepsTheRootItAskedForAndTheRootItWasIssuedUnder() throws Exception {
    var pins = new V2gRootPinTable(db.jdbi());
    var p =
        admitted(
            a.admit(
                new SigningRequests.Received(
                    "SR-9",
                    "V2GCertificate",
                    Route.OCPP201,
                    "csr-9",
                    ProfileCatalog.byLabel(ProfileId.SECC_LEAF.label()),
                    "DEPNCS9",
                    java.util.Optional.of(ROOT),
                    java.util.Optional.empty()),
                LIMIT));
    assertThat(p.root()).contains(ROOT);
    assertThat(pins.lastIssued("SR-9")).isEmpty();
    assertThat(a.issued(p.id(), "0D", java.util.Optional.of(OTHER), signed(p))).isPresent();
    assertThat(pins.lastIssued("SR-9")).as("the root of the chain the CA issued").contains(OTHER);
    assertThat(pins.pin("SR-9", ROOT, "test")).as("not a registered station").isFalse();
    assertThat(pins.pinned("SR-9")).isEmpty();
  }

  @Test
  void theIssuanceRateCountsEveryRequestButTheFailedOnes() throws Exception {
    var limit = new SigningRequests.Limit(2, Duration.ofHours(1));
    var one = admitted(a.admit(csr("SR-2", "csr-1"), limit));
    answered(a.issued(one.id(), "01", java.util.Optional.empty(), signed(one)).orElseThrow().id());
    var two = admitted(a.admit(csr("SR-2", "csr-2"), limit));
    assertThat(a.failed(two.id(), "CA refused", signed(two))).isTrue();
    var three = admitted(a.admit(csr("SR-2", "csr-3"), limit));
    answered(
        a.issued(three.id(), "03", java.util.Optional.empty(), signed(three)).orElseThrow().id());

    assertThat(a.admit(csr("SR-2", "csr-4"), limit)).isEqualTo(new Admission.Limited(2, limit));
    Thread.sleep(20);
    assertThat(a.admit(csr("SR-2", "csr-4"), new SigningRequests.Limit(2, Duration.ofMillis(1))))
        .as("outside a short window")
        .isInstanceOf(Admission.Admitted.class);
  }

  @Test
  void concurrentCsrsOfAStationThroughTwoInstancesAdmitOnlyOne() throws Exception {
    List<Callable<Admission>> racing = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      var table = i % 2 == 0 ? a : b;
      var received = csr("SR-3", "csr-race-" + i);
      racing.add(() -> table.admit(received, LIMIT));
    }
    List<Admission> answers = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(8)) {
      for (Future<Admission> f : pool.invokeAll(racing)) {
        answers.add(f.get());
      }
    }
    assertThat(answers).filteredOn(x -> x instanceof Admission.Admitted).hasSize(1);
    assertThat(answers).filteredOn(x -> x instanceof Admission.Outstanding).hasSize(15);
  }

  @Test
  void aLapsedLeaseIsTakenOverAndAnAttemptBacksOff() {
    var p = admitted(a.admit(csr("SR-4", "csr-1"), LIMIT));
    assertThat(b.claimDue(100)).as("a's lease holds").noneMatch(x -> x.id() == p.id());
    expireLeases();

    var taken = b.claimDue(100).stream().filter(x -> x.id() == p.id()).findFirst().orElseThrow();
    assertThat(taken.attempts()).isEqualTo(2);
    assertThat(taken.idempotencyKey()).as("the same key").isEqualTo(p.idempotencyKey());
    assertThat(a.claimDue(100)).as("b holds it now").noneMatch(x -> x.id() == p.id());
    assertThat(a.failed(p.id(), "a's late answer", signed(p))).as("not a's to fail").isFalse();
    assertThat(count("SELECT count(*) FROM delivery WHERE station_id = 'SR-4'")).isZero();

    b.retryLater(p.id(), "CA unreachable", Duration.ofHours(1));
    assertThat(a.claimDue(100)).as("backing off").noneMatch(x -> x.id() == p.id());
  }

  @Test
  void anInstanceStartedAgainTakesBackItsRequestsAtOnce() {
    var p = admitted(a.admit(csr("SR-5", "csr-1"), LIMIT));
    var restarted = table("instance-a");
    restarted.releaseOwn();
    assertThat(restarted.claimDue(100)).anyMatch(x -> x.id() == p.id());
  }

  @Test
  void aRequestGetsOneDeliveryWhoeverSettlesIt() {
    var p = admitted(a.admit(csr("SR-6", "csr-1"), LIMIT));

    Delivery first = a.issued(p.id(), "0B", java.util.Optional.empty(), signed(p)).orElseThrow();
    assertThat(b.issued(p.id(), "0B", java.util.Optional.empty(), signed(p)))
        .as("issued already")
        .isEmpty();
    assertThat(b.failed(p.id(), "too late", signed(p))).isFalse();
    assertThat(first.action()).isEqualTo("CertificateSigned");
    assertThat(count("SELECT count(*) FROM delivery WHERE station_id = 'SR-6'")).isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM signing_request WHERE station_id = 'SR-6' AND state ="
                    + " 'issued' AND serial = '0B' AND delivery_id = "
                    + first.id()))
        .isEqualTo(1);
  }

  @Test
  void aFailedRequestIsAFailedDeliveryWithItsReason() {
    var p = admitted(a.admit(csr("SR-7", "csr-1"), LIMIT));

    assertThat(a.failed(p.id(), "attempt 1: CA answered 400 profile-violation", signed(p)))
        .isTrue();

    String delivery =
        text(
            "SELECT d.state || ' ' || d.last_error FROM signing_request r JOIN delivery d ON d.id ="
                + " r.delivery_id WHERE r.id = "
                + p.id());
    assertThat(delivery)
        .isEqualTo("failed not issued: attempt 1: CA answered 400 profile-violation");
    assertThat(a.issued(p.id(), "0C", java.util.Optional.empty(), signed(p))).isEmpty();
  }

  private static void expireLeases() {
    db.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "UPDATE signing_request SET lease_until = now() - interval '1 second'"
                        + " WHERE lease_until IS NOT NULL"));
  }

  private static String text(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
  }

  private static long count(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
