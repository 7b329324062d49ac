package dev.pncpki.ca.api;

import dev.pncpki.ca.refusal.PlainText;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.roots.RootPool;
import dev.pncpki.ca.roots.RootType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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
 * {@code /v1/root/rootCerts}: the root certificate pool in the shape of Open Plug&Charge's RCP API
 * (1.0.0): any authenticated caller reads it, an admin adds (PUT) and removes (DELETE) roots.
 */
@Path("/v1/root/rootCerts")
@Produces(MediaType.APPLICATION_JSON)
public final class RootCertResource {
  private final RootPool pool;

  public RootCertResource(RootPool pool) {
    this.pool = pool;
  }

  /**
   * Body of PUT: OPCP's {@code caCertificate} (base64 DER, or PEM) and {@code rootType}, and the
   * root's SHA-256 {@code fingerprint} as confirmed with its operator out of band.
   */
  public record PutBody(String caCertificate, String rootType, String fingerprint) {
    public PutBody {
      PlainText.block("caCertificate", caCertificate);
      PlainText.line("rootType", rootType);
      PlainText.line("fingerprint", fingerprint);
    }
  }

  /**
   * Without {@code rootType}, the roots of OPCP's types (V2G, MO, OEM, PE), so that the answer is a
   * valid OPCP one; {@code includeOcpp=true} adds the CSMS and manufacturer roots, which OPCP does
   * not pool, as does asking for their type.
   */
  @GET
  public RootCertJson.Collection all(
      @QueryParam("rootType") String rootType, @QueryParam("includeOcpp") String includeOcpp) {
    if (includeOcpp != null && !includeOcpp.equals("true") && !includeOcpp.equals("false")) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST,
          "includeOcpp must be true or false, not \"" + includeOcpp + "\"");
    }
    Optional<RootType> type = Optional.ofNullable(rootType).map(t -> RootType.parse("rootType", t));
    boolean ocpp = type.isPresent() || "true".equals(includeOcpp);
    return RootCertJson.Collection.of(
        pool.list(type).stream().filter(r -> ocpp || r.type().iso15118()).toList());
  }

  @GET
  @Path("/{rootCertificateId}")
  public RootCertJson.One one(@PathParam("rootCertificateId") String id) {
    return new RootCertJson.One(RootCertJson.of(pool.get(id)));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Response put(@Context SecurityContext security, PutBody body) {
    if (body == null) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST,
          "a JSON body with caCertificate, rootType and fingerprint is required");
    }
    var root =
        pool.add(
            CertificateResource.caller(security),
            new RootPool.Addition(
                RootType.parse("rootType", body.rootType()),
                body.caCertificate(),
                body.fingerprint()));
    return Response.ok(new RootCertJson.One(RootCertJson.of(root))).build();
  }

  @DELETE
  @Path("/{rootCertificateId}")
  public Response delete(
      @Context SecurityContext security, @PathParam("rootCertificateId") String id) {
    pool.remove(CertificateResource.caller(security), id);
    return Response.ok().build();
  }
}
