package dev.pncpki.ca.api;

import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.problem.Problem;
import dev.pncpki.ca.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /v1/audit/verification}: walks the hash chain of the audit log (admins only). */
@Path("/v1/audit/verification")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
  private final AuditLog audit;

  public AuditResource(AuditLog audit) {
    this.audit = audit;
  }

  @GET
  public Map<String, Object> verify(@Context SecurityContext security) {
    if (!(security.getUserPrincipal() instanceof Caller c) || !c.isAdmin()) {
      throw new ProblemException(Problem.FORBIDDEN, "only admins verify the audit log");
    }
    AuditLog.Verification v = audit.verify();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("intact", v.intact());
    body.put("events", v.events());
    v.firstProblem().ifPresent(p -> body.put("firstProblem", p));
    return body;
  }
}
