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
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * {@code GET /v1/fleet/health}, for admins and the operations page: stations connected or not,
 * current certificates by type (expired, expiring within the renewal window), expiring per week for
 * {@code weeks} (12), renewals by state, stations at risk, campaigns in progress, and the active
 * alerts.
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

  @GET
  @Path("/health")
  public ObjectNode fleetHealth(@QueryParam("weeks") @DefaultValue("12") int weeks) {
    if (weeks < 1 || weeks > 104) {
      throw Problem.MALFORMED_REQUEST.because("weeks is 1 to 104");
    }
    ObjectNode out = health.report(window, weeks);
    ArrayNode list = out.putArray("campaigns");
    campaigns.list(true, 100).forEach(c -> list.add(Views.campaign(c)));
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
