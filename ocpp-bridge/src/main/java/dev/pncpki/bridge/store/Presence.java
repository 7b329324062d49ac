package dev.pncpki.bridge.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which station is connected to which bridge instance, shared by all instances through the
 * database: any instance's admin API can list the fleet, and a station's last OCPP version is known
 * while it is away (its deliveries are written for it). An instance that stops sending heartbeats
 * for {@link #STALE} no longer counts, nor do its connections.
 */
public final class Presence {
  private static final Logger LOG = LoggerFactory.getLogger(Presence.class);
  static final Duration STALE = Duration.ofSeconds(30);

  /** A station's last connection; {@code connected} is false once it ended or its instance died. */
  public record Connection(
      String stationId,
      String instanceId,
      String ocppVersion,
      Instant connectedAt,
      Optional<Instant> disconnectedAt,
      boolean connected) {}

  private final Jdbi jdbi;
  private final String instance;

  public Presence(Jdbi jdbi, String instance) {
    this.jdbi = jdbi;
    this.instance = instance;
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO bridge_instance (id, started_at, seen_at) VALUES (:id, now(),"
                        + " now()) ON CONFLICT (id) DO UPDATE SET started_at = now(), seen_at ="
                        + " now()")
                .bind("id", instance)
                .execute());
    // connections this instance held before a restart are over
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE station_connection SET disconnected_at = now()"
                        + " WHERE instance_id = :id AND disconnected_at IS NULL")
                .bind("id", instance)
                .execute());
  }

  public void connected(String stationId, UUID connection, String ocppVersion) {
    write(
        "INSERT INTO station_connection (station_id, instance_id, connection_id, ocpp_version,"
            + " connected_at) VALUES (:station, :instance, :connection, :version, now())"
            + " ON CONFLICT (station_id) DO UPDATE SET instance_id = :instance, connection_id ="
            + " :connection, ocpp_version = :version, connected_at = now(), disconnected_at = NULL",
        stationId,
        u ->
            u.bind("instance", instance)
                .bind("connection", connection)
                .bind("version", ocppVersion));
  }

  /** The connection ended (a newer connection of the station is left alone). */
  public void disconnected(String stationId, UUID connection) {
    write(
        "UPDATE station_connection SET disconnected_at = now() WHERE station_id = :station"
            + " AND connection_id = :connection",
        stationId,
        u -> u.bind("connection", connection));
  }

  private void write(String sql, String stationId, UnaryOperator<Update> binds) {
    try {
      jdbi.useHandle(h -> binds.apply(h.createUpdate(sql).bind("station", stationId)).execute());
    } catch (RuntimeException e) {
      // the connection itself is fine; only the fleet view is behind
      LOG.warn("presence of {} not recorded: {}", stationId, e.toString());
    }
  }

  /** This instance is alive. */
  public void heartbeat() {
    jdbi.useHandle(
        h ->
            h.createUpdate("UPDATE bridge_instance SET seen_at = now() WHERE id = :id")
                .bind("id", instance)
                .execute());
  }

  /** Every station's last connection, connected ones first, by id. */
  public List<Connection> all() {
    return query("", null);
  }

  public Optional<Connection> find(String stationId) {
    return query(" WHERE c.station_id = :station", stationId).stream().findFirst();
  }

  private List<Connection> query(String where, String stationId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT c.*, (c.disconnected_at IS NULL AND i.seen_at > now() - :stale *"
                        + " interval '1 second') AS live FROM station_connection c"
                        + " LEFT JOIN bridge_instance i ON i.id = c.instance_id"
                        + where
                        + " ORDER BY live DESC, c.station_id")
                .bind("stale", STALE.toSeconds())
                .bind("station", stationId)
                .map(
                    (rs, ctx) ->
                        new Connection(
                            rs.getString("station_id"),
                            rs.getString("instance_id"),
                            rs.getString("ocpp_version"),
                            rs.getTimestamp("connected_at").toInstant(),
                            Optional.ofNullable(rs.getTimestamp("disconnected_at"))
                                .map(java.sql.Timestamp::toInstant),
                            rs.getBoolean("live")))
                .list());
  }
}
