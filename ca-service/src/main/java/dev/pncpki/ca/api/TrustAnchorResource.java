package dev.pncpki.ca.api;

import dev.pncpki.ca.contract.TrustAnchors;
import dev.pncpki.ca.refusal.PlainText;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** {@code /v1/trust-anchors}: the OEM roots provisioning certificates must chain to (admins). */
@Path("/v1/trust-anchors")
@Produces(MediaType.APPLICATION_JSON)
public final class TrustAnchorResource {
  private final TrustAnchors anchors;

  public TrustAnchorResource(TrustAnchors anchors) {
    this.anchors = anchors;
  }

  /**
   * Body of POST /v1/trust-anchors: {@code pki} is "oem", {@code oem} the OEM tenant whose root it
   * is; the certificate is base64 DER or PEM.
   */
  public record AddBody(String pki, String oem, String certificate) {
    public AddBody {
      PlainText.line("pki", pki);
      PlainText.line("oem", oem);
      PlainText.block("certificate", certificate);
    }
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response add(@Context SecurityContext security, AddBody body) {
    if (body == null) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST, "a JSON body with pki and certificate is required");
    }
    var row =
        anchors.add(
            CertificateResource.caller(security), body.pki(), body.oem(), body.certificate());
    return Response.status(201).entity(ContractJson.TrustAnchor.of(row)).build();
  }

  @GET
  public List<ContractJson.TrustAnchor> list(@Context SecurityContext security) {
    return anchors.list(CertificateResource.caller(security)).stream()
        .map(ContractJson.TrustAnchor::of)
        .toList();
  }

  @DELETE
  @Path("/{id}")
  public Response remove(@Context SecurityContext security, @PathParam("id") String id) {
    anchors.remove(CertificateResource.caller(security), id);
    return Response.noContent().build();
  }
}
