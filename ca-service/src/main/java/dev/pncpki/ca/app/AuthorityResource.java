package dev.pncpki.ca.app;

import dev.pncpki.ca.api.AffectedJson;
import dev.pncpki.ca.api.CaRevocationJson;
import dev.pncpki.ca.api.CertificateResource;
import dev.pncpki.ca.api.RevokeCaBody;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.issuance.AffectedCertificates;
import dev.pncpki.ca.issuance.AuthorityRevocation;
import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.pem.Pem;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.revocation.CrlBusyException;
import dev.pncpki.ca.revocation.CrlPublisher;
import dev.pncpki.ca.revocation.PublishedCrl;
import dev.pncpki.ca.revocation.RevocationReason;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * {@code /v1/cas}: the hierarchy's certificates and their status, each one's chain up to its root
 * (PEM), and for admins: a CA's revocation and the certificates whose chains run through it.
 */
@Path("/v1/cas")
public final class AuthorityResource {
  private final Hierarchy hierarchy;
  private final CrlPublisher crls;
  private final AuthorityRevocation revocation;
  private final AffectedCertificates affected;

  AuthorityResource(
      Hierarchy hierarchy,
      CrlPublisher crls,
      AuthorityRevocation revocation,
      AffectedCertificates affected) {
    this.hierarchy = hierarchy;
    this.crls = crls;
    this.revocation = revocation;
    this.affected = affected;
  }

  /** Admin: revokes a Sub-CA, OCSP signer or CPS leaf of the hierarchy (RFC 5280 5.3.1 reason). */
  @POST
  @Path("/{id}/revoke")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public CaRevocationJson revoke(
      @Context SecurityContext security, @PathParam("id") String id, RevokeCaBody body) {
    RevocationReason reason = CertificateResource.reason(body == null ? null : body.reason());
    return CaRevocationJson.of(revocation.revoke(caller(security), id, reason));
  }

  /** Admin: the certificates whose chains run through the CA, a page at a time. */
  @GET
  @Path("/{id}/affected")
  @Produces(MediaType.APPLICATION_JSON)
  public AffectedJson affected(
      @Context SecurityContext security,
      @PathParam("id") String id,
      @QueryParam("status") String status,
      @QueryParam("after") String after,
      @QueryParam("limit") String limit) {
    return AffectedJson.of(
        affected.list(
            caller(security),
            id,
            Optional.ofNullable(status),
            Optional.ofNullable(after),
            limit(limit)));
  }

  /** Admin: republish a CA's CRL now (for example after revocations in a maintenance window). */
  @POST
  @Path("/{id}/crl")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> publishCrl(
      @Context SecurityContext security, @PathParam("id") String id) {
    if (!(security.getUserPrincipal() instanceof Caller c) || !c.isAdmin()) {
      throw new RefusedException(Refusal.FORBIDDEN, "only admins publish CRLs");
    }
    if (!crls.publishes(id)) {
      throw new RefusedException(Refusal.NOT_FOUND, "no CRL for \"" + id + "\"");
    }
    PublishedCrl crl;
    try {
      crl = crls.publish(id);
    } catch (CrlBusyException e) {
      throw new RefusedException(Refusal.CRL_BUSY, e.getMessage());
    }
    return Map.of(
        "ca", id,
        "crlNumber", crl.number(),
        "thisUpdate", crl.thisUpdate().toString(),
        "entries", crl.entries(),
        "bytes", crl.length(),
        "nextUpdate", crl.nextUpdate().toString());
  }

  /**
   * One entry of the CA list; {@code status} is valid, revoked (it or a CA above) or expired;
   * {@code rootSha256} the fingerprint of the root its chain ends at (which V2G root a CPO Sub-CA's
   * SECC certificates reach).
   */
  public record CaJson(
      String id,
      String profile,
      String issuer,
      String subject,
      String serial,
      Instant notAfter,
      String status,
      String ocspUrl,
      String crlUrl,
      String rootSha256) {}

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
                    !hierarchy.isLive(a.id())
                        ? "revoked"
                        : a.notAfter().isBefore(Instant.now()) ? "expired" : "valid",
                    a.profile().id().tier().isCa() ? a.ocspUrl().toString() : null,
                    a.profile().id().tier().isCa() ? a.crlUrl().toString() : null,
                    hierarchy.rootSha256(a.id())))
        .toList();
  }

  private static Caller caller(SecurityContext security) {
    if (security.getUserPrincipal() instanceof Caller c) {
      return c;
    }
    throw new RefusedException(Refusal.UNAUTHENTICATED, "no credential");
  }

  private static int limit(String value) {
    if (value == null) {
      return AffectedCertificates.DEFAULT_LIMIT;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST, "limit must be a whole number, not \"" + value + "\"");
    }
  }

  @GET
  @Path("/{id}/chain")
  @Produces("application/pem-certificate-chain")
  public String chain(@PathParam("id") String id) {
    var start =
        hierarchy
            .find(id)
            .orElseThrow(() -> new RefusedException(Refusal.NOT_FOUND, "no CA \"" + id + "\""));
    List<X509CertificateHolder> chain = new ArrayList<>();
    chain.add(start.certificate());
    chain.addAll(start.issuerId().map(hierarchy::chainBelowRoot).orElse(List.of()));
    if (start.issuerId().isPresent()) {
      chain.add(hierarchy.rootOf(id));
    }
    return Pem.of(chain);
  }
}
