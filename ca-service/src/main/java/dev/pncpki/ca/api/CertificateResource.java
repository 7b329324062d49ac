package dev.pncpki.ca.api;

import com.codahale.metrics.annotation.ExceptionMetered;
import com.codahale.metrics.annotation.Timed;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.issuance.CertificateAuthority;
import dev.pncpki.ca.issuance.CertificateRecords;
import dev.pncpki.ca.issuance.CertificateState;
import dev.pncpki.ca.issuance.IssueRequest;
import dev.pncpki.ca.refusal.PlainText;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.revocation.RevocationReason;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code /v1/certificates}: issue from a CSR, read, search, list expiring, revoke. */
@Path("/v1/certificates")
@Produces(MediaType.APPLICATION_JSON)
public final class CertificateResource {
  private final CertificateAuthority authority;
  private final CertificateRecords records;

  public CertificateResource(CertificateAuthority authority, CertificateRecords records) {
    this.authority = authority;
    this.records = records;
  }

  /** Body of POST /v1/certificates. */
  public record IssueBody(
      String profile,
      String csr,
      String issuer,
      Integer validityDays,
      String identity,
      String root) {
    public IssueBody {
      PlainText.line("profile", profile);
      PlainText.block("csr", csr);
      PlainText.line("issuer", issuer);
      PlainText.line("identity", identity);
      PlainText.line("root", root);
    }
  }

  /** Body of POST /v1/certificates/{serial}/revoke. */
  public record RevokeBody(String reason, String issuer) {
    public RevokeBody {
      PlainText.line("reason", reason);
      PlainText.line("issuer", issuer);
    }
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Timed(name = "issuance")
  @ExceptionMetered(name = "issuance-refused")
  public Response issue(
      @Context SecurityContext security,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      IssueBody body) {
    if (body == null) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST, "a JSON body with profile and csr is required");
    }
    var issued =
        authority.issue(
            caller(security),
            new IssueRequest(
                body.profile(),
                body.csr(),
                Optional.ofNullable(body.issuer()),
                Optional.ofNullable(body.validityDays()),
                Optional.ofNullable(body.identity()),
                idempotencyKey(idempotencyKey),
                Optional.ofNullable(body.root())));
    return Response.status(201).entity(CertificateJson.of(issued)).build();
  }

  /** The {@code Idempotency-Key} header, checked: 1 to 200 characters of plain text. */
  static Optional<String> idempotencyKey(String header) {
    if (header != null && (header.isBlank() || header.length() > 200)) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST, "Idempotency-Key must be 1..200 characters");
    }
    PlainText.line("Idempotency-Key", header);
    return Optional.ofNullable(header);
  }

  @GET
  @Path("/{serial}")
  public CertificateJson get(
      @Context SecurityContext security,
      @PathParam("serial") String serial,
      @QueryParam("issuer") String issuer) {
    return CertificateJson.of(records.get(caller(security), serial, Optional.ofNullable(issuer)));
  }

  @GET
  public List<CertificateJson> search(
      @Context SecurityContext security,
      @QueryParam("cn") String cn,
      @QueryParam("status") String status,
      @QueryParam("expiringBefore") String expiringBefore,
      @QueryParam("limit") Integer limit) {
    Instant before = TimeParameter.parse("expiringBefore", expiringBefore);
    return records
        .search(
            caller(security),
            Optional.ofNullable(cn),
            Optional.ofNullable(status).map(CertificateState::parse),
            Optional.ofNullable(before),
            limit == null ? 100 : limit)
        .stream()
        .map(CertificateJson::of)
        .toList();
  }

  @POST
  @Path("/{serial}/revoke")
  @Timed(name = "revocation")
  @Consumes(MediaType.APPLICATION_JSON)
  public CertificateJson revoke(
      @Context SecurityContext security, @PathParam("serial") String serial, RevokeBody body) {
    RevocationReason reason = reason(body == null ? null : body.reason());
    return CertificateJson.of(
        records.revoke(caller(security), serial, Optional.ofNullable(body.issuer()), reason));
  }

  /** The RFC 5280 reason of a revocation request body, or a 400 that says what is wrong. */
  public static RevocationReason reason(String reason) {
    if (reason == null) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST, "a JSON body with an RFC 5280 reason is required");
    }
    try {
      return RevocationReason.parseForRevocation(reason);
    } catch (IllegalArgumentException e) {
      throw new RefusedException(Refusal.MALFORMED_REQUEST, e.getMessage());
    }
  }

  static Caller caller(SecurityContext security) {
    if (security.getUserPrincipal() instanceof Caller c) {
      return c;
    }
    throw new RefusedException(Refusal.UNAUTHENTICATED, "no credential");
  }
}
