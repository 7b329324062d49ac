package dev.pncpki.bridge.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Fleet-wide certificate health from the bridge's database: the registered stations by state
 * (connected, disconnected, never connected, disabled: the same states as {@code GET
 * /v1/stations}), current certificates by type and state, how many expire in each of the coming
 * weeks and calendar months, renewals by state, and the stations at risk: a current certificate
 * ending within the window whose renewal failed, or whose station is not connected.
 *
 * <p>A station's current certificate of a type is its newest accepted one; each statement below
 * names that set {@code current} in a CTE of its own, so that each reads on its own in psql.
 */
public final class FleetHealth {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The months shown when the caller names none: up to the month of the latest current
   * certificate's end, at least a year (a fleet of short certificates still sees the year ahead)
   * and at most five years (a fleet of 10-year certificates would be all empty bars).
   */
  static final int MIN_MONTHS = 12;

  static final int MAX_MONTHS = 60;

  private static final String STATIONS =
      """
      SELECT count(*) AS known,
        count(*) FILTER (WHERE s.enabled AND c.disconnected_at IS NULL
          AND i.seen_at > now() - :stale * interval '1 second') AS connected,
        count(*) FILTER (WHERE s.enabled AND c.station_id IS NULL) AS never_connected,
        count(*) FILTER (WHERE NOT s.enabled) AS disabled
      FROM station s
      LEFT JOIN station_connection c ON c.station_id = s.id
      LEFT JOIN bridge_instance i ON i.id = c.instance_id
      """;

  private static final String BY_TYPE =
      """
      WITH current AS (
        SELECT c.certificate_type, c.not_after FROM station_certificate c
        WHERE c.status = 'Accepted' AND NOT EXISTS (
          SELECT 1 FROM station_certificate n
          WHERE n.station_id = c.station_id AND n.certificate_type = c.certificate_type
            AND n.status = 'Accepted' AND n.answered_at > c.answered_at))
      SELECT certificate_type, count(*) AS n,
        count(*) FILTER (WHERE not_after < now()) AS expired,
        count(*) FILTER (WHERE not_after >= now()
          AND not_after < now() + :window * interval '1 second') AS expiring,
        max(not_after) FILTER (WHERE not_after >= now()) AS latest
      FROM current GROUP BY certificate_type ORDER BY certificate_type
      """;

  private static final String PER_WEEK =
      """
      WITH current AS (
        SELECT c.not_after FROM station_certificate c
        WHERE c.status = 'Accepted' AND NOT EXISTS (
          SELECT 1 FROM station_certificate n
          WHERE n.station_id = c.station_id AND n.certificate_type = c.certificate_type
            AND n.status = 'Accepted' AND n.answered_at > c.answered_at))
      SELECT w, count(x.not_after) AS n
      FROM generate_series(0, :weeks - 1) AS w
      LEFT JOIN current x ON x.not_after >= now() + w * interval '7 days'
        AND x.not_after < now() + (w + 1) * interval '7 days'
      GROUP BY w ORDER BY w
      """;

  /** Calendar months in UTC; the first counts from now to the end of this month. */
  private static final String PER_MONTH =
      """
      WITH current AS (
        SELECT c.not_after AT TIME ZONE 'UTC' AS ends FROM station_certificate c
        WHERE c.status = 'Accepted' AND c.not_after >= now() AND NOT EXISTS (
          SELECT 1 FROM station_certificate n
          WHERE n.station_id = c.station_id AND n.certificate_type = c.certificate_type
            AND n.status = 'Accepted' AND n.answered_at > c.answered_at)),
      months AS (
        SELECT m, date_trunc('month', now() AT TIME ZONE 'UTC') + m * interval '1 month' AS start
        FROM generate_series(0, :months - 1) AS m)
      SELECT to_char(months.start, 'YYYY-MM') AS month, count(x.ends) AS n
      FROM months
      LEFT JOIN current x ON x.ends >= months.start AND x.ends < months.start + interval '1 month'
      GROUP BY m, months.start ORDER BY m
      """;

