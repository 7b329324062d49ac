package dev.pncpki.bridge.store;

import dev.pncpki.bridge.campaign.Campaign;
import dev.pncpki.bridge.campaign.CampaignStore;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.OutboxStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * What a delivery's outcome means for a station: accepted, rejected, failed, delivered. One that
   * ended unconfirmed (sent, no answer stored) may have reached the station: it stays delivered
   * until the step timeout, or a newer certificate of the station's next CSR.
   */
  private static final String OUTCOME =
      "CASE WHEN d.state = 'answered' AND d.answer->>'status' = 'Accepted' THEN 'accepted'"
          + " WHEN d.state = 'answered' THEN 'rejected'"
          + " WHEN d.unconfirmed THEN 'delivered'"
          + " WHEN d.state IN ('failed', 'cancelled') THEN 'failed'"
          + " WHEN d.attempts > 0 THEN 'delivered' ELSE t.state END";

  /**
   * Why a station was not accepted. A DeleteCertificate answered NotFound is not a success: the
   * root may never have been there, or the hash data or route named something else.
   */
  private static final String OUTCOME_REASON =
      "CASE WHEN d.state = 'answered' AND d.answer->>'status' IS DISTINCT FROM 'Accepted' THEN"
          + " d.action || ' answered ' || coalesce(d.answer->>'status', '(no status)') ||"
          + " coalesce(' (' || (d.answer->'statusInfo'->>'reasonCode') || ')', '')"
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

  private static int advanceIn(Handle h, Campaign c) {
    return c.kind() == Campaign.Kind.ROTATE
        ? advanceRotation(h, c)
        : settle(h, c, "delivery_id", "('requested', 'delivered')");
  }

  /**
   * A rotation moves on from facts in this order, so that success wins over noise around it: the
   * newest CertificateSigned of the type since the station was asked makes it issued (a station
   * that retried its CSR gets bound to its latest certificate, also when the one it was bound to
   * ended unconfirmed); then a trigger refused or never delivered, or a CSR refused, fails a
   * station that got no certificate. A trigger that ended unconfirmed fails nobody: if it reached
   * the station, its CSR follows; if not, the step timeout tells.
   */
  private static int advanceRotation(Handle h, Campaign c) {
    String type = c.parameters().path("certificateType").asText();
    // with a certificate in it: a request the CA did not issue is not final (A02.FR.17 retries)
    String signed =
        "SELECT d.id FROM delivery d WHERE d.station_id = t.station_id AND d.action ="
            + " 'CertificateSigned' AND d.created_at >= t.requested_at AND "
            + SIGNED_TYPE
            + " = :type AND d.payload->>'certificateChain' IS NOT NULL ORDER BY d.id DESC LIMIT 1";
    // per station asked (an index lookup each), not a join over every CertificateSigned there is;
    // materialised, so that the lookups run once per station in flight whatever plan the join gets
    // (with stale statistics a nested loop ran them again for every row of the campaign: seconds)
    int moved =
        h.createUpdate(
                "WITH x AS MATERIALIZED (SELECT t.station_id, ("
                    + signed
                    + ") AS id FROM campaign_station t WHERE t.campaign_id = :c AND (t.state ="
                    + " 'requested' OR t.state IN ('issued', 'delivered') AND EXISTS (SELECT 1"
                    + " FROM delivery u WHERE u.id = t.certificate_delivery_id AND"
                    + " u.unconfirmed))) UPDATE campaign_station t SET state = 'issued',"
                    + " certificate_delivery_id = x.id, updated_at = now() FROM x WHERE x.id IS"
                    + " NOT NULL AND x.id IS DISTINCT FROM t.certificate_delivery_id AND"
                    + " t.campaign_id = :c AND t.station_id = x.station_id")
            .bind("c", c.id())
            .bind("type", type)
            .execute();
    // the trigger was refused or never delivered
    moved +=
        h.createUpdate(
                "UPDATE campaign_station t SET state = CASE WHEN d.state = 'answered' THEN"
                    + " 'rejected' ELSE 'failed' END, reason = "
                    + OUTCOME_REASON
                    + ", updated_at = now() FROM delivery d WHERE t.campaign_id = :c AND t.state"
                    + " = 'requested' AND d.id = t.delivery_id AND (d.state = 'failed' AND NOT"
                    + " d.unconfirmed OR d.state = 'cancelled' OR d.state = 'answered' AND"
                    + " d.answer->>'status' IS DISTINCT FROM 'Accepted')")
            .bind("c", c.id())
            .execute();
    // the bridge refused the station's CSR (a CA that did not issue is not final: the station
    // sends its CSR again, A02.FR.17; the step timeout reports it if it never gets through)
    moved +=
        h.createUpdate(
                "UPDATE campaign_station t SET state = 'failed', reason = (SELECT 'CSR refused: '"
                    + " || e.detail FROM security_event e WHERE e.station_id = t.station_id AND e.at"
                    + " >= t.requested_at AND e.type = 'CsrRefused' AND"
                    + " e.detail LIKE :type || ':%' ORDER BY e.id DESC LIMIT 1), updated_at ="
                    + " now() WHERE t.campaign_id = :c AND t.state = 'requested' AND EXISTS"
                    + " (SELECT 1 FROM security_event e WHERE e.station_id = t.station_id AND"
                    + " e.at >= t.requested_at AND e.type = 'CsrRefused' AND"
                    + " e.detail LIKE :type || ':%')")
            .bind("c", c.id())
            .bind("type", type)
            .execute();
    return moved + settle(h, c, "certificate_delivery_id", "('issued', 'delivered')");
  }

  /** Stations in {@code states} take the outcome of their delivery in {@code column}. */
  private static int settle(Handle h, Campaign c, String column, String states) {
    return h.createUpdate(
            "WITH s AS MATERIALIZED (SELECT t.station_id, "
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

  /**
   * Settles what the outbox says first (in the same transaction, so an answer that came in a moment
   * ago is not taken for silence), then fails the stations late past the step timeout.
   */
  int expire(Campaign c) {
    return jdbi.inTransaction(
        h -> {
          advanceIn(h, c);
          int failed =
              h.createUpdate(
                      "WITH late AS MATERIALIZED (SELECT t.station_id, s.disconnected_at, s.station_id IS NULL"
                          + " AS never, t.state, d.state AS trigger, d.unconfirmed AS"
                          + " trigger_unconfirmed, CASE WHEN x.unconfirmed THEN x.last_error END AS"
                          + " unconfirmed, (SELECT e.detail FROM"
                          + " security_event e WHERE e.station_id = t.station_id AND e.at >="
                          + " t.requested_at AND e.type = 'IssuanceFailed' ORDER BY e.id DESC"
                          + " LIMIT 1) AS issuance FROM campaign_station t LEFT"
                          + " JOIN station_connection s ON s.station_id = t.station_id LEFT JOIN"
                          + " delivery d ON d.id = t.delivery_id LEFT JOIN delivery x ON x.id ="
                          + " t.certificate_delivery_id WHERE t.campaign_id = :c AND t.state IN "
                          + IN_FLIGHT
                          + " AND t.requested_at < now() - :timeout * interval '1 second' AND"
                          + " NOT (d.state IS NOT DISTINCT FROM 'sending' AND d.lease_until >"
                          + " now()) AND NOT (x.state IS NOT DISTINCT FROM 'sending' AND"
                          + " x.lease_until > now())) UPDATE campaign_station t SET state = 'failed', reason ="
                          + " CASE WHEN late.never THEN 'station never connected'"
                          + " WHEN late.unconfirmed IS NOT NULL THEN 'CertificateSigned ' ||"
                          + " late.unconfirmed"
                          + " WHEN late.state = 'requested' AND late.issuance IS NOT NULL THEN 'CA did not issue: ' ||"
                          + " late.issuance"
                          + " WHEN late.disconnected_at IS NOT NULL THEN 'station disconnected"
                          + " since ' || to_char(late.disconnected_at AT TIME ZONE 'UTC',"
                          + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') || ', no progress within ' ||"
                          + " :timeout || ' s' WHEN late.state = 'requested' AND"
                          + " late.trigger_unconfirmed THEN 'trigger unconfirmed, no CSR within ' ||"
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

  /**
   * A cancelled campaign: its CALLs never sent are withdrawn first (a claim that got there first
   * keeps its row, and that station stays in flight), then the stations not asked, and those whose
   * CALL was withdrawn, are cancelled.
   */
  static void cancelUnsent(Handle h, long campaign) {
    h.createUpdate(
            "WITH withdrawn AS (UPDATE delivery d SET state = 'cancelled', last_error ="
                + " 'campaign ' || :c || ' cancelled', updated_at = now() FROM campaign_station t"
                + " WHERE t.campaign_id = :c AND t.state = 'requested' AND d.id = t.delivery_id"
                + " AND d.state = 'pending' AND d.attempts = 0 RETURNING d.id) UPDATE"
                + " campaign_station t SET state = 'cancelled', reason = 'campaign cancelled',"
                + " updated_at = now() WHERE t.campaign_id = :c AND (t.state = 'pending' OR"
                + " t.delivery_id IN (SELECT id FROM withdrawn))")
        .bind("c", campaign)
        .execute();
  }

  List<CampaignStore.Next> next(Campaign c, int wave, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT t.station_id, s.ocpp_version FROM campaign_station t LEFT JOIN"
                        + " station_connection s ON s.station_id = t.station_id WHERE"
                        + " t.campaign_id = :c AND t.wave = :wave AND t.state = 'pending' ORDER BY"
                        + " t.position LIMIT :n")
                .bind("c", c.id())
                .bind("wave", wave)
                .bind("n", limit)
                .map(
                    (rs, ctx) ->
                        new CampaignStore.Next(
                            rs.getString("station_id"),
                            Optional.ofNullable(rs.getString("ocpp_version"))))
                .list());
  }

  /**
   * In one transaction: the stations still pending in a campaign still running are claimed first;
   * only those get their outbox rows; then each claimed one records its delivery. A station that is
   * no longer pending (a cancel got there first) gets nothing.
   */
  int launch(Campaign c, List<CampaignStore.Launch> launches) {
    Map<String, CampaignStore.Launch> byStation = new HashMap<>();
    launches.forEach(l -> byStation.put(l.stationId(), l));
    List<String> failedIds = new ArrayList<>();
    return outbox.enqueueWithin(
        h -> {
          List<String> claimed =
              h.createQuery(
                      "UPDATE campaign_station t SET state = 'requested', requested_at = now(),"
                          + " updated_at = now() WHERE t.campaign_id = :c AND t.station_id ="
                          + " ANY(:ids) AND t.state = 'pending' AND EXISTS (SELECT 1 FROM campaign"
                          + " k WHERE k.id = :c AND k.state = 'running') RETURNING t.station_id")
                  .bind("c", c.id())
                  .bind("ids", byStation.keySet().toArray(String[]::new))
                  .mapTo(String.class)
                  .list();
          List<Delivery.Request> requests = new ArrayList<>();
          for (String id : claimed) {
            var l = byStation.get(id);
            if (l.request().isPresent()) {
              requests.add(l.request().get());
            } else {
              failedIds.add(id);
            }
          }
          return requests;
        },
        (h, deliveries) -> {
          if (!deliveries.isEmpty()) {
            var asked =
                h.prepareBatch(
                    "UPDATE campaign_station SET delivery_id = :delivery WHERE campaign_id = :c"
                        + " AND station_id = :station");
            for (Delivery d : deliveries) {
              asked.bind("c", c.id()).bind("station", d.stationId()).bind("delivery", d.id()).add();
            }
            asked.execute();
          }
          if (!failedIds.isEmpty()) {
            var refused =
                h.prepareBatch(
                    "UPDATE campaign_station SET state = 'failed', reason = :reason, updated_at ="
                        + " now() WHERE campaign_id = :c AND station_id = :station");
            for (String id : failedIds) {
              refused
                  .bind("c", c.id())
                  .bind("station", id)
                  .bind("reason", byStation.get(id).failure().orElse("not asked"))
                  .add();
            }
            refused.execute();
          }
          return deliveries.size() + failedIds.size();
        });
  }

  CampaignStore.Tally tally(Campaign c, int wave) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*) AS total, count(*) FILTER (WHERE state IN ('accepted',"
                        + " 'rejected', 'failed', 'cancelled')) AS finished, count(*) FILTER (WHERE"
                        + " state IN ('rejected', 'failed')) AS failed, count(*) FILTER (WHERE"
                        + " state IN "
                        + IN_FLIGHT
                        + ") AS in_flight FROM campaign_station WHERE campaign_id = :c AND wave ="
                        + " :wave")
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
}
