package dev.pncpki.bridge.admin;

import dev.pncpki.bridge.security.ProfileUpgrade;
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
 * {@code POST /v1/stations/{id}/security-profile}: moves the station to a higher security profile
 * (OCPP 2.0.1 A05: SetNetworkProfile, NetworkConfigurationPriority, Reset; 1.6 ChangeConfiguration
 * SecurityProfile). A lower or equal profile is refused (409). The answer is the first step's
 * delivery; the station is at the new profile from its first connection at it, after which the old
 * profile is refused.
 */
@Path("/v1/stations/{id}/security-profile")
@Produces(MediaType.APPLICATION_JSON)
public final class SecurityProfileResource {
  /** Body: the profile, and for 3 the client certificate binding unless one is registered. */
  public record Upgrade(
      Integer securityProfile,
      StationsResource.ClientCertificate clientCertificate,
      Integer configurationSlot,
      String networkConfigurationPriority,
      String ocppInterface) {}

  private final ProfileUpgrade upgrades;
  private final StationCalls calls;

  SecurityProfileResource(ProfileUpgrade upgrades, StationCalls calls) {
    this.upgrades = upgrades;
    this.calls = calls;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response upgrade(
      @Context SecurityContext caller,
      @PathParam("id") String id,
      @QueryParam("wait") @DefaultValue("30") int wait,
      Upgrade body) {
    Fields.within(wait, 0, 60, "wait (seconds)");
    if (body == null || body.securityProfile() == null) {
      throw Problem.MALFORMED_REQUEST.because("securityProfile is required");
    }
    if (body.configurationSlot() != null
        && (body.configurationSlot() < 0 || body.configurationSlot() > 9)) {
      throw Problem.MALFORMED_REQUEST.because("configurationSlot is 0 to 9");
    }
    if (body.networkConfigurationPriority() != null
        && !body.networkConfigurationPriority().matches("[0-9](,[0-9]){0,9}")) {
      throw Problem.MALFORMED_REQUEST.because(
          "networkConfigurationPriority is a comma-separated list of slots, e.g. 1,0");
    }
    if (body.ocppInterface() != null && !body.ocppInterface().matches("Wired[0-3]|Wireless[0-3]")) {
      throw Problem.MALFORMED_REQUEST.because("ocppInterface is Wired0-3 or Wireless0-3");
    }
    var delivery =
        upgrades.upgrade(
            Actors.of(caller),
            id,
            body.securityProfile(),
            StationsResource.binding(body.clientCertificate()),
            new ProfileUpgrade.Options(
                Optional.ofNullable(body.configurationSlot()),
                Optional.ofNullable(body.networkConfigurationPriority()),
                Optional.ofNullable(body.ocppInterface())));
    return calls.answer(delivery, wait);
  }
}
