package dev.pncpki.bridge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.audit.AdminAudit;
import dev.pncpki.bridge.audit.AdminAudit.AdminEvent;
import dev.pncpki.bridge.campaign.Campaign;
import dev.pncpki.bridge.campaign.CampaignRunner;
import dev.pncpki.bridge.campaign.CampaignStore;
import dev.pncpki.bridge.campaign.Selection;
import dev.pncpki.bridge.campaign.Target;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.station.Station;
import dev.pncpki.bridge.station.StationRegistry;
import dev.pncpki.bridge.station.StationVersions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/campaigns} on the bridge, for admins and the CLI: start a campaign over a selection of
 * stations (rotate their certificates, install or delete a trust anchor), follow it with its
 * per-station state, and pause, resume or cancel it. Every campaign and control is logged with who
 * asked for it.
 */
@Path("/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public final class CampaignResource {
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
      String requestedBy) {
    Start withCertificateType(String type) {
      return new Start(
          kind,
          type,
          certificate,
          certificateHashData,
          via,
          selection,
          waveSize,
          concurrency,
          maxFailurePercent,
          stepTimeoutSeconds,
          requestedBy);
    }
  }

  private final CampaignStore store;
  private final CampaignRunner runner;
  private final StationRegistry registry;
  private final StationVersions versions;
  private final AdminAudit audit;
  private final CampaignOrders orders;
  private final RevokedCaSelection revokedCas;

  CampaignResource(
      CampaignStore store,
      CampaignRunner runner,
      StationRegistry registry,
      StationVersions versions,
      MessageSchemas schemas,
      AdminAudit audit,
      RevokedCaSelection revokedCas) {
    this.store = store;
    this.revokedCas = revokedCas;
    this.runner = runner;
    this.registry = registry;
    this.versions = versions;
    this.orders = new CampaignOrders(schemas);
    this.audit = audit;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(
      @Context SecurityContext caller,
      @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
      Start body) {
    if (body == null) {
      throw Problem.MALFORMED_REQUEST.because("the body is the campaign");
    }
    Campaign.Kind kind =
        Campaign.Kind.of(Fields.required(body.kind(), "kind"))
            .orElseThrow(
                () ->
                    Problem.MALFORMED_REQUEST.because(
                        "kind is rotate, install-root or delete-root, not " + body.kind()));
    Selection selection = body.selection();
    boolean offRevokedCa = selection != null && selection.revokedCa() != null;
    // with revokedCa the certificate type may be left to the CA's certificates, so it is checked
    // once the stations are known
    ObjectNode parameters = offRevokedCa ? null : orders.parameters(kind, body);
    if (selection == null) {
      throw Problem.MALFORMED_REQUEST.because("selection is required");
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
      throw Problem.MALFORMED_REQUEST.because(e.getMessage());
    }
    List<String> stations;
    if (offRevokedCa) {
      RevokedCaSelection.Chosen chosen = revokedCa(kind, body);
      parameters = orders.parameters(kind, body.withCertificateType(chosen.certificateType()));
      parameters.putObject("revokedCa").put("id", chosen.caId()).put("subject", chosen.subject());
      stations = chosen.stations();
    } else {
      stations = stations(selection);
    }
    String by = CampaignOrders.name(body.requestedBy(), "requestedBy");
    if (dryRun) { // checked as for real, nothing stored: which stations it would take
      ObjectNode preview = JSON.createObjectNode().put("kind", kind.wire());
      preview
          .put("total", stations.size())
          .put("waves", (stations.size() + plan.waveSize() - 1) / plan.waveSize());
      stations.forEach(preview.putArray("stations")::add);
      // a station that never connected speaks no known OCPP version: it cannot be asked until it
      // connects, and its step fails when it times out
      List<String> never = stations.stream().filter(s -> versions.of(s).isEmpty()).toList();
      never.forEach(preview.putArray("neverConnected")::add);
      if (!never.isEmpty()) {
        preview.put(
            "warning",
            never.size()
                + " of the selected stations never connected: each waits for its first"
                + " connection and counts as failed if the step times out first");
      }
      return Response.ok(preview).build();
    }
    Campaign c;
    try {
      c =
          store.create(
              new CampaignStore.Order(kind, parameters, body.selection(), plan, by), stations);
    } catch (CampaignStore.Overlap e) {
      throw Problem.CAMPAIGN_OVERLAP.because(e.getMessage());
    } catch (CampaignStore.Busy e) {
      throw Problem.CAMPAIGNS_BUSY.because(e.getMessage());
    }
    audit.record(
        AdminEvent.of(
            Actors.of(caller),
            "campaign-start",
            null,
            "done",
            "campaign %d requested by %s: %s %s over %d station(s)%s, waves of %d, %d at once"
                .formatted(
                    c.id(),
                    by,
                    kind.wire(),
                    parameters.path("certificateType").asText(""),
                    stations.size(),
                    parameters.has("revokedCa")
                        ? " off revoked CA " + parameters.path("revokedCa").path("id").asText()
                        : "",
                    plan.waveSize(),
                    plan.concurrency())));
    runner.wake();
    return Response.status(201).entity(Views.campaign(c)).build();
  }

  /**
   * The stations off a revoked CA and the type to rotate; a type given is checked before the CA is
   * asked, so that a misspelt one is {@code unsupported-type} and not an empty selection.
   */
  private RevokedCaSelection.Chosen revokedCa(Campaign.Kind kind, Start body) {
    if (kind != Campaign.Kind.ROTATE) {
      throw Problem.MALFORMED_REQUEST.because(
          "revokedCa selects the stations of a rotate campaign, not of " + kind.wire());
    }
    if (body.certificateType() != null) {
      orders.parameters(kind, body);
    }
    return revokedCas.choose(
        body.selection().revokedCa(), java.util.Optional.ofNullable(body.certificateType()));
  }

  /** The enabled registered stations the selection names (a disabled one could not connect). */
  private List<String> stations(Selection selection) {
    java.util.Set<String> enabled =
        registry.all().stream()
            .filter(Station::enabled)
            .map(Station::id)
            .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    List<String> chosen;
    if (selection.all()) {
      chosen = List.copyOf(enabled);
    } else if (selection.stations() != null) {
      List<String> unknown =
          selection.stations().stream().filter(s -> !enabled.contains(s)).toList();
      if (!unknown.isEmpty()) {
        throw Problem.UNKNOWN_STATION.because(
            "not registered, or disabled: " + String.join(", ", unknown));
      }
      chosen = selection.stations().stream().distinct().toList();
    } else {
      chosen = store.select(selection).stream().filter(enabled::contains).toList();
    }
    if (chosen.isEmpty()) {
      throw Problem.EMPTY_SELECTION.because("the selection has no stations");
    }
    return chosen;
  }

  @GET
  public ArrayNode list(
      @QueryParam("active") @DefaultValue("false") boolean active,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    if (limit < 1 || limit > 1000) {
      throw Problem.MALFORMED_REQUEST.because("limit is 1 to 1000");
    }
    ArrayNode out = JSON.createArrayNode();
    store.list(active, limit).forEach(c -> out.add(Views.campaign(c)));
    return out;
  }

  @GET
  @Path("/{id}")
  public ObjectNode campaign(@PathParam("id") long id) {
    return Views.campaign(found(id));
  }

  @GET
  @Path("/{id}/stations")
  public ArrayNode targets(
      @PathParam("id") long id,
      @QueryParam("state") String state,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("1000") int limit) {
    if (offset < 0 || limit < 1 || limit > 10_000) {
      throw Problem.MALFORMED_REQUEST.because("offset is 0 or more, limit 1 to 10000");
    }
    Optional<Target.State> wanted = Optional.empty();
    if (state != null) {
      wanted =
          Optional.of(
              Target.State.of(state)
                  .orElseThrow(
                      () -> Problem.MALFORMED_REQUEST.because("no station state " + state)));
    }
    found(id);
    ArrayNode out = JSON.createArrayNode();
    store.targets(id, wanted, offset, limit).forEach(t -> out.add(Views.target(t)));
    return out;
  }

  @POST
  @Path("/{id}/{control: pause|resume|cancel}")
  public ObjectNode control(
      @Context SecurityContext caller,
      @PathParam("id") long id,
      @PathParam("control") String control,
      @QueryParam("by") @DefaultValue("admin") String by) {
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
      throw Problem.CAMPAIGNS_BUSY.because(e.getMessage());
    }
    String action = "campaign-" + control;
    if (!moved) {
      Campaign after = found(id);
      String why = "campaign " + id + " is " + after.state().wire() + ": it cannot be " + done;
      audit.record(AdminEvent.of(Actors.of(caller), action, null, "refused", why));
      throw Problem.CAMPAIGN_STATE.because(why);
    }
    audit.record(
        AdminEvent.of(
            Actors.of(caller), action, null, "done", "campaign " + id + " " + done + " by " + by));
    runner.wake();
    return Views.campaign(found(id));
  }

  private Campaign found(long id) {
    return store.find(id).orElseThrow(() -> Problem.NOT_FOUND.because("no campaign " + id));
  }
}
