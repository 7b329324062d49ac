package dev.pncpki.ca.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the audit log back from the real schema: filters, time range and paging in SQL. */
class AuditLogIT {
  private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
  @TempDir static Path dir;
  private static Database database;
  private static AuditLog audit;

  /** Ten events a minute apart: alice issues at even minutes, bob revokes at odd ones. */
  @BeforeAll
  static void start() {
    database = Database.embedded(dir.resolve("pg"));
    audit = new AuditLog(database.jdbi(), Clock.fixed(T0, ZoneOffset.UTC));
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      boolean even = i % 2 == 0;
      events.add(
          new AuditEvent(
              T0.plusSeconds(60L * i),
              even ? "alice" : "bob",
              even ? "issue" : "revoke",
              "serial-" + i,
              i == 9 ? "refused" : "done",
              i == 3 ? null : "detail " + i));
    }
    database.jdbi().useTransaction(h -> AuditLog.appendAll(h, events));
  }

  @AfterAll
  static void stop() throws Exception {
    database.close();
  }

  private static AuditQuery all(int limit) {
    return new AuditQuery(null, null, null, null, null, null, limit);
  }

  private static List<String> targets(List<AuditEventRow> rows) {
    return rows.stream().map(AuditEventRow::target).toList();
  }

  @Test
  void newestFirstWithEveryFieldAndTheChainHash() {
    List<AuditEventRow> rows = audit.events(all(100));
    assertThat(targets(rows)).startsWith("serial-9", "serial-8").endsWith("serial-0").hasSize(10);
    AuditEventRow newest = rows.get(0);
    assertThat(newest.at()).isEqualTo(T0.plusSeconds(540));
    assertThat(newest.actor()).isEqualTo("bob");
    assertThat(newest.outcome()).isEqualTo("refused");
    assertThat(rows.get(6).detail()).isNull();
    // the hash is the event's link in the chain: over the one before it and its own fields
    var content =
        new AuditEvent(
            newest.at(),
            newest.actor(),
            newest.action(),
            newest.target(),
            newest.outcome(),
            newest.detail());
    assertThat(newest.hash()).isEqualTo(content.chainHash(rows.get(1).hash()));
  }

  @Test
  void pagesFollowTheCursorWithoutGapsOrRepeats() {
    List<String> seen = new ArrayList<>();
    Long before = null;
    for (int page = 0; page < 10; page++) {
      var rows = audit.events(new AuditQuery(null, null, null, null, null, before, 3));
      if (rows.isEmpty()) {
        break;
      }
      assertThat(rows).hasSizeLessThanOrEqualTo(3);
      seen.addAll(targets(rows));
      before = rows.get(rows.size() - 1).id();
    }
    assertThat(seen).hasSize(10).doesNotHaveDuplicates().startsWith("serial-9");
  }

  @Test
  void actorActionAndOutcomeMatchExactly() {
    assertThat(targets(audit.events(new AuditQuery("alice", null, null, null, null, null, 100))))
        .containsExactly("serial-8", "serial-6", "serial-4", "serial-2", "serial-0");
    assertThat(
            targets(audit.events(new AuditQuery("bob", "revoke", "refused", null, null, null, 9))))
        .containsExactly("serial-9");
    assertThat(audit.events(new AuditQuery("ali", null, null, null, null, null, 100))).isEmpty();
    assertThat(audit.events(new AuditQuery("alice", "revoke", null, null, null, null, 100)))
        .isEmpty();
  }

  @Test
  void sinceIsInclusiveAndUntilExclusive() {
    Instant since = T0.plusSeconds(120);
    Instant until = T0.plusSeconds(300);
    assertThat(targets(audit.events(new AuditQuery(null, null, null, since, until, null, 100))))
        .containsExactly("serial-4", "serial-3", "serial-2");
    assertThat(audit.events(new AuditQuery(null, null, null, since, since, null, 100))).isEmpty();
    assertThat(targets(audit.events(new AuditQuery(null, null, null, null, until, null, 2))))
        .containsExactly("serial-4", "serial-3");
  }

  @Test
  void readingLeavesTheChainIntact() {
    audit.events(all(1000));
    assertThat(audit.verify().intact()).isTrue();
    assertThat(audit.verify().events()).isEqualTo(10);
  }
}
