package dev.pncpki.bridge.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * Fleet-wide certificate health from the bridge's database (the admin API's health view): stations
 * connected or not, current certificates by type and state, how many expire in each of the coming
 * weeks, renewals by state, and the stations at risk: a current certificate ending within the
 * window whose renewal failed, or whose station is not connected.
 */
public final class FleetHealth {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The newest accepted certificate of each station and type. */
  private static final String CURRENT =
      "SELECT c.* FROM station_certificate c WHERE c.status = 'Accepted' AND NOT EXISTS (SELECT 1"
          + " FROM station_certificate n WHERE n.station_id = c.station_id AND n.certificate_type"
          + " = c.certificate_type AND n.status = 'Accepted' AND n.answered_at > c.answered_at)";

  private static final String AT_RISK =
      "SELECT x.station_id, x.certificate_type, x.serial, x.not_after, r.state AS renewal,"
          + " (s.disconnected_at IS NOT NULL) AS disconnected FROM ("
          + CURRENT
          + ") x LEFT JOIN renewal r ON r.station_id = x.station_id AND r.certificate_type ="
          + " x.certificate_type AND r.serial = x.serial LEFT JOIN station_connection s ON"
          + " s.station_id = x.station_id WHERE x.not_after < now() + :window * interval '1"
          + " second' AND (r.state = 'failed' OR s.disconnected_at IS NOT NULL OR x.not_after <"
          + " now()) ORDER BY x.not_after LIMIT 500";

  private final Jdbi jdbi;

  public FleetHealth(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public ObjectNode report(Duration window, int weeks) {
    ObjectNode out = JSON.createObjectNode();
    jdbi.useHandle(
        h -> {
          ObjectNode stations = out.putObject("stations");
          h.createQuery(
                  "SELECT count(*) FILTER (WHERE c.disconnected_at IS NULL AND i.seen_at > now() -"
                      + " interval '30 seconds') AS connected, count(*) AS known FROM"
                      + " station_connection c LEFT JOIN bridge_instance i ON i.id = c.instance_id")
              .map(
                  (rs, ctx) ->
                      stations
                          .put("known", rs.getLong("known"))
                          .put("connected", rs.getLong("connected"))
                          .put("disconnected", rs.getLong("known") - rs.getLong("connected")))
              .one();
          ObjectNode current = out.putObject("currentCertificates");
          h.createQuery(
                  "SELECT certificate_type, count(*) AS n, count(*) FILTER (WHERE not_after <"
                      + " now()) AS expired, count(*) FILTER (WHERE not_after >= now() AND"
                      + " not_after < now() + :window * interval '1 second') AS expiring FROM ("
                      + CURRENT
                      + ") x GROUP BY certificate_type ORDER BY certificate_type")
              .bind("window", window.toSeconds())
              .map(
                  (rs, ctx) ->
                      current
                          .putObject(rs.getString("certificate_type"))
                          .put("total", rs.getLong("n"))
                          .put("expired", rs.getLong("expired"))
                          .put("expiringWithinWindow", rs.getLong("expiring")))
              .list();
          ArrayNode perWeek = out.putArray("expiringPerWeek");
          h.createQuery(
                  "SELECT w, count(x.serial) AS n FROM generate_series(0, :weeks - 1) AS w LEFT"
                      + " JOIN ("
                      + CURRENT
                      + ") x ON x.not_after >= now() + w * interval '7 days' AND x.not_after <"
                      + " now() + (w + 1) * interval '7 days' GROUP BY w ORDER BY w")
              .bind("weeks", weeks)
              .map(
                  (rs, ctx) ->
                      perWeek
                          .addObject()
                          .put("week", rs.getInt("w"))
                          .put("expiring", rs.getLong("n")))
              .list();
          ObjectNode renewals = out.putObject("renewals");
          h.createQuery("SELECT state, count(*) AS n FROM renewal GROUP BY state ORDER BY state")
              .map((rs, ctx) -> renewals.put(rs.getString("state"), rs.getLong("n")))
              .list();
          ArrayNode risk = out.putArray("atRisk");
          for (AtRisk r : atRisk(window)) { // the same handle: JDBI reuses the thread's open one
            risk.addObject()
                .put("stationId", r.stationId())
                .put("certificateType", r.certificateType())
                .put("serial", r.serial())
                .put("notAfter", r.notAfter().toString())
                .put("renewal", r.renewal())
                .put("disconnected", r.disconnected());
          }
        });
    return out;
  }

  /**
   * A current certificate ending within the window whose renewal failed or whose station is away.
   */
  public record AtRisk(
      String stationId,
      String certificateType,
      String serial,
      java.time.Instant notAfter,
      String renewal,
      boolean disconnected) {}

  public java.util.List<AtRisk> atRisk(Duration window) {
    return jdbi.withHandle(
        h ->
            h.createQuery(AT_RISK)
                .bind("window", window.toSeconds())
                .map(
                    (rs, ctx) ->
                        new AtRisk(
                            rs.getString("station_id"),
                            rs.getString("certificate_type"),
                            rs.getString("serial"),
                            rs.getTimestamp("not_after").toInstant(),
                            rs.getString("renewal"),
                            rs.getBoolean("disconnected")))
                .list());
  }
}
