package dev.pncpki.ca.app;

import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.problem.Problem;
import dev.pncpki.ca.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** {@code /v1/cas}: the hierarchy's certificates, and each one's chain up to its root (PEM). */
@Path("/v1/cas")
public final class AuthorityResource {
  private final Hierarchy hierarchy;

  AuthorityResource(Hierarchy hierarchy) {
    this.hierarchy = hierarchy;
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
    var out = new StringWriter();
    try (var writer = new JcaPEMWriter(out)) {
      for (X509CertificateHolder c : chain) {
        writer.writeObject(c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
