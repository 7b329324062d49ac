package dev.pncpki.ca.api;

import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refusals become problem details. {@link RefusalAudit} audits those of authenticated callers;
 * anonymous 401s are only logged here, so that a flood of them cannot take the audit chain's lock
 * or grow the append-only table.
 */
public final class RefusedExceptionMapper implements ExceptionMapper<RefusedException> {
  private static final Logger LOG = LoggerFactory.getLogger(RefusedExceptionMapper.class);
  @Context private UriInfo uri;

  @Override
  public Response toResponse(RefusedException e) {
    if (e.refusal() == Refusal.UNAUTHENTICATED) {
      LOG.info(
          "refused unauthenticated request to {}: {}",
          uri == null ? null : uri.getPath(),
          e.getMessage());
    }
    return ProblemResponses.of(e.refusal(), e.getMessage(), e.violations());
  }
}
