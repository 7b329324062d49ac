package dev.pncpki.bridge.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.audit.AdminAudit;
import dev.pncpki.bridge.audit.AdminAudit.AdminEvent;
import dev.pncpki.bridge.outbox.Outbox;
import dev.pncpki.bridge.store.SecurityEvents;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code /v1/deliveries} and {@code /v1/security-events} on the bridge, for admins: how far one
 * outbox delivery got (cancel it while it waits), and the security events of the fleet or of one
 * station.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class DeliveryResource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Outbox outbox;
  private final SecurityEvents events;
  private final AdminAudit audit;

  DeliveryResource(Outbox outbox, SecurityEvents events, AdminAudit audit) {
    this.outbox = outbox;
    this.events = events;
    this.audit = audit;
  }

  @GET
  @Path("/deliveries/{id}")
  public ObjectNode delivery(@PathParam("id") long id) {
    return Views.delivery(
        outbox.find(id).orElseThrow(() -> Problem.NOT_FOUND.because("no delivery " + id)));
  }

  @POST
  @Path("/deliveries/{id}/cancel")
  public ObjectNode cancel(@Context SecurityContext caller, @PathParam("id") long id) {
    var found = outbox.find(id).orElseThrow(() -> Problem.NOT_FOUND.because("no delivery " + id));
    String what = "delivery " + id + " (" + found.action() + ")";
    if (!outbox.cancel(id)) {
      String why = what + " is " + found.state().wire() + "; only pending ones can be cancelled";
      audit.record(
          AdminEvent.of(Actors.of(caller), "delivery-cancel", found.stationId(), "refused", why));
      throw Problem.NOT_CANCELLABLE.because(why);
    }
    audit.record(
        AdminEvent.of(Actors.of(caller), "delivery-cancel", found.stationId(), "done", what));
    return Views.delivery(outbox.find(id).orElseThrow());
  }

  @GET
  @Path("/security-events")
  public ArrayNode securityEvents(
      @QueryParam("station") String station, @QueryParam("limit") @DefaultValue("100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw Problem.MALFORMED_REQUEST.because("limit is 1 to 1000");
    }
    ArrayNode out = JSON.createArrayNode();
    events.recent(station, limit).forEach(e -> out.add(Views.event(e)));
    return out;
  }
}
