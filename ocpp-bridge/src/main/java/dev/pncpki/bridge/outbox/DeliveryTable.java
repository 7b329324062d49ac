package dev.pncpki.bridge.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.station.Route;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code delivery} table's statements that run for every delivery (store, claim, answer), and
 * its rows as {@link Delivery}. They run through plain JDBC: through JDBI, the per-statement set-up
 * (handle, configuration copy, argument-factory lookup) had cost the bridge more CPU than the
 * statements themselves.
 */
final class DeliveryTable {
  private DeliveryTable() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String COLUMNS =
      "id, station_id, route, action, payload::text AS payload, origin, state, attempts,"
          + " max_attempts, next_attempt_at, answer::text AS answer, last_error, created_at,"
          + " updated_at, secret";

  /**
   * Due: pending and past its backoff, or claimed by an instance whose lease lapsed. A lapsed row
   * that is sent at most once is not due: its CALL may have reached the station ({@link
   * #UNCONFIRMED} ends it).
   */
  static final String DUE =
      "(state = 'pending' AND next_attempt_at <= now()"
          + " OR state = 'sending' AND lease_until < now() AND NOT at_most_once)";

  /**
   * Ends the rows sent at most once whose claimer's lease lapsed before the station's answer was
   * stored: the claimer died, or stopped, after it may have sent the CALL.
   */
  static final String UNCONFIRMED =
      """
      UPDATE delivery SET state = 'failed', unconfirmed = true, lease_until = NULL,
        last_error = 'unconfirmed: ' || coalesce(claimed_by, 'its instance')
          || ' may have sent it, then stopped before the station''s answer was stored;'
          || ' not sent again (it must not reach the station twice)',
        updated_at = now()
      WHERE state = 'sending' AND at_most_once AND lease_until < now()
      """;

  /**
   * Claims the station's oldest due delivery. Parameters: instance, lease in seconds, station, and
   * a delivery to pass over (a station's own answered row when claiming in the same statement; -1,
   * no delivery, otherwise).
   */
  static final String CLAIM =
      "UPDATE delivery SET state = 'sending', attempts = attempts + 1, claimed_by = ?,"
          + " lease_until = now() + ? * interval '1 second', updated_at = now() WHERE id ="
          + " (SELECT id FROM delivery WHERE station_id = ? AND id <> ? AND "
          + DUE
          + " ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)";

  /** Parameters: the answer (JSON text), the delivery id, the instance. */
  static final String ANSWER =
      "UPDATE delivery SET state = 'answered', answer = CAST(? AS jsonb), last_error = NULL,"
          + " lease_until = NULL, updated_at = now() WHERE id = ? AND state = 'sending'"
          + " AND claimed_by = ?";

  /**
   * Stores a request. When asked to claim (the first parameter), and nothing of the station is due
   * before it, the row is stored claimed by this instance, as {@link #CLAIM} would claim it, and
   * nobody is notified: no other instance may send it. Otherwise it is stored pending, with a
   * NOTIFY. Parameters: claim, station, then station, route, action, payload (JSON text), origin,
   * dedup key, max attempts, sealed secret, then instance, lease in seconds, then channel and
   * notice.
   */
  static final String INSERT =
      "WITH waiting AS (SELECT ? AND NOT EXISTS (SELECT 1 FROM delivery WHERE station_id = ?"
          + " AND "
          + DUE
          + ") AS claim), stored AS (INSERT INTO delivery (station_id, route, action, payload,"
          + " origin, dedup_key, max_attempts, secret, at_most_once, state, attempts, claimed_by,"
          + " lease_until) SELECT ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?,"
          + " CASE WHEN claim THEN 'sending' ELSE 'pending' END, CASE WHEN claim THEN 1 ELSE 0 END,"
          + " CASE WHEN claim THEN ? END,"
          + " CASE WHEN claim THEN now() + ? * interval '1 second' END FROM waiting"
          + " ON CONFLICT (station_id, dedup_key) WHERE dedup_key IS NOT NULL"
          + " AND state IN ('pending', 'sending') DO NOTHING RETURNING "
          + COLUMNS
          + ") SELECT stored.*, CASE WHEN stored.state = 'pending' THEN pg_notify(?, ?) END"
          + " AS notified FROM stored";

  /** A statement's parameters, set on it. */
  interface Parameters {
    void set(PreparedStatement statement) throws SQLException;
  }

  static Optional<Delivery> oneRow(Connection c, String sql, Parameters parameters)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      parameters.set(s);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  static IllegalStateException failed(String what, SQLException e) {
    return new IllegalStateException("outbox: " + what + " failed: " + e.getMessage(), e);
  }

  static Delivery row(ResultSet rs) throws SQLException {
    String answer = rs.getString("answer");
    return new Delivery(
        rs.getLong("id"),
        rs.getString("station_id"),
        Route.of(rs.getString("route")),
        rs.getString("action"),
        json(rs.getString("payload")),
        rs.getString("origin"),
        Delivery.State.of(rs.getString("state")),
        rs.getInt("attempts"),
        rs.getInt("max_attempts"),
        instant(rs.getTimestamp("next_attempt_at")),
        Optional.ofNullable(answer).map(DeliveryTable::json),
        Optional.ofNullable(rs.getString("last_error")),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("updated_at")),
        Optional.ofNullable(rs.getBytes("secret")));
  }

  private static Instant instant(Timestamp t) {
    return t.toInstant();
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("delivery holds broken JSON", e);
    }
  }
}
