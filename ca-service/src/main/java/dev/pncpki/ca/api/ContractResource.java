package dev.pncpki.ca.api;

import com.codahale.metrics.annotation.Timed;
import dev.pncpki.ca.contract.Contracts;
import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.refusal.PlainText;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.revocation.RevocationReason;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.util.List;

/**
 * {@code /v1/contracts}: mobility operators issue, renew and revoke contracts; the vehicle's OEM
 * reads them to deliver them.
 */
@Path("/v1/contracts")
@Produces(MediaType.APPLICATION_JSON)
public final class ContractResource {
  private final Contracts contracts;
  private final Hierarchy hierarchy;
  private final Clock clock;

  public ContractResource(Contracts contracts, Hierarchy hierarchy, Clock clock) {
    this.contracts = contracts;
    this.hierarchy = hierarchy;
    this.clock = clock;
  }

  /** Body of POST /v1/contracts/{emaid}/{pcid}/update. */
  public record UpdateBody(Integer validityDays) {}

  /** Body of POST /v1/contracts/{emaid}/{pcid}/revoke. */
  public record RevokeBody(String reason) {
    public RevokeBody {
      PlainText.line("reason", reason);
    }
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Timed(name = "contract-issuance")
  public Response issue(
      @Context SecurityContext security,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      Contracts.IssueContract body) {
    if (body == null) {
      throw new RefusedException(Refusal.MALFORMED_REQUEST, "a JSON body with pcid is required");
    }
    var row =
        contracts.issue(
            CertificateResource.caller(security),
            body,
            CertificateResource.idempotencyKey(idempotencyKey));
    return Response.status(201).entity(json(row)).build();
  }

  @GET
  public List<ContractJson.Contract> search(
      @Context SecurityContext security,
      @QueryParam("pcid") String pcid,
      @QueryParam("emaid") String emaid,
      @QueryParam("limit") Integer limit) {
    return contracts.search(CertificateResource.caller(security), pcid, emaid, limit).stream()
        .map(this::json)
        .toList();
  }

  @GET
  @Path("/{emaid}/{pcid}")
  public ContractJson.Contract get(
      @Context SecurityContext security,
      @PathParam("emaid") String emaid,
      @PathParam("pcid") String pcid) {
    return json(contracts.get(CertificateResource.caller(security), emaid, pcid));
  }

  @POST
  @Path("/{emaid}/{pcid}/update")
  @Consumes(MediaType.APPLICATION_JSON)
  @Timed(name = "contract-update")
  public Response update(
      @Context SecurityContext security,
      @PathParam("emaid") String emaid,
      @PathParam("pcid") String pcid,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      UpdateBody body) {
    Integer days = body == null ? null : body.validityDays();
    var row =
        contracts.update(
            CertificateResource.caller(security),
            emaid,
            pcid,
            days,
            CertificateResource.idempotencyKey(idempotencyKey));
    return Response.status(201).entity(json(row)).build();
  }

  @POST
  @Path("/{emaid}/{pcid}/revoke")
  @Consumes(MediaType.APPLICATION_JSON)
  public ContractJson.Contract revoke(
      @Context SecurityContext security,
      @PathParam("emaid") String emaid,
      @PathParam("pcid") String pcid,
      RevokeBody body) {
    RevocationReason reason = CertificateResource.reason(body == null ? null : body.reason());
    return json(contracts.revoke(CertificateResource.caller(security), emaid, pcid, reason));
  }

  private ContractJson.Contract json(dev.pncpki.ca.contract.ContractRow row) {
    return ContractJson.Contract.of(row, hierarchy, clock.instant());
  }
}
