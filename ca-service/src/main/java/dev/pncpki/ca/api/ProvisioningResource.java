package dev.pncpki.ca.api;

import dev.pncpki.ca.contract.ProvisioningPool;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * {@code /v1/oem/provCerts}: the provisioning-certificate pool, at the Open Plug&Charge path. OEM
 * backends upload (PUT) and delete their vehicles' provisioning certificates.
 */
@Path("/v1/oem/provCerts")
@Produces(MediaType.APPLICATION_JSON)
public final class ProvisioningResource {
  private final ProvisioningPool pool;

  public ProvisioningResource(ProvisioningPool pool) {
    this.pool = pool;
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Response upload(@Context SecurityContext security, ProvisioningPool.Upload body) {
    if (body == null) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST,
          "a JSON body with provisioningCertificate and subCa1Certificate is required");
    }
    var row = pool.upload(CertificateResource.caller(security), body);
    return Response.status(201).entity(ContractJson.ProvisioningCertificate.of(row)).build();
  }

  @GET
  public List<ContractJson.ProvisioningCertificate> list(@Context SecurityContext security) {
    return pool.list(CertificateResource.caller(security)).stream()
        .map(ContractJson.ProvisioningCertificate::of)
        .toList();
  }

  @GET
  @Path("/{pcid}")
  public ContractJson.ProvisioningCertificate get(
      @Context SecurityContext security, @PathParam("pcid") String pcid) {
    return ContractJson.ProvisioningCertificate.of(
        pool.get(CertificateResource.caller(security), pcid));
  }

  @DELETE
  @Path("/{pcid}")
  public Response delete(@Context SecurityContext security, @PathParam("pcid") String pcid) {
    pool.delete(CertificateResource.caller(security), pcid);
    return Response.noContent().build();
  }
}
