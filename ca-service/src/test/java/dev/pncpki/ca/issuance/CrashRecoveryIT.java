package dev.pncpki.ca.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.audit.AuditQuery;
import dev.pncpki.ca.contract.ContractState;
import dev.pncpki.ca.store.CertificateDao;
import dev.pncpki.ca.store.ContractDao;
import dev.pncpki.ca.store.Database;
import dev.pncpki.ca.store.InstanceLock;
import dev.pncpki.ca.store.IssuanceWrites;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery on the service's real schema in a real PostgreSQL, with instance locks held by
 * real sessions: what a gone instance left is failed and audited, a live instance's rows are left
 * alone, a renewal left in flight stops blocking its contract, and a completion that comes too late
 * is refused.
 */
class CrashRecoveryIT {
  @TempDir static Path dir;
  private static Database database;
  private static Jdbi jdbi;
  private static int serials;

  @BeforeAll
  static void start() {
    database = Database.embedded(dir.resolve("pg"));
    jdbi = database.jdbi();
    jdbi.useHandle(
        h ->
            h.execute(
                "insert into authority (id, profile, key_ref, serial, certificate, not_after,"
                    + " base_url) values ('ca', 'mo-sub-ca-2', 'k:1', '01', '\\x00', now(),"
                    + " 'http://localhost')"));
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  /** A recovery of an instance that works on nothing, numbered {@code me}. */
  private static CrashRecovery recovery(int me) {
    return new CrashRecovery(jdbi, new InFlight(() -> me), Clock.systemUTC());
  }

  private static String pending(int owner) {
    String serial = String.format("%016x", 0x1000 + ++serials);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    var row =
        new CertificateRow(
            "ca",
            serial,
            "contract-leaf",
            "DEPNCC0NTRACT12",
            IssuanceState.PENDING,
            "mo",
            "key-" + serial,
            new byte[32],
            now,
            now,
            now.plus(30, ChronoUnit.DAYS),
            null,
            null,
            null,
            null);
    jdbi.useTransaction(h -> IssuanceWrites.insertPending(h, List.of(row), owner));
    return serial;
  }

  private static IssuanceState state(String serial) {
    return jdbi.withExtension(CertificateDao.class, d -> d.find("ca", serial))
        .orElseThrow()
        .status();
  }

  @Test
  void aGoneInstancesIssuancesAreFailedAndAuditedAndALiveOnesAreNot() {
    String dead = pending(1_000_001);
    try (InstanceLock other = InstanceLock.acquire(database.dataSource())) {
      String alive = pending(other.owner());
      List<InFlightRow> failed = recovery(5).run();
      assertThat(failed).extracting(InFlightRow::serial).contains(dead).doesNotContain(alive);
      assertThat(state(dead)).isEqualTo(IssuanceState.FAILED);
      assertThat(state(alive)).isEqualTo(IssuanceState.PENDING);
      other.close(); // the instance ends: its lock goes with its session
      assertThat(recovery(5).run()).extracting(InFlightRow::serial).contains(alive);
      assertThat(state(alive)).isEqualTo(IssuanceState.FAILED);
    }
    var audit = new AuditLog(jdbi, Clock.systemUTC());
    var events =
        audit
            .events(new AuditQuery(CrashRecovery.ACTOR, null, null, null, null, null, 1000))
            .stream()
            .filter(e -> e.target().equals("ca/" + dead))
            .toList();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).detail()).contains("ended before it completed");
    assertThat(audit.verify().intact()).isTrue();
    assertThat(
            jdbi.withExtension(CertificateDao.class, d -> d.find("ca", dead))
                .orElseThrow()
                .failure())
        .startsWith("abandoned:");
  }

  @Test
  void aLateCompletionOfAFailedIssuanceIsRefusedAndTheRowStaysFailed() {
    String serial = pending(1_000_002);
    recovery(5).run();
    assertThatThrownBy(
            () ->
                jdbi.useTransaction(
                    h ->
                        IssuanceWrites.complete(
                            h,
                            List.of(new IssuanceWrites.Completed("ca", serial, new byte[] {1})))))
        .isInstanceOf(IssuanceAbandonedException.class);
    assertThat(state(serial)).isEqualTo(IssuanceState.FAILED);
  }

  @Test
  void aRenewalLeftInFlightStopsBlockingItsContract() {
    String current = pending(1_000_003);
    jdbi.useTransaction(
        h ->
            IssuanceWrites.complete(
                h, List.of(new IssuanceWrites.Completed("ca", current, new byte[] {1}))));
    long currentId = contract(current, null);
    String renewal = pending(1_000_003);
    long renewalId = contract(renewal, currentId);
    assertThat(markReplaced(currentId, renewalId)).isEqualTo(1);
    Instant now = Instant.now();
    assertThat(statuses(now)).containsExactly(ContractState.ACTIVE, ContractState.PENDING);

    recovery(5).run();

    assertThat(statuses(now)).containsExactly(ContractState.ACTIVE, ContractState.FAILED);
    // the contract may be renewed again: its failed renewal is overwritten
    String again = pending(1_000_004);
    long againId = contract(again, currentId);
    assertThat(markReplaced(currentId, againId)).isEqualTo(1);
  }

  @Test
  void twoInstancesRecoveringAtOnceFailEachRowOnce() throws Exception {
    List<String> left = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      left.add(pending(1_000_005));
    }
    var pool = Executors.newFixedThreadPool(2);
    List<Future<List<InFlightRow>>> runs = new ArrayList<>();
    for (int me : new int[] {6, 7}) {
      runs.add(pool.submit((Callable<List<InFlightRow>>) () -> recovery(me).run()));
    }
    List<String> failed = new ArrayList<>();
    for (var run : runs) {
      run.get().stream().map(InFlightRow::serial).filter(left::contains).forEach(failed::add);
    }
    pool.shutdown();
    assertThat(failed).containsExactlyInAnyOrderElementsOf(left);
  }

  private static int markReplaced(long id, long by) {
    return jdbi.withExtension(ContractDao.class, d -> d.markReplaced(id, by));
  }

  private static long contract(String serial, Long replaces) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    insert into contract (emaid, pcid, mo, oem, suite, issuer_id, serial,
                      encrypted_private_key, dh_public_key, replaces, created_at)
                    values ('DEPNCC0NTRACT12', 'WMA0000001', 'mo', 'oem', 'iso15118-2', 'ca',
                      :serial, '\\x00', '\\x00', :replaces, now())
                    returning id
                    """)
                .bind("serial", serial)
                .bind("replaces", replaces)
                .mapTo(Long.class)
                .one());
  }

  private static List<ContractState> statuses(Instant now) {
    return jdbi
        .withExtension(ContractDao.class, d -> d.contracts("DEPNCC0NTRACT12", "WMA0000001"))
        .stream()
        .map(c -> c.status(now))
        .toList();
  }
}
