package dev.pncpki.bridge.store;

import dev.pncpki.bridge.status.OcspLog;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last OCSP answer each station fetched that the bridge verified, good or revoked (table {@code
 * station_ocsp}).
 */
public final class OcspFreshness implements OcspLog {
  private static final Logger LOG = LoggerFactory.getLogger(OcspFreshness.class);

  /** A station's last answer. */
  public record Last(
      String stationId,
      String serial,
      String status,
      Instant askedAt,
      Optional<Instant> nextUpdate) {}

  private final Jdbi jdbi;

  public OcspFreshness(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void answered(
      String stationId,
      String serial,
      Status status,
      Instant thisUpdate,
      Optional<Instant> nextUpdate) {
    try {
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      """
                      INSERT INTO station_ocsp (station_id, serial, status, asked_at, this_update,
                        next_update)
                      VALUES (:station, :serial, :status, now(), :this, :next)
                      ON CONFLICT (station_id) DO UPDATE SET serial = excluded.serial,
                        status = excluded.status, asked_at = excluded.asked_at,
                        this_update = excluded.this_update, next_update = excluded.next_update
                      """)
                  .bind("station", stationId)
                  .bind("serial", serial)
                  .bind("status", status.wire())
                  .bind("this", thisUpdate)
                  .bind("next", nextUpdate.orElse(null))
                  .execute());
    } catch (RuntimeException e) {
      LOG.warn("OCSP answer of {} not recorded: {}", stationId, e.toString());
    }
  }

  /**
   * Stations whose last verified answer ends before {@code horizon}. Rows of other statuses
   * (failed, unknown), which earlier versions recorded, say nothing of what a station holds.
   */
  public java.util.List<Last> endingBefore(Instant horizon) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    SELECT station_id, serial, status, asked_at, next_update FROM station_ocsp
                    WHERE status IN ('good', 'revoked')
                      AND (next_update IS NULL OR next_update < :horizon)
                    ORDER BY station_id LIMIT 1000
                    """)
                .bind("horizon", horizon)
                .map((rs, ctx) -> last(rs))
                .list());
  }

  /** Every station's last verified answer, by station. */
  public java.util.Map<String, Last> all() {
    java.util.Map<String, Last> out = new java.util.HashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    """
                    SELECT station_id, serial, status, asked_at, next_update FROM station_ocsp
                    WHERE status IN ('good', 'revoked')
                    """)
                .map((rs, ctx) -> out.put(rs.getString("station_id"), last(rs)))
                .list());
    return out;
  }

  private static Last last(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Last(
        rs.getString("station_id"),
        rs.getString("serial"),
        rs.getString("status"),
        rs.getTimestamp("asked_at").toInstant(),
        Optional.ofNullable(rs.getTimestamp("next_update")).map(Timestamp::toInstant));
  }
}
