package dev.pncpki.ca.api;

import dev.pncpki.ca.problem.Problem;
import dev.pncpki.ca.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses query parameters the matched resource method does not declare, so that a misspelt filter
 * ({@code ?stauts=revoked}) is a 400 instead of an unfiltered answer that looks right. It reads the
 * {@link QueryParam} names from the method's parameters: a new parameter needs no change here. Runs
 * after authentication, so an unauthenticated caller still gets 401 first.
 */
@Priority(Priorities.USER)
public final class UnknownQueryParameterFilter implements ContainerRequestFilter {
  private final Map<Method, List<String>> declared = new ConcurrentHashMap<>();
  @Context private ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    var given = request.getUriInfo().getQueryParameters().keySet();
    Method method = resource == null ? null : resource.getResourceMethod();
    if (given.isEmpty() || method == null) {
      return;
    }
    List<String> accepted = declared.computeIfAbsent(method, UnknownQueryParameterFilter::names);
    var unknown = new TreeSet<>(given);
    unknown.removeAll(accepted);
    if (!unknown.isEmpty()) {
      throw new ProblemException(Problem.MALFORMED_REQUEST, detail(unknown, accepted));
    }
  }

  static List<String> names(Method method) {
    return Arrays.stream(method.getParameters())
        .map(p -> p.getAnnotation(QueryParam.class))
        .filter(Objects::nonNull)
        .map(QueryParam::value)
        .toList();
  }

  static String detail(TreeSet<String> unknown, List<String> accepted) {
    String which =
        (unknown.size() == 1 ? "unknown query parameter " : "unknown query parameters ")
            + String.join(", ", unknown);
    return accepted.isEmpty()
        ? which + "; this endpoint takes no query parameters"
        : which + "; this endpoint takes " + String.join(", ", accepted);
  }
}
