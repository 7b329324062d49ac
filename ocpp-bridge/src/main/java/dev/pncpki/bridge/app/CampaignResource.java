package dev.pncpki.bridge.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.campaign.Campaign;
import dev.pncpki.bridge.campaign.CampaignRunner;
import dev.pncpki.bridge.campaign.CampaignStore;
import dev.pncpki.bridge.campaign.Selection;
import dev.pncpki.bridge.campaign.Target;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.station.StationDirectory;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/campaigns} on the bridge, for admins (issue 7): start a campaign over a selection of
 * stations (rotate their certificates, install or delete a trust anchor), follow it with its
 * per-station state, and pause, resume or cancel it. Every campaign and control is logged with who
 * asked for it.
 */
@Path("/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public final class CampaignResource {
  private static final Logger AUDIT = LoggerFactory.getLogger("dev.pncpki.bridge.audit");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Body of POST: the campaign; {@code selection} names the stations. */
  public record Start(
      String kind,
      String certificateType,
      String certificate,
      JsonNode certificateHashData,
      String via,
      Selection selection,
      Integer waveSize,
      Integer concurrency,
      Integer maxFailurePercent,
      Integer stepTimeoutSeconds,
      String requestedBy) {}

  private final CampaignStore store;
  private final CampaignRunner runner;
  private final StationDirectory directory;
  private final CampaignOrders orders;
  private final AdminApi admin;

  CampaignResource(
      CampaignStore store,
      CampaignRunner runner,
      StationDirectory directory,
      MessageSchemas schemas,
      String adminTokenSha256) {
    this.store = store;
    this.runner = runner;
    this.directory = directory;
    this.orders = new CampaignOrders(schemas);
    this.admin = new AdminApi(adminTokenSha256);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(
      @HeaderParam("Authorization") String auth,
      @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
      Start body) {
    admin.authenticate(auth);
    if (body == null) {
      throw AdminApi.problem(400, "malformed-request", "the body is the campaign");
    }
    Campaign.Kind kind =
        Campaign.Kind.of(AdminApi.required(body.kind(), "kind"))
            .orElseThrow(
                () ->
                    AdminApi.problem(
                        400,
                        "malformed-request",
                        "kind is rotate, install-root or delete-root, not " + body.kind()));
    ObjectNode parameters = orders.parameters(kind, body);
    if (body.selection() == null) {
      throw AdminApi.problem(400, "malformed-request", "selection is required");
    }
    Campaign.Plan plan;
    try {
      plan =
          new Campaign.Plan(
              body.waveSize(),
              body.concurrency(),
              body.maxFailurePercent(),
              body.stepTimeoutSeconds());
    } catch (IllegalArgumentException e) {
      throw AdminApi.problem(400, "malformed-request", e.getMessage());
    }
    List<String> stations = stations(body.selection());
    String by = CampaignOrders.name(body.requestedBy(), "requestedBy");
    if (dryRun) { // checked as for real, nothing stored: which stations it would take
      ObjectNode preview = JSON.createObjectNode().put("kind", kind.wire());
      preview
          .put("total", stations.size())
          .put("waves", (stations.size() + plan.waveSize() - 1) / plan.waveSize());
      stations.forEach(preview.putArray("stations")::add);
      return Response.ok(preview).build();
    }
    Campaign c;
    try {
      c =
          store.create(
              new CampaignStore.Order(kind, parameters, body.selection(), plan, by), stations);
    } catch (CampaignStore.Overlap e) {
      throw AdminApi.problem(409, "campaign-overlap", e.getMessage());
    } catch (CampaignStore.Busy e) {
      throw AdminApi.problem(503, "campaigns-busy", e.getMessage());
    }
    AUDIT.info(
        "campaign {} started by {}: {} {} over {} station(s), waves of {}, {} at once",
        c.id(),
        by,
        kind.wire(),
        parameters.path("certificateType").asText(""),
        stations.size(),
        plan.waveSize(),
        plan.concurrency());
    runner.wake();
    return Response.status(201).entity(Views.campaign(c)).build();
  }

  private List<String> stations(Selection selection) {
    List<String> chosen;
    if (selection.all()) {
      chosen = directory.ids();
    } else if (selection.stations() != null) {
      List<String> unknown =
          selection.stations().stream().filter(s -> directory.find(s).isEmpty()).toList();
      if (!unknown.isEmpty()) {
        throw AdminApi.problem(
            400, "unknown-station", "not configured: " + String.join(", ", unknown));
      }
      chosen = selection.stations().stream().distinct().toList();
    } else {
      chosen = store.select(selection).stream().filter(s -> directory.find(s).isPresent()).toList();
    }
    if (chosen.isEmpty()) {
      throw AdminApi.problem(409, "empty-selection", "the selection has no stations");
    }
    return chosen;
  }

  @GET
  public ArrayNode list(
      @HeaderParam("Authorization") String auth,
      @QueryParam("active") @DefaultValue("false") boolean active,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    admin.authenticate(auth);
    if (limit < 1 || limit > 1000) {
      throw AdminApi.problem(400, "malformed-request", "limit is 1 to 1000");
    }
    ArrayNode out = JSON.createArrayNode();
    store.list(active, limit).forEach(c -> out.add(Views.campaign(c)));
    return out;
  }

  @GET
  @Path("/{id}")
  public ObjectNode campaign(@HeaderParam("Authorization") String auth, @PathParam("id") long id) {
    admin.authenticate(auth);
    return Views.campaign(found(id));
  }

  @GET
  @Path("/{id}/stations")
  public ArrayNode targets(
      @HeaderParam("Authorization") String auth,
      @PathParam("id") long id,
      @QueryParam("state") String state,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("1000") int limit) {
    admin.authenticate(auth);
    if (offset < 0 || limit < 1 || limit > 10_000) {
      throw AdminApi.problem(400, "malformed-request", "offset is 0 or more, limit 1 to 10000");
    }
    Optional<Target.State> wanted = Optional.empty();
    if (state != null) {
      wanted =
          Optional.of(
              Target.State.of(state)
                  .orElseThrow(
                      () ->
                          AdminApi.problem(400, "malformed-request", "no station state " + state)));
    }
    found(id);
    ArrayNode out = JSON.createArrayNode();
    store.targets(id, wanted, offset, limit).forEach(t -> out.add(Views.target(t)));
    return out;
  }

  @POST
  @Path("/{id}/{control: pause|resume|cancel}")
  public ObjectNode control(
      @HeaderParam("Authorization") String auth,
      @PathParam("id") long id,
      @PathParam("control") String control,
      @QueryParam("by") @DefaultValue("admin") String by) {
    admin.authenticate(auth);
    found(id);
    by = CampaignOrders.name(by, "by");
    Campaign.State to =
        switch (control) {
          case "pause" -> Campaign.State.PAUSED;
          case "resume" -> Campaign.State.RUNNING;
          default -> Campaign.State.CANCELLED;
        };
    String done =
        switch (control) {
          case "pause" -> "paused";
          case "resume" -> "resumed";
          default -> "cancelled";
        };
    boolean moved;
    try {
      moved = store.control(id, to, done + " by " + by);
    } catch (CampaignStore.Busy e) {
      throw AdminApi.problem(503, "campaigns-busy", e.getMessage());
    }
    if (!moved) {
      Campaign after = found(id);
      throw AdminApi.problem(
          409,
          "campaign-" + after.state().wire(),
          "campaign " + id + " is " + after.state().wire() + ": it cannot be " + done);
    }
    AUDIT.info("campaign {} {} by {}", id, done, by);
    runner.wake();
    return Views.campaign(found(id));
  }

  private Campaign found(long id) {
    return store
        .find(id)
        .orElseThrow(() -> AdminApi.problem(404, "unknown-campaign", "no campaign " + id));
  }
}
