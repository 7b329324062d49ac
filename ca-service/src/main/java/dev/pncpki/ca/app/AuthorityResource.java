package dev.pncpki.ca.app;

import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.pem.Pem;
import dev.pncpki.ca.problem.Problem;
import dev.pncpki.ca.problem.ProblemException;
import dev.pncpki.ca.revocation.CrlBusyException;
import dev.pncpki.ca.revocation.CrlPublisher;
import dev.pncpki.ca.revocation.PublishedCrl;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;

/** {@code /v1/cas}: the hierarchy's certificates, and each one's chain up to its root (PEM). */
@Path("/v1/cas")
public final class AuthorityResource {
  private final Hierarchy hierarchy;
  private final CrlPublisher crls;

  AuthorityResource(Hierarchy hierarchy, CrlPublisher crls) {
    this.hierarchy = hierarchy;
    this.crls = crls;
  }

  /** Admin: republish a CA's CRL now (for example after revocations in a maintenance window). */
  @POST
  @Path("/{id}/crl")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> publishCrl(
      @Context SecurityContext security, @PathParam("id") String id) {
    if (!(security.getUserPrincipal() instanceof Caller c) || !c.isAdmin()) {
      throw new ProblemException(Problem.FORBIDDEN, "only admins publish CRLs");
    }
    if (!crls.publishes(id)) {
      throw new ProblemException(Problem.NOT_FOUND, "no CRL for \"" + id + "\"");
    }
    PublishedCrl crl;
    try {
      crl = crls.publish(id);
    } catch (CrlBusyException e) {
      throw new ProblemException(Problem.CRL_BUSY, e.getMessage());
    }
    return Map.of(
        "ca", id,
        "crlNumber", crl.number(),
        "thisUpdate", crl.thisUpdate().toString(),
        "entries", crl.entries(),
        "bytes", crl.length(),
        "nextUpdate", crl.nextUpdate().toString());
  }

  /** One entry of the CA list. */
  public record CaJson(
      String id,
      String profile,
      String issuer,
      String subject,
      String serial,
      Instant notAfter,
      String ocspUrl,
      String crlUrl) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<CaJson> list() {
    return hierarchy.all().stream()
        .map(
            a ->
                new CaJson(
                    a.id(),
                    a.profile().label(),
                    a.issuerId().orElse(null),
                    a.certificate().getSubject().toString(),
                    a.certificate().getSerialNumber().toString(16),
                    a.certificate().getNotAfter().toInstant(),
                    a.profile().id().tier().isCa() ? a.ocspUrl().toString() : null,
                    a.profile().id().tier().isCa() ? a.crlUrl().toString() : null))
        .toList();
  }

  @GET
  @Path("/{id}/chain")
  @Produces("application/pem-certificate-chain")
  public String chain(@PathParam("id") String id) {
    var start =
        hierarchy
            .find(id)
            .orElseThrow(() -> new ProblemException(Problem.NOT_FOUND, "no CA \"" + id + "\""));
    List<X509CertificateHolder> chain = new ArrayList<>();
    chain.add(start.certificate());
    chain.addAll(start.issuerId().map(hierarchy::chainBelowRoot).orElse(List.of()));
    if (start.issuerId().isPresent()) {
      chain.add(hierarchy.rootOf(id));
    }
    return Pem.of(chain);
  }
}
