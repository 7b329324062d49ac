package dev.pncpki.bridge.store;

import dev.pncpki.bridge.campaign.Campaign;
import dev.pncpki.bridge.campaign.CampaignStore;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.OutboxStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * How the campaign runner moves stations on, in set-based SQL (a pass costs a few statements per
 * campaign however many stations it has). A station's state follows from facts other parts of the
 * bridge record: its outbox rows (the trigger or root CALL, and for a rotation the
 * CertificateSigned enqueued after the CA issued), and security events (a refused CSR, a failed
 * issuance).
 */
final class CampaignSteps {
  private static final String IN_FLIGHT = "('requested', 'issued', 'delivered')";

  /** What a delivery's outcome means for a station: accepted, rejected, failed, delivered. */
  private static final String OUTCOME =
      "CASE WHEN d.state = 'answered' AND (d.answer->>'status' = 'Accepted' OR d.action ="
          + " 'DeleteCertificate' AND d.answer->>'status' = 'NotFound') THEN 'accepted'"
          + " WHEN d.state = 'answered' THEN 'rejected'"
          + " WHEN d.state IN ('failed', 'cancelled') THEN 'failed'"
          + " WHEN d.attempts > 0 THEN 'delivered' ELSE t.state END";

  private static final String OUTCOME_REASON =
      "CASE WHEN d.state = 'answered' AND d.answer->>'status' = 'NotFound' AND d.action ="
          + " 'DeleteCertificate' THEN 'DeleteCertificate answered NotFound: not installed'"
          + " WHEN d.state = 'answered' AND d.answer->>'status' <> 'Accepted' THEN d.action ||"
          + " ' answered ' || coalesce(d.answer->>'status', '?') || coalesce(' (' ||"
          + " (d.answer->'statusInfo'->>'reasonCode') || ')', '')"
          + " WHEN d.state = 'failed' THEN d.action || ' not delivered: ' || coalesce(d.last_error,"
          + " '?') WHEN d.state = 'cancelled' THEN d.action || ' cancelled' ELSE t.reason END";

  /** The certificate type a CertificateSigned row carries (1.6 has only the station's own). */
  private static final String SIGNED_TYPE =
      "CASE WHEN d.route = 'ocpp1.6' THEN 'ChargingStationCertificate'"
          + " ELSE coalesce(d.payload->>'certificateType', 'V2GCertificate') END";

  private final Jdbi jdbi;
  private final OutboxStore outbox;

  CampaignSteps(Jdbi jdbi, OutboxStore outbox) {
    this.jdbi = jdbi;
    this.outbox = outbox;
  }

  int advance(Campaign c) {
    return jdbi.inTransaction(
        h ->
            c.kind() == Campaign.Kind.ROTATE
                ? advanceRotation(h, c)
                : settle(h, c, "delivery_id", "('requested', 'delivered')"));
  }

  private static int advanceRotation(Handle h, Campaign c) {
    String type = c.parameters().path("certificateType").asText();
    // the trigger was refused or never delivered
    int moved =
        h.createUpdate(
                "UPDATE campaign_station t SET state = CASE WHEN d.state = 'answered' THEN"
                    + " 'rejected' ELSE 'failed' END, reason = "
                    + OUTCOME_REASON
                    + ", updated_at = now() FROM delivery d WHERE t.campaign_id = :c AND t.state"
                    + " = 'requested' AND d.id = t.delivery_id AND (d.state IN ('failed',"
                    + " 'cancelled') OR d.state = 'answered' AND d.answer->>'status' <>"
                    + " 'Accepted')")
            .bind("c", c.id())
            .execute();
    // the station's CSR was refused, or the CA did not issue
    moved +=
        h.createUpdate(
                "UPDATE campaign_station t SET state = 'failed', reason = CASE e.type WHEN"
                    + " 'CsrRefused' THEN 'CSR refused: ' ELSE 'CA did not issue: ' END ||"
                    + " e.detail, updated_at = now() FROM security_event e WHERE t.campaign_id ="
                    + " :c AND t.state = 'requested' AND e.station_id = t.station_id AND e.at >="
                    + " t.requested_at AND e.type IN ('CsrRefused', 'IssuanceFailed') AND"
                    + " e.detail LIKE :type || ':%'")
            .bind("c", c.id())
            .bind("type", type)
            .execute();
    // the CA issued: a CertificateSigned of the type was enqueued since the station was asked
    moved +=
        h.createUpdate(
                "UPDATE campaign_station t SET state = 'issued', certificate_delivery_id = d.id,"
                    + " updated_at = now() FROM delivery d WHERE t.campaign_id = :c AND t.state ="
                    + " 'requested' AND d.station_id = t.station_id AND d.action ="
                    + " 'CertificateSigned' AND d.created_at >= t.requested_at AND "
                    + SIGNED_TYPE
                    + " = :type")
            .bind("c", c.id())
            .bind("type", type)
            .execute();
    return moved + settle(h, c, "certificate_delivery_id", "('issued', 'delivered')");
  }

