package dev.pncpki.bridge.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.campaign.Campaign;
import dev.pncpki.bridge.campaign.Target;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Rows of {@code campaign} and {@code campaign_station} as the campaign package's values. */
final class CampaignRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String COLUMNS =
      "id, kind, parameters::text AS parameters, selection::text AS selection, state, wave_size,"
          + " concurrency, max_failure_percent, step_timeout_seconds, current_wave, waves,"
          + " accepted_wave, paused_reason, created_by, created_at, updated_at, finished_at";

  private CampaignRows() {}

  static Campaign withCounts(Handle h, Campaign c) {
    Map<Target.State, Long> counts = new EnumMap<>(Target.State.class);
    h.createQuery(
            "SELECT state, count(*) AS n FROM campaign_station WHERE campaign_id = :id GROUP BY"
                + " state")
        .bind("id", c.id())
        .map(
            (rs, ctx) ->
                counts.put(Target.State.of(rs.getString("state")).orElseThrow(), rs.getLong("n")))
        .list();
    return new Campaign(
        c.id(),
        c.kind(),
        c.parameters(),
        c.selection(),
        c.state(),
        c.plan(),
        c.currentWave(),
        c.waves(),
        c.acceptedWave(),
        c.pausedReason(),
        c.createdBy(),
        c.createdAt(),
        c.updatedAt(),
        c.finishedAt(),
        counts);
  }

  static Campaign row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Campaign(
        rs.getLong("id"),
        Campaign.Kind.of(rs.getString("kind")).orElseThrow(),
        json(rs.getString("parameters")),
        json(rs.getString("selection")),
        Campaign.State.of(rs.getString("state")),
        new Campaign.Plan(
            rs.getInt("wave_size"),
            rs.getInt("concurrency"),
            rs.getInt("max_failure_percent"),
            rs.getInt("step_timeout_seconds")),
        rs.getInt("current_wave"),
        rs.getInt("waves"),
        rs.getInt("accepted_wave"),
        Optional.ofNullable(rs.getString("paused_reason")),
        rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        Optional.ofNullable(rs.getTimestamp("finished_at")).map(Timestamp::toInstant),
        new HashMap<>());
  }

  static Target target(ResultSet rs, StatementContext ctx) throws SQLException {
    long delivery = rs.getLong("delivery_id");
    Optional<Long> deliveryId = rs.wasNull() ? Optional.empty() : Optional.of(delivery);
    long certificate = rs.getLong("certificate_delivery_id");
    Optional<Long> certificateId = rs.wasNull() ? Optional.empty() : Optional.of(certificate);
    return new Target(
        rs.getString("station_id"),
        rs.getInt("wave"),
        Target.State.of(rs.getString("state")).orElseThrow(),
        Optional.ofNullable(rs.getString("reason")),
        deliveryId,
        certificateId,
        Optional.ofNullable(rs.getTimestamp("requested_at")).map(Timestamp::toInstant),
        rs.getTimestamp("updated_at").toInstant());
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("campaign holds broken JSON", e);
    }
  }
}
