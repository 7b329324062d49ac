package dev.pncpki.bridge.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.campaign.Campaign;
import dev.pncpki.bridge.campaign.CampaignStore;
import dev.pncpki.bridge.campaign.Selection;
import dev.pncpki.bridge.campaign.Target;
import dev.pncpki.bridge.outbox.OutboxStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaigns in PostgreSQL (tables {@code campaign} and {@code campaign_station}). Creating, listing
 * and controlling them is here; how the runner moves stations on is in {@link CampaignSteps}.
 * Runner passes and admin controls exclude each other through one advisory lock, so a pause or
 * cancel never races a launch.
 */
public final class Campaigns implements CampaignStore {
  private static final Logger LOG = LoggerFactory.getLogger(Campaigns.class);

  static final long LOCK = 0x706e_6363_616d_7067L; // "pnccampg"
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = CampaignRows.COLUMNS;

  /** The states each control may leave from. */
  private static final Map<Campaign.State, Set<String>> FROM =
      Map.of(
          Campaign.State.PAUSED, Set.of("running"),
          Campaign.State.RUNNING, Set.of("paused"),
          Campaign.State.CANCELLED, Set.of("running", "paused"));

  private final Jdbi jdbi;
  private final CampaignSteps steps;

  public Campaigns(Jdbi jdbi, OutboxStore outbox) {
    this.jdbi = jdbi;
    this.steps = new CampaignSteps(jdbi, outbox);
  }

  @Override
  public Campaign create(Order order, List<String> stationIds) {
    if (stationIds.isEmpty()) {
      throw new IllegalArgumentException("the selection has no stations");
    }
    int waveSize = order.plan().waveSize();
    int waves = (stationIds.size() + waveSize - 1) / waveSize;
    long id =
        jdbi.inTransaction(
            h -> {
              // one campaign at a time per station: two would ask it twice, and bind each other's
              // certificates (the lock keeps two creations from passing this check together)
              waitForPass(h);
              List<String> busy =
                  h.createQuery(
                          "SELECT t.campaign_id || ':' || t.station_id FROM campaign_station t"
                              + " JOIN campaign c ON c.id = t.campaign_id WHERE c.finished_at IS"
                              + " NULL AND t.state IN ('pending', 'requested', 'issued',"
                              + " 'delivered') AND t.station_id = ANY(:ids) ORDER BY 1 LIMIT 5")
                      .bind("ids", stationIds.toArray(String[]::new))
                      .mapTo(String.class)
                      .list();
              if (!busy.isEmpty()) {
                throw new Overlap(
                    "stations are in unfinished campaigns (campaign:station): "
                        + String.join(", ", busy));
              }
              long created =
                  h.createQuery(
                          "INSERT INTO campaign (kind, parameters, selection, wave_size,"
                              + " concurrency, max_failure_percent, step_timeout_seconds, waves,"
                              + " created_by) VALUES (:kind, CAST(:parameters AS jsonb),"
                              + " CAST(:selection AS jsonb), :waveSize, :concurrency, :maxFailure,"
                              + " :timeout, :waves, :by) RETURNING id")
                      .bind("kind", order.kind().wire())
                      .bind("parameters", order.parameters().toString())
                      .bind("selection", JSON.valueToTree(order.selection()).toString())
                      .bind("waveSize", waveSize)
                      .bind("concurrency", order.plan().concurrency())
                      .bind("maxFailure", order.plan().maxFailurePercent())
                      .bind("timeout", order.plan().stepTimeoutSeconds())
                      .bind("waves", waves)
                      .bind("by", order.createdBy())
                      .mapTo(Long.class)
                      .one();
              var batch =
                  h.prepareBatch(
                      "INSERT INTO campaign_station (campaign_id, station_id, position, wave)"
                          + " VALUES (:campaign, :station, :position, :wave)");
              for (int i = 0; i < stationIds.size(); i++) {
                batch
                    .bind("campaign", created)
                    .bind("station", stationIds.get(i))
                    .bind("position", i)
                    .bind("wave", i / waveSize + 1)
                    .add();
              }
              batch.execute();
              return created;
            });
    if (stationIds.size() >= ANALYZE_FROM) {
      // the runner's plans follow the statistics; a large campaign changes them at once, so they
      // are brought up to date now rather than when autovacuum gets round to it
      try {
        jdbi.useHandle(h -> h.execute("ANALYZE campaign_station"));
      } catch (RuntimeException e) { // the campaign is stored; autovacuum will get there
        LOG.warn("campaign {}: refreshing statistics failed: {}", id, e.toString());
      }
    }
    return find(id).orElseThrow();
  }