  /** Stations in {@code states} take the outcome of their delivery in {@code column}. */
  private static int settle(Handle h, Campaign c, String column, String states) {
    return h.createUpdate(
            "WITH s AS (SELECT t.station_id, "
                + OUTCOME
                + " AS state, "
                + OUTCOME_REASON
                + " AS reason FROM campaign_station t JOIN delivery d ON d.id = t."
                + column
                + " WHERE t.campaign_id = :c AND t.state IN "
                + states
                + ") UPDATE campaign_station t SET state = s.state, reason = s.reason,"
                + " updated_at = now() FROM s WHERE t.campaign_id = :c AND t.station_id ="
                + " s.station_id AND t.state <> s.state")
        .bind("c", c.id())
        .execute();
  }

  int expire(Campaign c) {
    return jdbi.inTransaction(
        h -> {
          int failed =
              h.createUpdate(
                      "WITH late AS (SELECT t.station_id, s.disconnected_at, s.station_id IS NULL"
                          + " AS never, t.state, d.state AS trigger FROM campaign_station t LEFT"
                          + " JOIN station_connection s ON s.station_id = t.station_id LEFT JOIN"
                          + " delivery d ON d.id = t.delivery_id LEFT JOIN delivery x ON x.id ="
                          + " t.certificate_delivery_id WHERE t.campaign_id = :c AND t.state IN "
                          + IN_FLIGHT
                          + " AND t.requested_at < now() - :timeout * interval '1 second' AND"
                          + " coalesce(d.state, '') <> 'sending' AND coalesce(x.state, '') <>"
                          + " 'sending') UPDATE campaign_station t SET state = 'failed', reason ="
                          + " CASE WHEN late.never THEN 'station never connected'"
                          + " WHEN late.disconnected_at IS NOT NULL THEN 'station disconnected"
                          + " since ' || to_char(late.disconnected_at AT TIME ZONE 'UTC',"
                          + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') || ', no progress within ' ||"
                          + " :timeout || ' s' WHEN late.state = 'requested' AND late.trigger ="
                          + " 'answered' THEN 'no CSR within ' || :timeout || ' s of the trigger'"
                          + " ELSE 'no answer within ' || :timeout || ' s' END || ' (was ' ||"
                          + " late.state || ')', updated_at = now() FROM late WHERE"
                          + " t.campaign_id = :c AND t.station_id = late.station_id")
                  .bind("c", c.id())
                  .bind("timeout", c.plan().stepTimeoutSeconds())
                  .execute();
          if (failed > 0) {
            cancelDeliveries(h, c.id(), "failed");
          }
          return failed;
        });
  }

  /** Cancels the not yet sent CALLs of the campaign's stations in {@code state}. */
  private static void cancelDeliveries(Handle h, long campaign, String state) {
    h.createUpdate(
            "UPDATE delivery d SET state = 'cancelled', last_error = 'campaign ' || :c || ' gave"
                + " up on the station', updated_at = now() FROM campaign_station t WHERE"
                + " t.campaign_id = :c AND t.state = :state AND d.id IN (t.delivery_id,"
                + " t.certificate_delivery_id) AND d.state = 'pending'")
        .bind("c", campaign)
        .bind("state", state)
        .execute();
  }

