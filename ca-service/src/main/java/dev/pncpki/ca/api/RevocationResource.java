package dev.pncpki.ca.api;

import com.codahale.metrics.annotation.Timed;
import dev.pncpki.ca.problem.Problem;
import dev.pncpki.ca.problem.ProblemException;
import dev.pncpki.ca.revocation.CrlPublisher;
import dev.pncpki.ca.revocation.OcspResponder;
import dev.pncpki.ca.revocation.PublishedCrl;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Revocation status for relying parties, unauthenticated: the CRL of each CA at the URL in its
 * certificates' CRL distribution point, and the RFC 6960 OCSP responder (POST, and GET with the
 * base64 request in the path, which caching proxies can serve).
 */
@Path("/")
public final class RevocationResource {
  static final String OCSP_REQUEST = "application/ocsp-request";
  static final String OCSP_RESPONSE = "application/ocsp-response";
  private final CrlPublisher crls;
  private final OcspResponder ocsp;

  public RevocationResource(CrlPublisher crls, OcspResponder ocsp) {
    this.crls = crls;
    this.ocsp = ocsp;
  }

  @GET
  @Path("crl/{id}.crl")
  @Produces("application/pkix-crl")
  @Timed(name = "crl")
  public Response crl(@PathParam("id") String id) {
    PublishedCrl crl =
        crls.current(id)
            .orElseThrow(
                () -> new ProblemException(Problem.NOT_FOUND, "no CRL for \"" + id + "\""));
    return Response.ok(crl.der())
        .header("Cache-Control", "max-age=" + maxAge(crl.nextUpdate()))
        .build();
  }

  @POST
  @Path("ocsp/{id}")
  @Consumes(OCSP_REQUEST)
  @Produces(OCSP_RESPONSE)
  @Timed(name = "ocsp-post")
  public byte[] ocspPost(@PathParam("id") String id, byte[] request) {
    return ocsp.respond(id, request);
  }

  @GET
  @Path("ocsp/{id}/{request: .+}")
  @Produces(OCSP_RESPONSE)
  @Timed(name = "ocsp-get")
  public Response ocspGet(@PathParam("id") String id, @PathParam("request") String encoded) {
    byte[] request;
    try {
      request =
          Base64.getDecoder()
              .decode(
                  java.net.URLDecoder.decode(encoded, java.nio.charset.StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      request = new byte[0]; // the responder answers malformedRequest
    }
    return Response.ok(ocsp.respond(id, request)).header("Cache-Control", "max-age=300").build();
  }

  private static long maxAge(Instant nextUpdate) {
    return Math.max(0, Duration.between(Instant.now(), nextUpdate).toSeconds());
  }
}
