package dev.pncpki.bridge.admin;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Set;
import java.util.TreeSet;

/**
 * A query parameter the matched call does not take is an error, not ignored: {@code ?stauts=failed}
 * would otherwise list everything and look like an answer. The call's parameters are its method's
 * {@code @QueryParam}s.
 */
@Priority(Priorities.USER)
public final class UnknownParameters implements ContainerRequestFilter {
  @Context private ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resource == null ? null : resource.getResourceMethod();
    if (method == null) {
      return;
    }
    Set<String> known = taken(method);
    Set<String> unknown = new TreeSet<>(request.getUriInfo().getQueryParameters().keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw Problem.MALFORMED_REQUEST.because(
          "unknown query parameter"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown)
              + (known.isEmpty()
                  ? "; this call takes none"
                  : "; this call takes " + String.join(", ", new TreeSet<>(known))));
    }
  }

  static Set<String> taken(Method method) {
    Set<String> names = new TreeSet<>();
    for (Parameter p : method.getParameters()) {
      QueryParam q = p.getAnnotation(QueryParam.class);
      if (q != null) {
        names.add(q.value());
      }
    }
    return names;
  }
}