  /** A cancelled campaign: stations not asked, or whose CALL still waits, are cancelled. */
  static void cancelUnsent(Handle h, long campaign) {
    h.createUpdate(
            "UPDATE campaign_station t SET state = 'cancelled', reason = 'campaign cancelled',"
                + " updated_at = now() WHERE t.campaign_id = :c AND (t.state = 'pending' OR"
                + " t.state = 'requested' AND EXISTS (SELECT 1 FROM delivery d WHERE d.id ="
                + " t.delivery_id AND d.state = 'pending'))")
        .bind("c", campaign)
        .execute();
    cancelDeliveries(h, campaign, "cancelled");
  }

  List<CampaignStore.Next> next(Campaign c, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT t.station_id, s.ocpp_version FROM campaign_station t LEFT JOIN"
                        + " station_connection s ON s.station_id = t.station_id WHERE"
                        + " t.campaign_id = :c AND t.wave = :wave AND t.state = 'pending' ORDER BY"
                        + " t.position LIMIT :n")
                .bind("c", c.id())
                .bind("wave", c.currentWave())
                .bind("n", limit)
                .map(
                    (rs, ctx) ->
                        new CampaignStore.Next(
                            rs.getString("station_id"),
                            Optional.ofNullable(rs.getString("ocpp_version"))))
                .list());
  }

  int launch(Campaign c, List<CampaignStore.Launch> launches) {
    List<Delivery.Request> requests = new ArrayList<>();
    List<CampaignStore.Launch> failures = new ArrayList<>();
    for (var l : launches) {
      l.request().ifPresentOrElse(requests::add, () -> failures.add(l));
    }
    return outbox.enqueueWithin(
        requests,
        (h, deliveries) -> {
          var asked =
              h.prepareBatch(
                  "UPDATE campaign_station SET state = 'requested', delivery_id = :delivery,"
                      + " requested_at = now(), updated_at = now() WHERE campaign_id = :c AND"
                      + " station_id = :station AND state = 'pending'");
          for (Delivery d : deliveries) {
            asked.bind("c", c.id()).bind("station", d.stationId()).bind("delivery", d.id()).add();
          }
          var refused =
              h.prepareBatch(
                  "UPDATE campaign_station SET state = 'failed', reason = :reason, requested_at ="
                      + " now(), updated_at = now() WHERE campaign_id = :c AND station_id ="
                      + " :station AND state = 'pending'");
          for (var f : failures) {
            refused
                .bind("c", c.id())
                .bind("station", f.stationId())
                .bind("reason", f.failure().orElse("not asked"))
                .add();
          }
          int n = deliveries.isEmpty() ? 0 : sum(asked.execute());
          return n + (failures.isEmpty() ? 0 : sum(refused.execute()));
        });
  }

  CampaignStore.Tally tally(Campaign c, int wave) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*) FILTER (WHERE wave = :wave) AS total, count(*) FILTER"
                        + " (WHERE wave = :wave AND state IN ('accepted', 'rejected', 'failed',"
                        + " 'cancelled')) AS finished, count(*) FILTER (WHERE wave = :wave AND"
                        + " state IN ('rejected', 'failed')) AS failed, count(*) FILTER (WHERE"
                        + " state IN "
                        + IN_FLIGHT
                        + ") AS in_flight FROM campaign_station WHERE campaign_id = :c")
                .bind("c", c.id())
                .bind("wave", wave)
                .map(
                    (rs, ctx) ->
                        new CampaignStore.Tally(
                            rs.getLong("total"),
                            rs.getLong("finished"),
                            rs.getLong("failed"),
                            rs.getLong("in_flight")))
                .one());
  }

  private static int sum(int[] counts) {
    int n = 0;
    for (int c : counts) {
      n += c;
    }
    return n;
  }
}
