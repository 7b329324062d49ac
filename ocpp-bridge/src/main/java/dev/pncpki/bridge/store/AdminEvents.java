package dev.pncpki.bridge.store;

import dev.pncpki.bridge.audit.AdminAudit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin audit trail in the bridge's database (table {@code admin_event}, append-only). */
public final class AdminEvents implements AdminAudit {
  private static final int MAX_DETAIL = 2000;
  // the audit trail in the log too, for log shippers; the table is the record
  private static final Logger LOG = LoggerFactory.getLogger("dev.pncpki.bridge.audit");

  /** One stored entry. */
  public record Stored(
      long id,
      Instant at,
      String actor,
      String action,
      Optional<String> stationId,
      String outcome,
      String detail) {}

  /** Which entries to read: each filter optional; newest first, {@code before} an id (paging). */
  public record Query(
      Optional<String> actor,
      Optional<String> action,
      Optional<String> stationId,
      Optional<String> outcome,
      Optional<Long> before,
      int limit) {}

  private final Jdbi jdbi;

  public AdminEvents(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void record(AdminEvent e) {
    String detail = StoredText.of(e.detail(), MAX_DETAIL);
    String station = StoredText.of(e.stationId().orElse(null), MAX_DETAIL);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    INSERT INTO admin_event (actor, action, station_id, outcome, detail)
                    VALUES (:actor, :action, :station, :outcome, :detail)
                    """)
                .bind("actor", e.actor())
                .bind("action", e.action())
                .bind("station", station)
                .bind("outcome", e.outcome())
                .bind("detail", detail)
                .execute());
    LOG.info(
        "{} {} {}{}: {}",
        e.actor(),
        e.action(),
        e.outcome(),
        e.stationId().map(id -> " (" + id + ")").orElse(""),
        detail);
  }

  public List<Stored> read(Query q) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    SELECT id, at, actor, action, station_id, outcome, detail FROM admin_event
                    WHERE (CAST(:actor AS text) IS NULL OR actor = :actor)
                      AND (CAST(:action AS text) IS NULL OR action = :action)
                      AND (CAST(:station AS text) IS NULL OR station_id = :station)
                      AND (CAST(:outcome AS text) IS NULL OR outcome = :outcome)
                      AND (CAST(:before AS bigint) IS NULL OR id < :before)
                    ORDER BY id DESC LIMIT :limit
                    """)
                .bind("actor", q.actor().orElse(null))
                .bind("action", q.action().orElse(null))
                .bind("station", q.stationId().orElse(null))
                .bind("outcome", q.outcome().orElse(null))
                .bind("before", q.before().orElse(null))
                .bind("limit", q.limit())
                .map(
                    (rs, ctx) ->
                        new Stored(
                            rs.getLong("id"),
                            rs.getTimestamp("at").toInstant(),
                            rs.getString("actor"),
                            rs.getString("action"),
                            Optional.ofNullable(rs.getString("station_id")),
                            rs.getString("outcome"),
                            rs.getString("detail")))
                .list());
  }
}
