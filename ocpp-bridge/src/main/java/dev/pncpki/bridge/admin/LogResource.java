package dev.pncpki.bridge.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.logs.LogStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /v1/logs/{requestId}}: one log request and the progress the station reported; {@code
 * /content} is the file it uploaded to the bridge, as an attachment (never rendered: it is the
 * station's text).
 */
@Path("/v1/logs/{requestId}")
public final class LogResource {
  private final LogStore store;

  LogResource(LogStore store) {
    this.store = store;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public ObjectNode request(@PathParam("requestId") int requestId) {
    return StationLogResource.view(
        store
            .find(requestId)
            .orElseThrow(() -> Problem.NOT_FOUND.because("no log request " + requestId)));
  }

  @GET
  @Path("/content")
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  public Response content(@PathParam("requestId") int requestId) {
    var request =
        store
            .find(requestId)
            .orElseThrow(() -> Problem.NOT_FOUND.because("no log request " + requestId));
    byte[] content =
        store
            .content(requestId)
            .orElseThrow(
                () ->
                    Problem.NOT_FOUND.because(
                        "log request "
                            + requestId
                            + " has no file at the bridge yet ("
                            + request.status()
                            + ")"));
    String name = request.filename().orElse("log-" + requestId).replaceAll("[^A-Za-z0-9._-]", "_");
    return Response.ok(content)
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }
}
