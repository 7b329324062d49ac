package dev.pncpki.ca.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which pending issuances crash recovery resolves, and what it records about them. */
class CrashRecoveryTest {
  private static final int ME = 42;
  private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
  private final InFlight inFlight = new InFlight(() -> ME);

  private static InFlightRow row(String serial, Integer owner, Instant created) {
    return new InFlightRow("ca", serial, owner, "admin", created, null, null, null);
  }

  private static List<String> serials(List<InFlightRow> rows) {
    return rows.stream().map(InFlightRow::serial).toList();
  }

  @Test
  void aDeadInstancesRowsAreAbandonedAndALiveOnesAreLeftToIt() {
    var rows = List.of(row("a1", 7, NOW), row("a2", 8, NOW), row("a3", 7, NOW));
    var abandoned = CrashRecovery.abandoned(rows, inFlight, owner -> owner == 8, NOW);
    assertThat(serials(abandoned)).containsExactly("a1", "a3");
  }

  @Test
  void ownRowsAreAbandonedOnlyWhenThisInstanceNoLongerWorksOnThem() {
    inFlight.begin("ca", "b1");
    var rows = List.of(row("b1", ME, NOW), row("b2", ME, NOW));
    var abandoned = CrashRecovery.abandoned(rows, inFlight, owner -> true, NOW);
    assertThat(serials(abandoned)).containsExactly("b2");
    inFlight.end("ca", "b1");
    assertThat(serials(CrashRecovery.abandoned(rows, inFlight, owner -> true, NOW)))
        .containsExactly("b1", "b2");
  }

  @Test
  void aRowThisInstanceWorksOnIsNeverTakenWhateverNumberItCarries() {
    // the instance lost its lock (PostgreSQL restarted) and took another number meanwhile
    inFlight.begin("ca", "c1");
    var rows = List.of(row("c1", 5, NOW));
    assertThat(CrashRecovery.abandoned(rows, inFlight, owner -> false, NOW)).isEmpty();
    assertThat(inFlight.size()).isEqualTo(1);
  }

  @Test
  void rowsWithoutAnOwnerAreResolvedByAge() {
    var rows =
        List.of(
            row("d1", null, NOW.minus(CrashRecovery.UNOWNED_GRACE).minusSeconds(1)),
            row("d2", null, NOW.minusSeconds(30)));
    var abandoned = CrashRecovery.abandoned(rows, inFlight, owner -> false, NOW);
    assertThat(serials(abandoned)).containsExactly("d1");
  }

  @Test
  void theOwnerIsAskedOnlyForRowsNobodyHereWorksOn() {
    Set<Integer> asked = new java.util.HashSet<>();
    inFlight.begin("ca", "e1");
    CrashRecovery.abandoned(
        List.of(row("e1", 9, NOW), row("e2", ME, NOW), row("e3", 10, NOW)),
        inFlight,
        owner -> asked.add(owner),
        NOW);
    assertThat(asked).containsExactly(10);
  }

  @Test
  void theReasonSaysWhoLeftTheRow() {
    assertThat(CrashRecovery.reason(row("f1", 7, NOW), ME)).contains("instance issuing it ended");
    assertThat(CrashRecovery.reason(row("f2", ME, NOW), ME)).contains("this CA instance gave up");
    assertThat(CrashRecovery.reason(row("f3", null, NOW), ME)).contains("never completed");
  }

  @Test
  void theAuditEventNamesTheIssuanceAndTheContract() {
    var renewal =
        new InFlightRow("mo-sub-2", "0abc", 7, "mo", NOW, "DEPNCC0NTRACT12", "WMA0000001", 17L);
    var event = CrashRecovery.event(renewal, "abandoned: x", NOW);
    assertThat(event.actor()).isEqualTo(CrashRecovery.ACTOR);
    assertThat(event.action()).isEqualTo("issue");
    assertThat(event.outcome()).isEqualTo("failed");
    assertThat(event.target()).isEqualTo("mo-sub-2/0abc");
    assertThat(event.detail())
        .isEqualTo(
            "abandoned: x; contract DEPNCC0NTRACT12 for PCID WMA0000001 (renewal of contract 17)"
                + " is failed");
    var plain = CrashRecovery.event(row("g1", 7, NOW), "abandoned: y", NOW);
    assertThat(plain.detail()).isEqualTo("abandoned: y");
  }
}
