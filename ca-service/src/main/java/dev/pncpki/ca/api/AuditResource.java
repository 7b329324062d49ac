package dev.pncpki.ca.api;

import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.audit.AuditQuery;
import dev.pncpki.ca.audit.AuditVerification;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/audit}: reads the audit log and walks its hash chain (admins only). Query values are
 * taken as text and parsed here, so that a bad one is a 400 naming the parameter rather than
 * Jersey's 404 for a parameter it cannot convert.
 */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
  private final AuditLog audit;
  private final AuditVerification verification;

  public AuditResource(AuditLog audit, AuditVerification verification) {
    this.audit = audit;
    this.verification = verification;
  }

  @GET
  @Path("/verification")
  public Map<String, Object> verify(@Context SecurityContext security) {
    requireAdmin(security, "only admins verify the audit log");
    AuditVerification.Result v = verification.verify();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("intact", v.intact());
    body.put("events", v.events());
    v.firstProblem().ifPresent(p -> body.put("firstProblem", p));
    v.anchor()
        .ifPresent(
            a -> {
              Map<String, Object> anchor = new LinkedHashMap<>();
              anchor.put("eventId", a.eventId());
              anchor.put("headHash", HexFormat.of().formatHex(a.headHash()));
              anchor.put("signedAt", a.signedAt().toString());
              anchor.put("key", a.keyReference());
              body.put("latestAnchor", anchor);
            });
    return body;
  }

  @GET
  @Path("/events")
  public List<AuditEventJson> events(
      @Context SecurityContext security,
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("outcome") String outcome,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("limit") String limit,
      @QueryParam("before") String before) {
    requireAdmin(security, "only admins read the audit log");
    AuditQuery query;
    try {
      query =
          new AuditQuery(
              actor,
              action,
              outcome,
              TimeParameter.parse("since", since),
              TimeParameter.parse("until", until),
              number("before", before),
              limit(limit));
    } catch (IllegalArgumentException e) {
      throw new RefusedException(Refusal.MALFORMED_REQUEST, e.getMessage());
    }
    return audit.events(query).stream().map(AuditEventJson::of).toList();
  }

  private static void requireAdmin(SecurityContext security, String refusal) {
    if (!(security.getUserPrincipal() instanceof Caller c) || !c.isAdmin()) {
      throw new RefusedException(Refusal.FORBIDDEN, refusal);
    }
  }

  private static int limit(String value) {
    Long n = number("limit", value);
    if (n == null) {
      return AuditQuery.DEFAULT_LIMIT;
    }
    if (n != n.intValue()) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST,
          "limit must be between 1 and " + AuditQuery.MAX_LIMIT + ", not " + value);
    }
    return n.intValue();
  }

  private static Long number(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST, name + " must be a whole number, not \"" + value + "\"");
    }
  }
}
