package dev.pncpki.bridge.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.campaign.CurrentCertificates;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * What each station holds, as far as the bridge knows: the certificates it delivered with
 * CertificateSigned and the station's answer, and the trust anchors from the station's last answer
 * to GetInstalledCertificateIds.
 */
public final class StationCertificates implements CurrentCertificates {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A certificate delivered to a station. */
  public record Delivered(
      String stationId,
      String serial,
      String certificateType,
      Instant notAfter,
      String status,
      Instant answeredAt,
      long deliveryId,
      Optional<String> issuer,
      Optional<String> organization) {}

  /** The station's last GetInstalledCertificateIds answer, and when it came. */
  public record Anchors(JsonNode answer, Instant at, long deliveryId) {}

  private final Jdbi jdbi;

  public StationCertificates(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Records the station's answer to a delivered certificate, with its issuer (RFC 2253) and subject
   * O, by which campaigns select stations.
   */
  public void record(Delivered d, String pem) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO station_certificate (station_id, serial, certificate_type,"
                        + " not_after, certificate, delivery_id, status, answered_at, issuer,"
                        + " organization) VALUES (:station, :serial, :type, :notAfter, :pem,"
                        + " :delivery, :status, :at, :issuer, :organization) ON CONFLICT (station_id, serial) DO UPDATE SET status = :status,"
                        + " answered_at = :at, delivery_id = :delivery")
                .bind("station", d.stationId())
                .bind("serial", d.serial())
                .bind("type", d.certificateType())
                .bind("notAfter", d.notAfter())
                .bind("pem", pem)
                .bind("delivery", d.deliveryId())
                .bind("status", d.status())
                .bind("at", d.answeredAt())
                .bind("issuer", d.issuer().orElse(null))
                .bind("organization", d.organization().orElse(null))
                .execute());
  }

  /** The station's delivered certificates, newest answer first. */
  public List<Delivered> of(String stationId) {
    return query(" WHERE station_id = :station", stationId);
  }

  /** Every station's delivered certificates, by station, newest answer first. */
  public Map<String, List<Delivered>> all() {
    return query("", null).stream()
        .collect(Collectors.groupingBy(Delivered::stationId, Collectors.toList()));
  }

  private List<Delivered> query(String where, String stationId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT station_id, serial, certificate_type, not_after, status, answered_at,"
                        + " delivery_id, issuer, organization FROM station_certificate"
                        + where
                        + " ORDER BY answered_at DESC")
                .bind("station", stationId)
                .map(
                    (rs, ctx) ->
                        new Delivered(
                            rs.getString("station_id"),
                            rs.getString("serial"),
                            rs.getString("certificate_type"),
                            rs.getTimestamp("not_after").toInstant(),
                            rs.getString("status"),
                            rs.getTimestamp("answered_at").toInstant(),
                            rs.getLong("delivery_id"),
                            Optional.ofNullable(rs.getString("issuer")),
                            Optional.ofNullable(rs.getString("organization"))))
                .list());
  }

  /** Current: the newest accepted of its station and type; only registered, enabled stations. */
  private static final String ISSUED_BY =
      """
      SELECT c.station_id, c.certificate_type FROM station_certificate c
      JOIN station s ON s.id = c.station_id AND s.enabled
      WHERE c.status = 'Accepted' AND c.issuer = :issuer
        AND NOT EXISTS (SELECT 1 FROM station_certificate n
          WHERE n.station_id = c.station_id AND n.certificate_type = c.certificate_type
            AND n.status = 'Accepted' AND n.answered_at > c.answered_at)
      ORDER BY c.station_id, c.certificate_type
      """;

  @Override
  public List<Holding> issuedBy(String issuer) {
    return jdbi.withHandle(
        h ->
            h.createQuery(ISSUED_BY)
                .bind("issuer", issuer)
                .map(
                    (rs, ctx) ->
                        new Holding(rs.getString("station_id"), rs.getString("certificate_type")))
                .list());
  }

  public Optional<Anchors> anchors(String stationId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, answer::text AS answer, updated_at FROM delivery"
                        + " WHERE station_id = :station AND action = 'GetInstalledCertificateIds'"
                        + " AND state = 'answered' ORDER BY id DESC LIMIT 1")
                .bind("station", stationId)
                .map(
                    (rs, ctx) ->
                        new Anchors(
                            json(rs.getString("answer")),
                            rs.getTimestamp("updated_at").toInstant(),
                            rs.getLong("id")))
                .findOne());
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
