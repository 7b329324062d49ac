package dev.pncpki.ca.api;

import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.problem.Problem;
import dev.pncpki.ca.problem.ProblemException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Refusals become problem details; refusals of rights are also audited. */
public final class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionMapper.class);
  private final AuditLog audit;
  @Context private SecurityContext security;
  @Context private UriInfo uri;

  public ProblemExceptionMapper(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public Response toResponse(ProblemException e) {
    // Refusals of authenticated callers are audited; anonymous 401s are only logged, so that a
    // flood of them cannot take the audit chain's lock or grow the append-only table.
    if (e.problem() == Problem.UNAUTHENTICATED) {
      LOG.info(
          "refused unauthenticated request to {}: {}",
          uri == null ? null : uri.getPath(),
          e.getMessage());
    }
    if (e.problem() == Problem.FORBIDDEN) {
      String who =
          security != null && security.getUserPrincipal() != null
              ? security.getUserPrincipal().getName()
              : "anonymous";
      try {
        audit.append(
            who, "refused", uri == null ? null : uri.getPath(), e.problem().code(), e.getMessage());
      } catch (RuntimeException auditFailure) {
        LOG.error("cannot audit a refusal of {}: {}", who, auditFailure.toString());
      }
    }
    return ProblemResponses.of(e.problem(), e.getMessage(), e.violations());
  }
}
