package dev.pncpki.bridge.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pncpki.bridge.store.AdminEvents;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * {@code GET /v1/audit}: what admins did through this API (registrations, credential changes, CALLs
 * to stations, refusals), newest first, filtered by actor, action, station and outcome; {@code
 * before} an event id pages back.
 */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AdminEvents events;

  AuditResource(AdminEvents events) {
    this.events = events;
  }

  @GET
  public ArrayNode events(
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("station") String station,
      @QueryParam("outcome") String outcome,
      @QueryParam("before") Long before,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    var query =
        new AdminEvents.Query(
            Optional.ofNullable(actor),
            Optional.ofNullable(action),
            Optional.ofNullable(station),
            Optional.ofNullable(outcome),
            Optional.ofNullable(before),
            Fields.within(limit, 1, 1000, "limit"));
    ArrayNode out = JSON.createArrayNode();
    for (AdminEvents.Stored e : events.read(query)) {
      out.addObject()
          .put("id", e.id())
          .put("at", e.at().toString())
          .put("actor", e.actor())
          .put("action", e.action())
          .put("stationId", e.stationId().orElse(null))
          .put("outcome", e.outcome())
          .put("detail", e.detail());
    }
    return out;
  }
}
