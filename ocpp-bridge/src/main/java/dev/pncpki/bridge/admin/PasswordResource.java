package dev.pncpki.bridge.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.security.PasswordRotation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/**
 * {@code POST /v1/stations/{id}/password}: rotates the station's HTTP Basic password (OCPP 2.0.1
 * SetVariables SecurityCtrlr.BasicAuthPassword; 1.6 ChangeConfiguration AuthorizationKey). Without
 * a password in the body a strong one is made and shown in this answer only. The new password takes
 * effect when the station accepts it; the old one keeps working until then, and after a refusal.
 */
@Path("/v1/stations/{id}/password")
@Produces(MediaType.APPLICATION_JSON)
public final class PasswordResource {
  /** Body: the new password, or nothing for a made one. */
  public record Rotate(String password) {}

  private final PasswordRotation rotation;
  private final StationCalls calls;

  PasswordResource(PasswordRotation rotation, StationCalls calls) {
    this.rotation = rotation;
    this.calls = calls;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response rotate(
      @Context SecurityContext caller,
      @PathParam("id") String id,
      @QueryParam("wait") @DefaultValue("30") int wait,
      Rotate body) {
    Fields.within(wait, 0, 60, "wait (seconds)");
    PasswordRotation.Rotation r =
        rotation.rotate(Actors.of(caller), id, Optional.ofNullable(body).map(Rotate::password));
    Response answer = calls.answer(r.delivery(), wait);
    ObjectNode out = ((ObjectNode) answer.getEntity()).deepCopy();
    r.generatedPassword().ifPresent(p -> out.put("password", p));
    return Response.status(answer.getStatus())
        .header("Cache-Control", "no-store")
        .entity(out)
        .build();
  }
}