  private static final String AT_RISK =
      """
      WITH current AS (
        SELECT c.station_id, c.certificate_type, c.serial, c.not_after FROM station_certificate c
        WHERE c.status = 'Accepted' AND NOT EXISTS (
          SELECT 1 FROM station_certificate n
          WHERE n.station_id = c.station_id AND n.certificate_type = c.certificate_type
            AND n.status = 'Accepted' AND n.answered_at > c.answered_at))
      SELECT x.station_id, x.certificate_type, x.serial, x.not_after, r.state AS renewal,
        (s.disconnected_at IS NOT NULL) AS disconnected
      FROM current x
      LEFT JOIN renewal r ON r.station_id = x.station_id
        AND r.certificate_type = x.certificate_type AND r.serial = x.serial
      LEFT JOIN station_connection s ON s.station_id = x.station_id
      WHERE x.not_after < now() + :window * interval '1 second'
        AND (r.state = 'failed' OR s.disconnected_at IS NOT NULL OR x.not_after < now())
      ORDER BY x.not_after LIMIT 500
      """;

  private final Jdbi jdbi;

  public FleetHealth(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * The report for {@code weeks} weeks and {@code months} calendar months (empty: up to the latest
   * current certificate's end, {@link #MIN_MONTHS} to {@link #MAX_MONTHS}).
   */
  public ObjectNode report(Duration window, int weeks, Optional<Integer> months) {
    ObjectNode out = JSON.createObjectNode();
    jdbi.useHandle(
        h -> {
          stations(h, out.putObject("stations"));
          Optional<Instant> latest = byType(h, window, out.putObject("currentCertificates"));
          out.put("latestNotAfter", latest.map(Instant::toString).orElse(null));
          perWeek(h, weeks, out.putArray("expiringPerWeek"));
          perMonth(h, months.orElseGet(() -> fit(latest, Instant.now())), out);
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

  /** The months from now's to {@code latest}'s, both counted, within the bounds. */
  static int fit(Optional<Instant> latest, Instant now) {
    long months =
        latest
            .map(
                l ->
                    ChronoUnit.MONTHS.between(
                            YearMonth.from(now.atOffset(ZoneOffset.UTC)),
                            YearMonth.from(l.atOffset(ZoneOffset.UTC)))
                        + 1)
            .orElse(0L);
    return (int) Math.max(MIN_MONTHS, Math.min(MAX_MONTHS, months));
  }

  /** Every registered station counts, connected or not (a station is known from registration). */
  private static void stations(Handle h, ObjectNode out) {
    h.createQuery(STATIONS)
        .bind("stale", Presence.STALE.toSeconds())
        .map(
            (rs, ctx) -> {
              long known = rs.getLong("known");
              long connected = rs.getLong("connected");
              long never = rs.getLong("never_connected");
              long disabled = rs.getLong("disabled");
              return out.put("known", known)
                  .put("connected", connected)
                  .put("disconnected", known - connected - never - disabled)
                  .put("neverConnected", never)
                  .put("disabled", disabled);
            })
        .one();
  }

  /** Current certificates by type; the latest end among those not yet expired. */
  private static Optional<Instant> byType(Handle h, Duration window, ObjectNode out) {
    return h
        .createQuery(BY_TYPE)
        .bind("window", window.toSeconds())
        .map(
            (rs, ctx) -> {
              out.putObject(rs.getString("certificate_type"))
                  .put("total", rs.getLong("n"))
                  .put("expired", rs.getLong("expired"))
                  .put("expiringWithinWindow", rs.getLong("expiring"));
              return Optional.ofNullable(rs.getTimestamp("latest")).map(Timestamp::toInstant);
            })
        .list()
        .stream()
        .flatMap(Optional::stream)
        .max(Instant::compareTo);
  }

  private static void perWeek(Handle h, int weeks, ArrayNode out) {
    h.createQuery(PER_WEEK)
        .bind("weeks", weeks)
        .map(
            (rs, ctx) ->
                out.addObject().put("week", rs.getInt("w")).put("expiring", rs.getLong("n")))
        .list();
  }

  private static void perMonth(Handle h, int months, ObjectNode out) {
    ArrayNode list = out.putArray("expiringPerMonth");
    h.createQuery(PER_MONTH)
        .bind("months", months)
        .map(
            (rs, ctx) ->
                list.addObject()
                    .put("month", rs.getString("month"))
                    .put("expiring", rs.getLong("n")))
        .list();
  }

  /**
   * A current certificate ending within the window whose renewal failed or whose station is away.
   */
  public record AtRisk(
      String stationId,
      String certificateType,
      String serial,
      Instant notAfter,
      String renewal,
      boolean disconnected) {}

  public List<AtRisk> atRisk(Duration window) {
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
