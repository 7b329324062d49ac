package dev.pncpki.bridge.store;

import dev.pncpki.bridge.station.SecurityLog;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Security events in the bridge's database (table {@code security_event}) and in the log. Writing
 * never fails the caller: a refusal stands even if the database is away, and the log keeps it.
 */
public final class SecurityEvents implements SecurityLog {
  private static final Logger LOG = LoggerFactory.getLogger(SecurityEvents.class);
  private static final int MAX_DETAIL = 2000;

  /** One recorded event; {@code count} of them alike when a flood was recorded once. */
  public record Event(
      long id,
      Instant at,
      String stationId,
      String source,
      String type,
      String detail,
      int count) {}

  private final Jdbi jdbi;

  public SecurityEvents(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void bridge(String stationId, String type, String detail) {
    bridge(stationId, type, detail, 1);
  }

  @Override
  public void station(String stationId, String type, String detail) {
    station(stationId, type, detail, 1);
  }

  @Override
  public void bridge(String stationId, String type, String detail, int count) {
    LOG.warn("security event: station {}: {} x{}: {}", stationId, type, count, detail);
    insert(stationId, "bridge", type, detail, count);
  }

  @Override
  public void station(String stationId, String type, String detail, int count) {
    LOG.warn("security event reported by station {}: {} x{}: {}", stationId, type, count, detail);
    insert(stationId, "station", type, detail, count);
  }

  private void insert(String stationId, String source, String type, String detail, int count) {
    String clipped = StoredText.of(detail, MAX_DETAIL);
    try {
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      "INSERT INTO security_event (station_id, source, type, detail, count)"
                          + " VALUES (:station, :source, :type, :detail, :count)")
                  .bind("station", StoredText.of(stationId, MAX_DETAIL))
                  .bind("source", source)
                  .bind("type", StoredText.of(type, MAX_DETAIL))
                  .bind("detail", clipped)
                  .bind("count", count)
                  .execute());
    } catch (RuntimeException e) {
      LOG.error("security event of {} not recorded in the database: {}", stationId, e.toString());
    }
  }

  /** The newest events, of one station or (null) of all. */
  public List<Event> recent(String stationId, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, at, station_id, source, type, detail, count FROM security_event"
                        + " WHERE (CAST(:station AS text) IS NULL OR station_id = :station)"
                        + " ORDER BY id DESC LIMIT :n")
                .bind("station", stationId)
                .bind("n", limit)
                .map(
                    (rs, ctx) ->
                        new Event(
                            rs.getLong("id"),
                            rs.getTimestamp("at").toInstant(),
                            rs.getString("station_id"),
                            rs.getString("source"),
                            rs.getString("type"),
                            rs.getString("detail"),
                            rs.getInt("count")))
                .list());
  }
}
