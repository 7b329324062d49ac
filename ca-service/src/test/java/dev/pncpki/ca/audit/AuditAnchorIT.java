package dev.pncpki.ca.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.software.SoftwareKeyBackend;
import dev.pncpki.ca.keys.vault.VaultAuth;
import dev.pncpki.ca.keys.vault.VaultSettings;
import dev.pncpki.ca.keys.vault.VaultTransitKeyBackend;
import dev.pncpki.ca.store.Database;
import dev.pncpki.ca.testing.OpenBao;
import dev.pncpki.ca.testing.OpenBaoExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anchors signed with a key in a real OpenBao (through the service's least-privilege policy) and
 * stored in a real PostgreSQL, against an attacker who has the database's superuser rights: one who
 * cuts the tail, rewrites the chain with recomputed hashes, removes anchors or forges them.
 */
@ExtendWith(OpenBaoExtension.class)
class AuditAnchorIT {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private static final AnchorSchedule SCHEDULE = AnchorSchedule.defaults();

  @TempDir Path dir;
  private Database database;
  private Jdbi jdbi;
  private KeyBackend keys;
  private AuditLog log;

  @BeforeEach
  void start(OpenBao bao) {
    database = Database.embedded(dir.resolve("pg"));
    jdbi = database.jdbi();
    keys =
        VaultTransitKeyBackend.connect(
            VaultSettings.of(bao.address(), new VaultAuth.Token(bao.serviceToken())));
    log = new AuditLog(jdbi, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    database.close();
  }

  /** An instance of the CA whose clock reads {@code T0 + offset}. */
  private AuditAnchoring instance(Duration offset) {
    return new AuditAnchoring(jdbi, keys, Clock.fixed(T0.plus(offset), ZoneOffset.UTC), SCHEDULE);
  }

  private Verification verify(AuditAnchoring instance) {
    var result = new AuditVerification(log, instance).verify();
    return new Verification(result.intact(), result.firstProblem().orElse(""));
  }

  private record Verification(boolean intact, String problem) {}

  private void append(int n) {
    for (int i = 0; i < n; i++) {
      log.append("alice", "issue", "serial-" + i, "done", "detail " + i);
    }
  }

  /** What a database superuser can do past the append-only triggers. */
  private void tamper(String... statements) {
    jdbi.useTransaction(
        h -> {
          h.execute("set local session_replication_role = replica");
          for (String sql : statements) {
            h.execute(sql);
          }
        });
  }

  @Test
  void anIntactLogIsAnchoredOnceAndVerifies() {
    append(5);
    var a = instance(Duration.ZERO);
    assertThat(a.anchorIfDue())
        .hasValueSatisfying(anchor -> assertThat(anchor.eventId()).isEqualTo(5));
    assertThat(a.anchorIfDue()).as("the head did not move").isEmpty();
    assertThat(instance(Duration.ofSeconds(1)).anchorIfDue()).as("another instance").isEmpty();
    assertThat(verify(a).intact()).isTrue();
    assertThat(verify(instance(Duration.ofSeconds(5))).intact()).isTrue();
    var result = new AuditVerification(log, a).verify();
    assertThat(result.events()).isEqualTo(5);
    assertThat(result.anchor())
        .hasValueSatisfying(x -> assertThat(x.keyReference()).isEqualTo("pnc-audit-anchor#1"));
  }

  @Test
  void anUnmovedHeadIsSignedAgainAfterTheHeartbeat() {
    append(2);
    instance(Duration.ZERO).anchorIfDue();
    assertThat(instance(Duration.ofMinutes(4)).anchorIfDue()).isEmpty();
    assertThat(instance(Duration.ofMinutes(5)).anchorIfDue()).isPresent();
    assertThat(verify(instance(Duration.ofMinutes(6))).intact()).isTrue();
  }

  @Test
  void aCutTailIsDetected() {
    append(5);
    var a = instance(Duration.ZERO);
    a.anchorIfDue();
    append(3);
    a.anchorIfDue();
    tamper("delete from audit_event where id > 5");
    var v = verify(instance(Duration.ofSeconds(20)));
    assertThat(v.intact()).isFalse();
    assertThat(v.problem())
        .isEqualTo("event 8, signed as the head at " + T0 + ", is missing: the log was cut");
  }

  @Test
  void aCutTailWithItsAnchorsRemovedIsDetected() {
    append(5);
    var a = instance(Duration.ZERO);
    a.anchorIfDue();
    append(3);
    a.anchorIfDue();
    tamper("delete from audit_event where id > 5", "delete from audit_anchor where event_id > 5");
    assertThat(verify(a).problem())
        .as("by the instance that signed the removed anchor")
        .startsWith("the anchor of event 8 this instance signed at")
        .endsWith("is gone: anchors were removed");
    assertThat(verify(instance(Duration.ofMinutes(6))).problem())
        .as("by any instance, once the heartbeat is overdue")
        .contains("anchoring stopped, or newer anchors were removed");
  }

  @Test
  void aRewriteWithRecomputedHashesIsDetected() {
    append(5);
    var a = instance(Duration.ZERO);
    a.anchorIfDue();
    append(3);
    rewriteFrom(3, "edited");
    assertThat(log.verify().intact()).as("the chain alone cannot tell").isTrue();
    assertThat(verify(instance(Duration.ofSeconds(5))).problem())
        .isEqualTo("event 5 differs from the head signed at " + T0 + ": the chain was rewritten");
  }

  @Test
  void aRewriteWhoseAnchorsWereAlsoEditedFailsTheSignature() {
    append(5);
    var a = instance(Duration.ZERO);
    a.anchorIfDue();
    rewriteFrom(3, "edited");
    tamper(
        "update audit_anchor a set head_hash = e.hash from audit_event e where e.id = a.event_id");
    assertThat(verify(instance(Duration.ofSeconds(5))).problem())
        .startsWith("the anchor of event 5 (" + T0 + ", key pnc-audit-anchor#1)")
        .endsWith("does not verify with the key backend's key");
  }

  @Test
  void aTailRewrittenAfterItsAnchorWasRemovedIsNotSigned() {
    append(5);
    var a = instance(Duration.ZERO);
    a.anchorIfDue();
    append(3);
    a.anchorIfDue();
    tamper("delete from audit_anchor where event_id > 5");
    rewriteFrom(6, "forged");
    assertThat(log.verify().intact()).as("the chain alone cannot tell").isTrue();
    assertThat(a.anchorIfDue()).as("the instance that signed the removed anchor").isEmpty();
    assertThat(anchors()).isEqualTo(1);
    assertThat(verify(a).problem())
        .startsWith("the anchor of event 8 this instance signed at")
        .endsWith("is gone: anchors were removed");
  }

  @Test
  void aTailEditedAfterTheNewestAnchorIsNotSigned() {
    append(5);
    var a = instance(Duration.ZERO);
    a.anchorIfDue();
    append(3);
    a.anchorIfDue();
    tamper(
        "delete from audit_anchor where event_id > 5",
        "update audit_event set detail = 'forged' where id = 7");
    var b = instance(Duration.ofSeconds(20));
    assertThat(b.anchorIfDue()).as("an instance that signed nothing yet").isEmpty();
    assertThat(anchors()).isEqualTo(1);
    var v = verify(b);
    assertThat(v.intact()).isFalse();
    assertThat(v.problem()).startsWith("event 7: content does not match its hash");
    assertThat(b.problem())
        .as("the refusal itself is a problem")
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .startsWith("anchoring refused, the head was not signed: event 7: content"));
  }

  private long anchors() {
    return jdbi.withHandle(
        h -> h.createQuery("select count(*) from audit_anchor").mapTo(Long.class).one());
  }

  @Test
  void anAnchorSignedWithAnotherKeyDoesNotVerify() {
    append(4);
    var head =
        jdbi.withExtension(dev.pncpki.ca.store.AuditAnchorDao.class, d -> d.head()).orElseThrow();
    var forger = AnchorKey.of(new SoftwareKeyBackend(dir.resolve("forger"), "x".toCharArray()));
    var forged = forger.sign(head.id(), head.hash(), T0);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    insert into audit_anchor (event_id, head_hash, signed_at, key_ref, signature)
                    values (:e, :h, :t, :k, :s)
                    """)
                .bind("e", forged.eventId())
                .bind("h", forged.headHash())
                .bind("t", forged.signedAt())
                .bind("k", forged.keyReference())
                .bind("s", forged.signature())
                .execute());
    assertThat(verify(instance(Duration.ofSeconds(5))).problem()).contains("does not verify");
  }

  @Test
  void eventsThatAreNeverAnchoredAreReported() {
    append(3);
    assertThat(verify(instance(Duration.ofSeconds(30))).intact())
        .as("within the interval")
        .isTrue();
    assertThat(verify(instance(Duration.ofMinutes(2))).problem())
        .startsWith("events from " + T0 + " on are not covered by an anchor");
  }

  @Test
  void aDetailWithNulAndLoneSurrogatesIsStoredAndTheChainStaysIntact() {
    log.append(
        "alice", "refused", "POST /v1/x\u0000", "malformed-request", "bad \u0000 \uD800 byte");
    var a = instance(Duration.ZERO);
    a.anchorIfDue();
    assertThat(verify(a).intact()).isTrue();
    var stored = log.events(new AuditQuery(null, null, null, null, null, null, 1));
    assertThat(stored)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.detail()).isEqualTo("bad \\u0000 \\ud800 byte");
              assertThat(e.target()).isEqualTo("POST /v1/x\\u0000");
            });
  }

  /**
   * Edits event {@code from}'s detail and recomputes every hash from there on, as an attacker who
   * knows the chain's rule would.
   */
  private void rewriteFrom(long from, String detail) {
    tamper("update audit_event set detail = '" + detail + "' where id = " + from);
    List<Object[]> rows =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        """
                        select id, at, actor, action, target, outcome, detail, prev_hash
                        from audit_event order by id
                        """)
                    .map(
                        (rs, ctx) ->
                            new Object[] {
                              rs.getLong("id"),
                              new AuditEvent(
                                  rs.getObject("at", java.time.OffsetDateTime.class).toInstant(),
                                  rs.getString("actor"),
                                  rs.getString("action"),
                                  rs.getString("target"),
                                  rs.getString("outcome"),
                                  rs.getString("detail")),
                              rs.getBytes("prev_hash")
                            })
                    .list());
    byte[] previous = null;
    for (Object[] row : rows) {
      long id = (Long) row[0];
      if (previous == null) {
        previous = (byte[]) row[2];
      }
      byte[] hash = ((AuditEvent) row[1]).chainHash(previous);
      if (id >= from) {
        byte[] prev = previous;
        jdbi.useTransaction(
            h -> {
              h.execute("set local session_replication_role = replica");
              h.createUpdate("update audit_event set prev_hash = :p, hash = :h where id = :id")
                  .bind("p", prev)
                  .bind("h", hash)
                  .bind("id", id)
                  .execute();
            });
      }
      previous = hash;
    }
  }
}
