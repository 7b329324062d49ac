package dev.pncpki.ca.api;

import com.codahale.metrics.annotation.Timed;
import dev.pncpki.ca.problem.Problem;
import dev.pncpki.ca.problem.ProblemException;
import dev.pncpki.ca.revocation.CrlPublisher;
import dev.pncpki.ca.revocation.PublishedCrl;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;

/**
 * The CRL of each CA, unauthenticated, at the URL in its certificates' CRL distribution point. OCSP
 * is served by {@link OcspServlet}.
 */
@Path("/")
public final class RevocationResource {
  private final CrlPublisher crls;

  public RevocationResource(CrlPublisher crls) {
    this.crls = crls;
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

  private static long maxAge(Instant nextUpdate) {
    return Math.max(0, Duration.between(Instant.now(), nextUpdate).toSeconds());
  }
}
