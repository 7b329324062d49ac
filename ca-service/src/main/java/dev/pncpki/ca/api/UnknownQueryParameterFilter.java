package dev.pncpki.ca.api;

import dev.pncpki.ca.problem.Problem;
import dev.pncpki.ca.problem.ProblemException;
import dev.pncpki.runtime.http.QueryParameters;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Refuses a query the matched resource method does not take: a parameter it does not declare, so
 * that a misspelt filter ({@code ?stauts=revoked}) is a 400 instead of an unfiltered answer that
 * looks right; one given twice where it takes one value; an empty one; one with control characters
 * ({@link QueryParameters}). It reads the {@link jakarta.ws.rs.QueryParam} names from the method's
 * parameters: a new parameter needs no change here. Runs after authentication, so an
 * unauthenticated caller still gets 401 first.
 */
@Priority(Priorities.USER)
public final class UnknownQueryParameterFilter implements ContainerRequestFilter {
  @Context private ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resource == null ? null : resource.getResourceMethod();
    if (method != null) {
      QueryParameters.problem(method, request.getUriInfo().getQueryParameters())
          .ifPresent(
              detail -> {
                throw new ProblemException(Problem.MALFORMED_REQUEST, detail);
              });
    }
  }

  /** The names a method takes. */
  static List<String> names(Method method) {
    return List.copyOf(QueryParameters.declared(method).keySet());
  }
}
