package dev.pncpki.bridge.store;

import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The state of automatic renewals (table {@code renewal}): which station certificates are due,
 * which were asked for, which were replaced by an accepted newer one, and which replaced ones the
 * CA has revoked. One pass at a time across all bridge instances (a PostgreSQL advisory lock).
 */
public final class Renewals {
  private static final long LOCK = 0x706e_6372_656e_6577L; // "pncrenew"

  /** A certificate to renew, or whose renewal is under way. */
  public record Item(
      String stationId, String certificateType, String serial, int attempts, Optional<String> by) {}

  private final Jdbi jdbi;
  private final OutboxStore outbox;

  public Renewals(Jdbi jdbi, OutboxStore outbox) {
    this.jdbi = jdbi;
    this.outbox = outbox;
  }

  /** Runs {@code pass} if no other instance is running one; empty if one is. */
  public <T> Optional<T> exclusively(Supplier<T> pass) {
    return AdvisoryLock.exclusively(jdbi, LOCK, pass);
  }

  /**
   * Accepted certificates, the newest of their station and type, that end before {@code horizon}
   * and are not being renewed, or whose renewal is due for another attempt.
   */
  public List<Item> due(Instant horizon) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    SELECT c.station_id, c.certificate_type, c.serial,
                      coalesce(r.attempts, 0) AS attempts, NULL AS replaced_by
                    FROM station_certificate c
                    LEFT JOIN renewal r ON r.station_id = c.station_id
                      AND r.certificate_type = c.certificate_type AND r.serial = c.serial
                    WHERE c.status = 'Accepted'
                      AND NOT EXISTS (SELECT 1 FROM station_certificate n
                        WHERE n.station_id = c.station_id
                          AND n.certificate_type = c.certificate_type
                          AND n.status = 'Accepted' AND n.answered_at > c.answered_at)
                      AND (r.station_id IS NULL AND c.not_after < :horizon
                        OR r.state = 'triggered' AND r.next_attempt_at <= now())
                    ORDER BY c.not_after LIMIT 1000
                    """)
                .bind("horizon", horizon)
                .map(Renewals::item)
                .list());
  }

  /**
   * Whether a certificate the station discarded is newer than {@code serial}: then {@code serial}
   * is the one it went back to, and the event was heard already (a station may repeat it).
   */
  private static boolean discardedSince(Handle h, String stationId, String serial) {
    return h.createQuery(
            """
            SELECT EXISTS (SELECT 1 FROM station_certificate d, station_certificate c
              WHERE d.station_id = :station AND c.station_id = :station AND c.serial = :serial
                AND d.certificate_type = c.certificate_type AND d.status = 'Discarded'
                AND d.answered_at > c.answered_at)
            """)
        .bind("station", stationId)
        .bind("serial", serial)
        .mapTo(Boolean.class)
        .one();
  }

  /** Whether the station accepted {@code serial} after {@code at}. */
  private static boolean acceptedAfter(Handle h, String stationId, String serial, Instant at) {
    return h.createQuery(
            """
            SELECT answered_at > :at FROM station_certificate
            WHERE station_id = :station AND serial = :serial
            """)
        .bind("station", stationId)
        .bind("serial", serial)
        .bind("at", at)
        .mapTo(Boolean.class)
        .one();
  }

  /** A station's discarded certificate, and the renewal of the one it went back to. */
  public record Discard(String discarded, String restored, int discards, Duration retryIn) {}

  /**
   * The station went back from its newest accepted certificate of {@code type} to the one before
   * (OCPP 2.0.1 Edition 3 errata: it could not connect with the renewed one). In one transaction
   * the newest is marked {@code Discarded} (it is no longer the station's, so it is neither renewed
   * nor counted as the renewal of the one before), and the renewal of the one before is due again
   * after {@code first}, doubled for each of the station's discards of the type before, at most
   * {@code max}, whatever its renewal's state was (a revocation still waiting for its grace period
   * is off; a certificate revoked already is renewed all the same). Empty when the station has no
   * two accepted certificates of the type, or when the newest is the one it went back to after a
   * discard heard before.
   */
  public Optional<Discard> discarded(
      String stationId, String type, Optional<Instant> reportedBy, Duration first, Duration max) {
    return jdbi.inTransaction(
        h -> {
          List<String> newest =
              h.createQuery(
                      """
                      SELECT serial FROM station_certificate
                      WHERE station_id = :station AND certificate_type = :type
                        AND status = 'Accepted'
                      ORDER BY answered_at DESC LIMIT 2 FOR UPDATE
                      """)
                  .bind("station", stationId)
                  .bind("type", type)
                  .mapTo(String.class)
                  .list();
          if (newest.size() < 2
              || discardedSince(h, stationId, newest.get(0))
              || reportedBy
                  .filter(at -> acceptedAfter(h, stationId, newest.get(0), at))
                  .isPresent()) {
            return Optional.<Discard>empty();
          }
          int unused =
              h.createUpdate(
                      """
                      UPDATE station_certificate SET status = 'Discarded'
                      WHERE station_id = :station AND serial = :serial
                      """)
                  .bind("station", stationId)
                  .bind("serial", newest.get(0))
                  .execute();
          // the back-off doubles with each certificate of the type the station discarded; the
          // renewal's attempts count only its triggers (renewal.maxAttempts)
          int discards =
              h.createQuery(
                      """
                      SELECT count(*) FROM station_certificate
                      WHERE station_id = :station AND certificate_type = :type
                        AND status = 'Discarded'
                      """)
                  .bind("station", stationId)
                  .bind("type", type)
                  .mapTo(Integer.class)
                  .one();
          Duration retry = first.multipliedBy(1L << Math.min(Math.max(discards - 1, 0), 20));
          retry = retry.compareTo(max) > 0 ? max : retry;
          // whatever became of the renewal before (renewed, or its certificate revoked after the
          // grace period): the station uses that certificate again, so it is renewed again
          unused =
              h.createUpdate(
                      """
                      INSERT INTO renewal (station_id, certificate_type, serial, state, attempts,
                        next_attempt_at, last_error)
                      VALUES (:station, :type, :serial, 'triggered', 0,
                        now() + :retry * interval '1 second', :note)
                      ON CONFLICT (station_id, certificate_type, serial) DO UPDATE SET
                        state = 'triggered', next_attempt_at = excluded.next_attempt_at,
                        replaced_by = NULL, renewed_at = NULL, last_error = excluded.last_error,
                        updated_at = now()
                      """)
                  .bind("station", stationId)
                  .bind("type", type)
                  .bind("serial", newest.get(1))
                  .bind("retry", retry.toSeconds())
                  .bind(
                      "note",
                      "the station discarded its renewed certificate "
                          + newest.get(0)
                          + "; asked again after "
                          + retry.toSeconds()
                          + " s")
                  .execute();
          return Optional.of(new Discard(newest.get(0), newest.get(1), discards, retry));
        });
  }

  /**
   * Asks the station (again) with {@code trigger}, and records the attempt in the same transaction:
   * a pass that stops halfway leaves either both or neither, so the next pass never asks a second
   * time for an attempt already asked for. After {@code maxAttempts} the renewal has failed (and
   * nothing is sent).
   */
  public Optional<Delivery> trigger(
      Item item, Delivery.Request trigger, Duration retry, int maxAttempts) {
    boolean last = item.attempts() + 1 > maxAttempts;
    return outbox.enqueueWithin(
        h -> last ? List.of() : List.of(trigger),
        (h, stored) -> {
          Optional<Delivery> d = stored.stream().findFirst();
          triggered(
              h,
              item,
              retry,
              maxAttempts,
              d.map(x -> "delivery " + x.id()).orElse("no newer certificate after the attempts"));
          return d;
        });
  }

  private static void triggered(Handle h, Item item, Duration retry, int maxAttempts, String note) {
    int unused =
        h.createUpdate(
                "INSERT INTO renewal (station_id, certificate_type, serial, state, attempts,"
                    + " next_attempt_at, last_error) VALUES (:station, :type, :serial,"
                    + " CASE WHEN :attempts > :max THEN 'failed' ELSE 'triggered' END,"
                    + " :attempts, now() + :retry * interval '1 second', :note)"
                    + " ON CONFLICT (station_id, certificate_type, serial) DO UPDATE SET"
                    + " state = excluded.state, attempts = excluded.attempts, next_attempt_at ="
                    + " excluded.next_attempt_at, last_error = excluded.last_error,"
                    + " updated_at = now()")
            .bind("station", item.stationId())
            .bind("type", item.certificateType())
            .bind("serial", item.serial())
            .bind("attempts", item.attempts() + 1)
            .bind("max", maxAttempts)
            .bind("retry", retry.toSeconds())
            .bind("note", note)
            .execute();
  }

  /** Renewals whose station has since accepted a newer certificate of the type. */
  public int markRenewed() {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE renewal r SET state = 'renewed', replaced_by = n.serial, renewed_at ="
                        + " now(), updated_at = now() FROM station_certificate n, station_certificate"
                        + " o WHERE r.state = 'triggered' AND o.station_id = r.station_id AND"
                        + " o.serial = r.serial AND n.station_id = r.station_id AND"
                        + " n.certificate_type = r.certificate_type AND n.status = 'Accepted' AND"
                        + " n.answered_at > o.answered_at AND n.serial <> r.serial")
                .execute());
  }

  /** Replaced certificates whose grace period has passed. */
  public List<Item> toRevoke(Duration grace) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT station_id, certificate_type, serial, attempts, replaced_by FROM"
                        + " renewal WHERE state = 'renewed' AND renewed_at < now() - :grace *"
                        + " interval '1 second'")
                .bind("grace", grace.toSeconds())
                .map(Renewals::item)
                .list());
  }

  /** The replaced certificate was revoked ({@code error} empty) or the CA refused it. */
  public void revocation(Item item, Optional<String> error) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE renewal SET state = :state, last_error = :error, updated_at = now()"
                        + " WHERE station_id = :station AND certificate_type = :type AND serial ="
                        + " :serial")
                .bind("state", error.isPresent() ? "failed" : "revoked")
                .bind("error", error.orElse(null))
                .bind("station", item.stationId())
                .bind("type", item.certificateType())
                .bind("serial", item.serial())
                .execute());
  }

  /** The latest renewal of a station: its state, when it last moved, and its last note. */
  public record Latest(String state, java.time.Instant updatedAt, Optional<String> lastError) {}

  /** Each station's latest renewal, by station. */
  public java.util.Map<String, Latest> latest() {
    java.util.Map<String, Latest> out = new java.util.HashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT DISTINCT ON (station_id) station_id, state, updated_at, last_error FROM"
                        + " renewal ORDER BY station_id, updated_at DESC")
                .map(
                    (rs, ctx) ->
                        out.put(
                            rs.getString("station_id"),
                            new Latest(
                                rs.getString("state"),
                                rs.getTimestamp("updated_at").toInstant(),
                                Optional.ofNullable(rs.getString("last_error")))))
                .list());
    return out;
  }

  private static Item item(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new Item(
        rs.getString("station_id"),
        rs.getString("certificate_type"),
        rs.getString("serial"),
        rs.getInt("attempts"),
        Optional.ofNullable(rs.getString("replaced_by")));
  }
}
