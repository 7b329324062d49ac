package dev.pncpki.runtime.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.lang.reflect.Method;

/**
 * Refuses a query the matched resource method does not take ({@link QueryParameters}), with the
 * service's own refusal. The method's {@link jakarta.ws.rs.QueryParam}s say what it takes, so a new
 * parameter needs no change here. Register it with a priority after authentication, so an
 * unauthenticated caller still gets 401 first.
 */
public abstract class QueryParameterFilter implements ContainerRequestFilter {
  @Context private ResourceInfo resource;

  /** The exception the service answers a bad query with (a 400 in its problem vocabulary). */
  protected abstract RuntimeException refusal(String detail);

  @Override
  public final void filter(ContainerRequestContext request) {
    Method method = resource == null ? null : resource.getResourceMethod();
    if (method != null) {
      var problem = QueryParameters.problem(method, request.getUriInfo().getQueryParameters());
      if (problem.isPresent()) {
        throw refusal(problem.get());
      }
    }
  }
}
