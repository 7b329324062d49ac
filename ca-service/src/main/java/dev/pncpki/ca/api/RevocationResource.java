package dev.pncpki.ca.api;

import com.codahale.metrics.annotation.Timed;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.revocation.CrlBusyException;
import dev.pncpki.ca.revocation.CrlPublisher;
import dev.pncpki.ca.revocation.PublishedCrl;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The CRL of each CA, unauthenticated, at the URL in its certificates' CRL distribution point,
 * streamed from the store to the client. OCSP is served by {@link OcspServlet}.
 */
@Path("/")
public final class RevocationResource {
  private final CrlPublisher crls;
  private final Clock clock;

  public RevocationResource(CrlPublisher crls, Clock clock) {
    this.crls = crls;
    this.clock = clock;
  }

  @GET
  @Path("crl/{id}.crl")
  @Produces("application/pkix-crl")
  @Timed(name = "crl")
  public Response crl(@PathParam("id") String id) {
    PublishedCrl crl;
    try {
      crl =
          crls.current(id)
              .orElseThrow(
                  () -> new RefusedException(Refusal.NOT_FOUND, "no CRL for \"" + id + "\""));
    } catch (CrlBusyException e) {
      throw new RefusedException(Refusal.CRL_BUSY, e.getMessage());
    }
    StreamingOutput body =
        out -> {
          try (InputStream in = crls.open(crl)) {
            in.transferTo(out);
          }
        };
    return Response.ok(body)
        .header("Content-Length", crl.length())
        .header("ETag", "\"" + crl.caId() + "-" + crl.number() + "\"")
        .header("Cache-Control", "max-age=" + maxAge(crl.nextUpdate()))
        .build();
  }

  private long maxAge(Instant nextUpdate) {
    return Math.max(0, Duration.between(clock.instant(), nextUpdate).toSeconds());
  }
}
