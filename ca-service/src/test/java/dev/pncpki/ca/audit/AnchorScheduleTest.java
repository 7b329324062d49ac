package dev.pncpki.ca.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnchorScheduleTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final AnchorSchedule SCHEDULE = AnchorSchedule.defaults();

  private static AuditAnchor anchor(long eventId, Instant signedAt) {
    return new AuditAnchor(eventId, new byte[32], signedAt, "pnc-audit-anchor#1", new byte[] {1});
  }

  private static AnchorSchedule.Evidence healthy() {
    var latest = anchor(10, NOW.minusSeconds(5));
    return new AnchorSchedule.Evidence(
        Optional.of(latest),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.of(latest),
        true,
        Optional.empty());
  }

  @Test
  void aMovedHeadIsDueAndAnUnmovedOneOnlyAfterTheHeartbeat() {
    assertThat(SCHEDULE.due(1, Optional.empty(), NOW)).isTrue();
    assertThat(SCHEDULE.due(11, Optional.of(anchor(10, NOW.minusSeconds(1))), NOW)).isTrue();
    assertThat(SCHEDULE.due(10, Optional.of(anchor(10, NOW.minusSeconds(299))), NOW)).isFalse();
    assertThat(SCHEDULE.due(10, Optional.of(anchor(10, NOW.minusSeconds(300))), NOW)).isTrue();
  }

  @Test
  void aHealthyLogHasNoProblem() {
    assertThat(SCHEDULE.problem(healthy(), NOW)).isEmpty();
  }

  @Test
  void anAnchorWhoseEventIsGoneMeansTheLogWasCut() {
    var e = healthy();
    var broken =
        new AnchorSchedule.Evidence(
            e.latest(),
            Optional.empty(),
            Optional.of(anchor(7, NOW.minusSeconds(60))),
            false,
            e.madeHere(),
            true,
            Optional.empty());
    assertThat(SCHEDULE.problem(broken, NOW))
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .startsWith("event 7, signed as the head at")
                    .endsWith("is missing: the log was cut"));
  }

  @Test
  void anAnchorWhoseEventDiffersMeansTheChainWasRewritten() {
    var e = healthy();
    var broken =
        new AnchorSchedule.Evidence(
            e.latest(),
            Optional.empty(),
            Optional.of(anchor(7, NOW.minusSeconds(60))),
            true,
            e.madeHere(),
            true,
            Optional.empty());
    assertThat(SCHEDULE.problem(broken, NOW))
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .startsWith("event 7 differs from the head signed at")
                    .endsWith("was rewritten"));
  }

  @Test
  void anAnchorThisInstanceSignedMustStillBeThere() {
    var e = healthy();
    var removed =
        new AnchorSchedule.Evidence(
            Optional.of(anchor(8, NOW.minusSeconds(20))),
            Optional.empty(),
            Optional.empty(),
            false,
            e.madeHere(),
            false,
            Optional.empty());
    assertThat(SCHEDULE.problem(removed, NOW))
        .hasValueSatisfying(p -> assertThat(p).contains("this instance signed").contains("gone"));
  }

  @Test
  void everyAnchorMustVerify() {
    var e = healthy();
    var forged =
        new AnchorSchedule.Evidence(
            e.latest(),
            e.latest(),
            Optional.empty(),
            false,
            Optional.empty(),
            false,
            Optional.empty());
    assertThat(SCHEDULE.problem(forged, NOW))
        .hasValueSatisfying(p -> assertThat(p).contains("does not verify"));
  }

  @Test
  void anAnchorOlderThanTheHeartbeatAllowsIsReported() {
    Instant limit = NOW.minus(Duration.ofMinutes(5)).minusSeconds(20).minusSeconds(30);
    var fresh = stale(limit);
    var old = stale(limit.minusSeconds(1));
    assertThat(SCHEDULE.problem(fresh, NOW)).isEmpty();
    assertThat(SCHEDULE.problem(old, NOW))
        .hasValueSatisfying(p -> assertThat(p).contains("anchoring stopped, or newer anchors"));
  }

  private static AnchorSchedule.Evidence stale(Instant signedAt) {
    return new AnchorSchedule.Evidence(
        Optional.of(anchor(10, signedAt)),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.empty(),
        false,
        Optional.empty());
  }

  @Test
  void eventsLeftUnsignedLongerThanTheIntervalAllowsAreReported() {
    var e = healthy();
    Instant limit = NOW.minusSeconds(20).minusSeconds(30);
    var recent =
        new AnchorSchedule.Evidence(
            e.latest(),
            Optional.empty(),
            Optional.empty(),
            false,
            e.madeHere(),
            true,
            Optional.of(limit));
    var old =
        new AnchorSchedule.Evidence(
            e.latest(),
            Optional.empty(),
            Optional.empty(),
            false,
            e.madeHere(),
            true,
            Optional.of(limit.minusSeconds(1)));
    assertThat(SCHEDULE.problem(recent, NOW)).isEmpty();
    assertThat(SCHEDULE.problem(old, NOW))
        .hasValueSatisfying(p -> assertThat(p).contains("not covered by an anchor"));
  }

  @Test
  void eventsWithNoAnchorAtAllAreReportedOnceTheyAreOld() {
    var none =
        new AnchorSchedule.Evidence(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            Optional.empty(),
            false,
            Optional.of(NOW.minusSeconds(3600)));
    assertThat(SCHEDULE.problem(none, NOW))
        .hasValueSatisfying(p -> assertThat(p).contains("not covered by an anchor"));
    var empty =
        new AnchorSchedule.Evidence(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            Optional.empty(),
            false,
            Optional.empty());
    assertThat(SCHEDULE.problem(empty, NOW)).isEmpty();
  }

  @Test
  void theScheduleIsChecked() {
    assertThatThrownBy(() -> new AnchorSchedule(Duration.ofMillis(10), Duration.ofMinutes(1)))
        .hasMessageContaining("at least 1 s");
    assertThatThrownBy(() -> new AnchorSchedule(Duration.ofMinutes(2), Duration.ofMinutes(1)))
        .hasMessageContaining("heartbeat");
  }
}
