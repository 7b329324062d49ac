package dev.pncpki.ca.audit;

import dev.pncpki.ca.store.AuditEventDao;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The append-only, hash-chained audit log. Appends are serialised by a transaction-scoped advisory
 * lock, so the chain has no forks; the table's triggers refuse updates and deletes, and {@link
 * #verify} finds any row changed behind the database's back.
 */
public final class AuditLog {
  private static final long CHAIN_LOCK = 0x706e632d61756469L; // "pnc-audi"
  private static final byte[] GENESIS = new byte[32];

  private final Jdbi jdbi;
  private final Clock clock;

  public AuditLog(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public void append(String actor, String action, String target, String outcome, String detail) {
    var event =
        new AuditEvent(
            clock.instant().truncatedTo(ChronoUnit.MICROS), actor, action, target, outcome, detail);
    jdbi.useTransaction(handle -> append(handle, event));
  }

  /** Appends inside a caller's transaction, so an event commits with what it records. */
  public static void append(Handle handle, AuditEvent event) {
    appendAll(handle, List.of(event));
  }

  /**
   * Appends {@code events} in their order inside a caller's transaction: one turn of the chain's
   * lock, one read of the chain's head and one batch of inserts, however many events.
   */
  public static void appendAll(Handle handle, List<AuditEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    handle.execute("select pg_advisory_xact_lock(?)", CHAIN_LOCK);
    byte[] previous =
        handle
            .createQuery("select hash from audit_event order by id desc limit 1")
            .mapTo(byte[].class)
            .findOne()
            .orElse(GENESIS);
    PreparedBatch batch =
        handle.prepareBatch(
            """
            insert into audit_event (at, actor, action, target, outcome, detail, prev_hash, hash)
            values (:at, :actor, :action, :target, :outcome, :detail, :prev, :hash)
            """);
    for (AuditEvent event : events) {
      byte[] hash = event.chainHash(previous);
      batch
          .bind("at", event.at())
          .bind("actor", event.actor())
          .bind("action", event.action())
          .bind("target", event.target())
          .bind("outcome", event.outcome())
          .bind("detail", event.detail())
          .bind("prev", previous)
          .bind("hash", hash)
          .add();
      previous = hash;
    }
    batch.execute();
  }

  /** The events {@code query} selects, newest first. */
  public List<AuditEventRow> events(AuditQuery query) {
    return jdbi.withExtension(
        AuditEventDao.class,
        d ->
            d.page(
                query.actor(),
                query.action(),
                query.outcome(),
                query.since(),
                query.until(),
                query.before(),
                query.limit()));
  }

  /** The result of checking the chain: how many events, and the first broken one if any. */
  public record Verification(long events, Optional<String> firstProblem) {
    public boolean intact() {
      return firstProblem.isEmpty();
    }
  }

  public Verification verify() {
    // in a transaction, so the driver streams rows with the fetch size instead of loading all
    Walk walk = jdbi.inTransaction(handle -> walk(handle, 0, GENESIS));
    return new Verification(walk.events(), walk.firstProblem());
  }

  /**
   * The chain re-hashed from the link {@code (fromId, fromHash)} to its newest event: how many
   * events followed the link, the last one reached intact, and the first problem, if any.
   */
  record Walk(long events, long lastId, byte[] lastHash, Optional<String> firstProblem) {}

  /**
   * Re-hashes the events after the anchored event {@code anchorId}, starting from its signed hash;
   * the anchored event itself must still hold that hash. For the anchorer, which checks only what
   * came since the newest anchor before signing a new head; inside a caller's transaction.
   */
  static Walk walkFromAnchor(Handle handle, long anchorId, byte[] anchoredHash) {
    Optional<byte[]> stored =
        handle
            .createQuery("select hash from audit_event where id = ?")
            .bind(0, anchorId)
            .mapTo(byte[].class)
            .findOne();
    if (stored.isEmpty() || !Arrays.equals(stored.get(), anchoredHash)) {
      String what = stored.isEmpty() ? "is missing" : "differs from its signed hash";
      return new Walk(
          0, anchorId, anchoredHash, Optional.of("anchored event " + anchorId + " " + what));
    }
    return walk(handle, anchorId, anchoredHash);
  }

  /** The whole chain re-hashed, for an anchorer that finds no anchor yet. */
  static Walk walkFromGenesis(Handle handle) {
    return walk(handle, 0, GENESIS);
  }

  private static Walk walk(Handle handle, long fromId, byte[] fromHash) {
    byte[] previous = fromHash;
    long lastId = fromId;
    long count = 0;
    try (var rows =
        handle
            .createQuery(
                "select id, at, actor, action, target, outcome, detail, prev_hash, hash"
                    + " from audit_event where id > :from order by id")
            .bind("from", fromId)
            .setFetchSize(1000)
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
                      rs.getBytes("prev_hash"),
                      rs.getBytes("hash")
                    })
            .stream()) {
      for (Object[] row : (Iterable<Object[]>) rows::iterator) {
        long id = (Long) row[0];
        AuditEvent event = (AuditEvent) row[1];
        if (!Arrays.equals((byte[]) row[2], previous)) {
          return new Walk(
              count,
              lastId,
              previous,
              Optional.of("event " + id + ": prev_hash does not link to event before it"));
        }
        byte[] expected = event.chainHash(previous);
        if (!Arrays.equals((byte[]) row[3], expected)) {
          return new Walk(
              count,
              lastId,
              previous,
              Optional.of(
                  "event "
                      + id
                      + ": content does not match its hash "
                      + HexFormat.of().formatHex((byte[]) row[3]).substring(0, 16)
                      + "..."));
        }
        previous = expected;
        lastId = id;
        count++;
      }
    }
    return new Walk(count, lastId, previous, Optional.empty());
  }
}
