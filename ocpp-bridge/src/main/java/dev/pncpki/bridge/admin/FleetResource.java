package dev.pncpki.bridge.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.campaign.CampaignStore;
import dev.pncpki.bridge.store.FleetHealth;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * {@code GET /v1/fleet/health}, for admins and the operations page: the registered stations by
 * state, current certificates by type (expired, expiring within the renewal window), how many
 * expire in each of {@code weeks} (12) weeks and {@code months} calendar months (by default up to
 * the latest current certificate's end), renewals by state, stations at risk, the campaigns in
 * progress and the last ones to finish, and the active alerts (docs/fleet.md, health view).
 */
@Path("/v1/fleet")
@Produces(MediaType.APPLICATION_JSON)
public final class FleetResource {
  private final FleetHealth health;
  private final CampaignStore campaigns;
  private final Supplier<ArrayNode> alerts;
  private final IntFunction<ArrayNode> history;
  private final Duration window;

  FleetResource(
      FleetHealth health,
      CampaignStore campaigns,
      Supplier<ArrayNode> alerts,
      IntFunction<ArrayNode> history,
      Duration window) {
    this.health = health;
    this.campaigns = campaigns;
    this.alerts = alerts;
    this.history = history;
    this.window = window;
  }

  /** How many finished campaigns the answer keeps in view, the last to finish first. */
  static final int FINISHED_CAMPAIGNS = 10;

  @GET
  @Path("/health")
  public ObjectNode fleetHealth(
      @QueryParam("weeks") @DefaultValue("12") int weeks, @QueryParam("months") Integer months) {
    if (weeks < 1 || weeks > 104) {
      throw Problem.MALFORMED_REQUEST.because("weeks is 1 to 104");
    }
    if (months != null && (months < 1 || months > 120)) {
      throw Problem.MALFORMED_REQUEST.because("months is 1 to 120");
    }
    ObjectNode out = health.report(window, weeks, Optional.ofNullable(months));
    ArrayNode list = out.putArray("campaigns");
    campaigns.list(true, 100).forEach(c -> list.add(Views.campaign(c)));
    ArrayNode finished = out.putArray("finishedCampaigns");
    campaigns.finished(FINISHED_CAMPAIGNS).forEach(c -> finished.add(Views.campaign(c)));
    out.set("alerts", alerts.get());
    return out;
  }

  /** {@code GET /v1/fleet/alerts[?limit=100]}: the newest alerts, active or cleared. */
  @GET
  @Path("/alerts")
  public ArrayNode alerts(@QueryParam("limit") @DefaultValue("100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw Problem.MALFORMED_REQUEST.because("limit is 1 to 1000");
    }
    return history.apply(limit);
  }
}
