package dev.pncpki.bridge.admin;

import dev.pncpki.runtime.http.QueryParameters;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * A query the matched call does not take is an error, not ignored: an unknown parameter ({@code
 * ?stauts=failed} would otherwise list everything and look like an answer), one given twice where
 * it takes one value, an empty one, one with control characters ({@link QueryParameters}).
 */
@Priority(Priorities.USER)
public final class UnknownParameters implements ContainerRequestFilter {
  @Context private ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resource == null ? null : resource.getResourceMethod();
    if (method != null) {
      QueryParameters.problem(method, request.getUriInfo().getQueryParameters())
          .ifPresent(
              detail -> {
                throw Problem.MALFORMED_REQUEST.because(detail);
              });
    }
  }

  /** The names a call takes (for its OpenAPI test). */
  static Set<String> taken(Method method) {
    return QueryParameters.declared(method).keySet();
  }
}