  /** Campaigns of at least this many stations refresh the planner's statistics when created. */
  private static final int ANALYZE_FROM = 1000;

  @Override
  public List<String> select(Selection selection) {
    String where;
    if (selection.model() != null) {
      return jdbi.withHandle(
          h ->
              h.createQuery(
                      "SELECT station_id FROM station_info WHERE model = :v ORDER BY station_id")
                  .bind("v", selection.model())
                  .mapTo(String.class)
                  .list());
    } else if (selection.operator() != null) {
      where = "c.organization = :v";
    } else if (selection.issuer() != null) {
      where = "(c.issuer = :v OR split_part(c.issuer, ',', 1) = 'CN=' || :v)";
    } else {
      throw new IllegalArgumentException("not a stored criterion");
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT DISTINCT c.station_id FROM station_certificate c WHERE c.status ="
                        + " 'Accepted' AND "
                        + where
                        + " AND NOT EXISTS (SELECT 1 FROM station_certificate n WHERE"
                        + " n.station_id = c.station_id AND n.certificate_type ="
                        + " c.certificate_type AND n.status = 'Accepted' AND n.answered_at >"
                        + " c.answered_at) ORDER BY c.station_id")
                .bind("v", selection.stored().orElseThrow())
                .mapTo(String.class)
                .list());
  }

  @Override
  public Optional<Campaign> find(long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM campaign WHERE id = :id")
                .bind("id", id)
                .map(CampaignRows::row)
                .findOne()
                .map(c -> CampaignRows.withCounts(h, c)));
  }

  @Override
  public List<Campaign> list(boolean activeOnly, int limit) {
    return jdbi.withHandle(
        h ->
            h
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM campaign"
                        + (activeOnly ? " WHERE finished_at IS NULL" : "")
                        + " ORDER BY id DESC LIMIT :n")
                .bind("n", limit)
                .map(CampaignRows::row)
                .list()
                .stream()
                .map(c -> CampaignRows.withCounts(h, c))
                .toList());
  }

  @Override
  public List<Campaign> finished(int limit) {
    return jdbi.withHandle(
        h ->
            h
                .createQuery(
                    """
                    SELECT id, kind, parameters::text AS parameters, selection::text AS selection,
                      state, wave_size, concurrency, max_failure_percent, step_timeout_seconds,
                      current_wave, waves, accepted_wave, paused_reason, created_by, created_at,
                      updated_at, finished_at
                    FROM campaign WHERE finished_at IS NOT NULL
                    ORDER BY finished_at DESC, id DESC LIMIT :n
                    """)
                .bind("n", limit)
                .map(CampaignRows::row)
                .list()
                .stream()
                .map(c -> CampaignRows.withCounts(h, c))
                .toList());
  }

  @Override
  public List<Target> targets(long id, Optional<Target.State> state, int offset, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT station_id, wave, state, reason, delivery_id, certificate_delivery_id,"
                        + " requested_at, updated_at FROM campaign_station WHERE campaign_id ="
                        + " :id AND (CAST(:state AS text) IS NULL OR state = :state) ORDER BY"
                        + " position OFFSET :offset LIMIT :n")
                .bind("id", id)
                .bind("state", state.map(Target.State::wire).orElse(null))
                .bind("offset", offset)
                .bind("n", limit)
                .map(CampaignRows::target)
                .list());
  }

  @Override
  public boolean control(long id, Campaign.State to, String reason) {
    return jdbi.inTransaction(
        h -> {
          waitForPass(h);
          // resuming a campaign its runner paused lets the failed wave through; the runner then
          // moves on (and tells its listeners when the campaign completes)
          int moved =
              h.createUpdate(
                      "UPDATE campaign SET state = :to, accepted_wave = CASE WHEN :to ="
                          + " 'running' AND paused_by_runner THEN current_wave ELSE accepted_wave"
                          + " END, paused_by_runner = false, paused_reason = CASE WHEN :to ="
                          + " 'paused' THEN :reason END, updated_at = now() WHERE id = :id AND"
                          + " state IN (<from>)")
                  .bindList("from", List.copyOf(FROM.get(to)))
                  .bind("to", to.wire())
                  .bind("reason", reason)
                  .bind("id", id)
                  .execute();
          if (moved == 1 && to == Campaign.State.CANCELLED) {
            CampaignSteps.cancelUnsent(h, id);
          }
          return moved == 1;
        });
  }

  @Override
  public <T> Optional<T> exclusively(Supplier<T> pass) {
    return AdvisoryLock.exclusively(jdbi, LOCK, pass);
  }

  @Override
  public List<Campaign> active() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM campaign WHERE state IN ('running', 'paused') OR state ="
                        + " 'cancelled' AND finished_at IS NULL ORDER BY id")
                .map(CampaignRows::row)
                .list());
  }

  @Override
  public int expire(Campaign campaign) {
    return steps.expire(campaign);
  }

  @Override
  public List<Next> next(Campaign campaign, int wave, int limit) {
    return steps.next(campaign, wave, limit);
  }

  @Override
  public int launch(Campaign campaign, List<Launch> launches) {
    return steps.launch(campaign, launches);
  }

  @Override
  public Tally tally(Campaign campaign, int wave) {
    return steps.tally(campaign, wave);
  }

  @Override
  public void waveDone(Campaign campaign) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE campaign SET current_wave = current_wave + 1, state = CASE WHEN"
                        + " current_wave >= waves THEN 'completed' ELSE state END, finished_at ="
                        + " CASE WHEN current_wave >= waves THEN now() END, updated_at = now()"
                        + " WHERE id = :id AND state = 'running' AND current_wave = :wave")
                .bind("id", campaign.id())
                .bind("wave", campaign.currentWave())
                .execute());
  }

  @Override
  public void pause(Campaign campaign, String reason) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE campaign SET state = 'paused', paused_reason = :reason,"
                        + " paused_by_runner = true, updated_at = now() WHERE id = :id AND state ="
                        + " 'running'")
                .bind("id", campaign.id())
                .bind("reason", reason)
                .execute());
  }

  @Override
  public void finish(Campaign campaign) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE campaign SET finished_at = now(), updated_at = now() WHERE id = :id"
                        + " AND state = 'cancelled' AND finished_at IS NULL")
                .bind("id", campaign.id())
                .execute());
  }

  /**
   * Waits (in the caller's transaction) until no runner pass holds the campaigns' lock, at most 10
   * s: a pass that takes longer makes the caller {@link Busy}, not a request hanging on.
   */
  private static void waitForPass(Handle h) {
    h.execute("SET LOCAL lock_timeout = '10s'");
    try {
      h.createQuery("SELECT pg_advisory_xact_lock(:lock)")
          .bind("lock", LOCK)
          .mapTo(String.class)
          .one();
    } catch (org.jdbi.v3.core.JdbiException e) {
      if (e.getCause() instanceof java.sql.SQLException sql
          && "55P03".equals(sql.getSQLState())) { // lock_not_available
        throw new Busy("a campaign pass is running for longer than 10 s; try again");
      }
      throw e;
    }
  }
}
