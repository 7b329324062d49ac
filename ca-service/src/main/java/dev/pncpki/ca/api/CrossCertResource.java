package dev.pncpki.ca.api;

import dev.pncpki.ca.pem.Pem;
import dev.pncpki.ca.refusal.PlainText;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.roots.CrossCertificate;
import dev.pncpki.ca.roots.CrossCertificates;
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
 * {@code /v1/root/crossCerts}: cross-certificates between roots (docs/roots.md); any authenticated
 * caller reads them, an admin adds (PUT) and removes (DELETE) them.
 */
@Path("/v1/root/crossCerts")
@Produces(MediaType.APPLICATION_JSON)
public final class CrossCertResource {
  /** Body of PUT: the cross-certificate, PEM or base64 DER. */
  public record PutBody(String certificate) {
    public PutBody {
      PlainText.block("certificate", certificate);
    }
  }

  /** One cross-certificate as the API writes it. */
  public record CrossCertJson(
      String fingerprint,
      String subject,
      String issuer,
      String subjectRootFingerprint,
      String issuerRootFingerprint,
      String validTo,
      String certificate,
      String addedBy,
      String addedAt) {
    static CrossCertJson of(CrossCertificate c) {
      return new CrossCertJson(
          c.sha256(),
          c.certificate().getSubject().toString(),
          c.certificate().getIssuer().toString(),
          c.subjectRootSha256(),
          c.issuerRootSha256(),
          c.notAfter().toString(),
          Pem.of(List.of(c.certificate())),
          c.addedBy(),
          c.addedAt().toString());
    }
  }

  private final CrossCertificates crosses;

  public CrossCertResource(CrossCertificates crosses) {
    this.crosses = crosses;
  }

  @GET
  public List<CrossCertJson> all() {
    return crosses.list().stream().map(CrossCertJson::of).toList();
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public CrossCertJson put(@Context SecurityContext security, PutBody body) {
    if (body == null) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST, "a JSON body with the certificate is required");
    }
    return CrossCertJson.of(crosses.add(CertificateResource.caller(security), body.certificate()));
  }

  @DELETE
  @Path("/{fingerprint}")
  public Response delete(
      @Context SecurityContext security, @PathParam("fingerprint") String fingerprint) {
    crosses.remove(CertificateResource.caller(security), fingerprint);
    return Response.ok().build();
  }
}
