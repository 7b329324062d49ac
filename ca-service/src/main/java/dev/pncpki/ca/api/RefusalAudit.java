package dev.pncpki.ca.api;

import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.auth.Caller;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits every refusal of an authenticated caller, whatever refused it (a rule of the domain, a
 * body that is not JSON, a resource that does not exist): one event with action {@code refused},
 * the method and path as target, the problem's code as outcome and its detail. Unauthenticated
 * requests are not audited (see {@link RefusedExceptionMapper}); 5xx answers are failures of the
 * service, not refusals, and the code that failed audits them where it knows what failed.
 *
 * <p>What the caller sent may hold any characters: the audit log stores them as {@link
 * dev.pncpki.ca.audit.AuditEvent} allows, and cuts long texts, so a refusal is always recorded.
 */
@Priority(Priorities.USER)
final class RefusalAudit implements ContainerResponseFilter {
  private static final Logger LOG = LoggerFactory.getLogger(RefusalAudit.class);
  static final int MAX_TARGET = 512;
  static final int MAX_DETAIL = 1024;

  private final AuditLog audit;

  RefusalAudit(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    int status = response.getStatus();
    if (status < 400 || status >= 500 || status == 401) {
      return;
    }
    if (!(request.getSecurityContext().getUserPrincipal() instanceof Caller caller)) {
      return;
    }
    String code = "http-" + status;
    String detail = null;
    if (response.getEntity() instanceof Map<?, ?> problem) {
      code = problem.get("code") instanceof String c ? c : code;
      detail = problem.get("detail") instanceof String d ? d : null;
    }
    String target = request.getMethod() + " /" + request.getUriInfo().getPath();
    try {
      audit.append(
          caller.name(), "refused", cut(target, MAX_TARGET), code, cut(detail, MAX_DETAIL));
    } catch (RuntimeException e) {
      LOG.error("cannot audit a refusal of {}: {}", caller.name(), e.toString());
    }
  }

  /** At most {@code max} characters, never splitting a surrogate pair. */
  static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
    return text.substring(0, end) + "...";
  }
}
