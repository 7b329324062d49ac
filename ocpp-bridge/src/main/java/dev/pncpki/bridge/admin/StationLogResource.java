package dev.pncpki.bridge.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.logs.LogRequest;
import dev.pncpki.bridge.logs.LogRetrieval;
import dev.pncpki.bridge.logs.LogStore;
import dev.pncpki.bridge.logs.LogType;
import dev.pncpki.bridge.station.Registration;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code /v1/stations/{id}/logs}: asks the station for its security (or diagnostics) log with
 * GetLog, uploaded to the bridge unless {@code remoteLocation} names another target; and lists the
 * station's log requests with the progress it reported. {@code GET /v1/logs/{requestId}} follows
 * one, {@code .../content} downloads the file.
 */
@Path("/v1/stations/{id}/logs")
@Produces(MediaType.APPLICATION_JSON)
public final class StationLogResource {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Body of POST: all optional; logType SecurityLog by default. */
  public record Ask(
      String logType, String oldestTimestamp, String latestTimestamp, String remoteLocation) {}

  private final LogRetrieval logs;
  private final LogStore store;
  private final Registration registration;
  private final StationCalls calls;

  StationLogResource(
      LogRetrieval logs, LogStore store, Registration registration, StationCalls calls) {
    this.logs = logs;
    this.store = store;
    this.registration = registration;
    this.calls = calls;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response ask(
      @Context SecurityContext caller,
      @PathParam("id") String id,
      @QueryParam("wait") @DefaultValue("30") int wait,
      Ask body) {
    Fields.within(wait, 0, 60, "wait (seconds)");
    Ask a = body == null ? new Ask(null, null, null, null) : body;
    LogType type =
        a.logType() == null
            ? LogType.SECURITY_LOG
            : LogType.of(a.logType())
                .orElseThrow(
                    () ->
                        Problem.MALFORMED_REQUEST.because(
                            "logType is SecurityLog or DiagnosticsLog"));
    if (a.remoteLocation() != null
        && !a.remoteLocation().matches("(https?|ftps?|sftp)://\\S{1,500}")) {
      throw Problem.MALFORMED_REQUEST.because(
          "remoteLocation is an http(s), ftp(s) or sftp URL of at most 512 characters");
    }
    var asked =
        logs.ask(
            Actors.of(caller),
            id,
            new LogRetrieval.Ask(
                type,
                time(a.oldestTimestamp(), "oldestTimestamp"),
                time(a.latestTimestamp(), "latestTimestamp"),
                Optional.ofNullable(a.remoteLocation())));
    Response delivery = calls.answer(asked.delivery(), wait);
    ObjectNode out = view(store.find(asked.request().requestId()).orElse(asked.request()));
    out.set("delivery", (ObjectNode) delivery.getEntity());
    return Response.status(delivery.getStatus()).entity(out).build();
  }

  @GET
  public ArrayNode list(
      @PathParam("id") String id, @QueryParam("limit") @DefaultValue("20") int limit) {
    registration.find(id);
    ArrayNode out = JSON.createArrayNode();
    store.forStation(id, Fields.within(limit, 1, 1000, "limit")).forEach(r -> out.add(view(r)));
    return out;
  }

  private static Optional<Instant> time(String value, String field) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      throw Problem.MALFORMED_REQUEST.because(
          field + " is an ISO 8601 time, e.g. 2026-12-01T00:00:00Z");
    }
  }

  static ObjectNode view(LogRequest r) {
    ObjectNode out =
        JSON.createObjectNode()
            .put("requestId", r.requestId())
            .put("stationId", r.stationId())
            .put("logType", r.type().wire())
            .put("status", r.status())
            .put("finished", r.finished())
            .put("remoteLocation", LogRequest.withoutCredentials(r.remoteLocation()))
            .put("filename", r.filename().orElse(null))
            .put("requestedBy", r.requestedBy())
            .put("createdAt", r.createdAt().toString())
            .put("updatedAt", r.updatedAt().toString());
    r.deliveryId().ifPresent(d -> out.put("deliveryId", d));
    ArrayNode history = out.putArray("history");
    r.history()
        .forEach(s -> history.addObject().put("status", s.status()).put("at", s.at().toString()));
    r.upload()
        .ifPresent(
            u ->
                out.putObject("upload")
                    .put("size", u.size())
                    .put("contentType", u.contentType())
                    .put("at", u.at().toString()));
    return out;
  }
}
