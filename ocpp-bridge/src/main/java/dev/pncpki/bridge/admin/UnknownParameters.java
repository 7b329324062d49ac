package dev.pncpki.bridge.admin;

import dev.pncpki.runtime.http.QueryParameterFilter;
import dev.pncpki.runtime.http.QueryParameters;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * A query the matched call does not take is 400 {@code malformed-request}, not ignored: an unknown
 * parameter ({@code ?stauts=failed} would otherwise list everything and look like an answer), one
 * given twice where it takes one value, an empty one, one with control characters, a boolean other
 * than true or false ({@link QueryParameters}).
 */
@Priority(Priorities.USER)
public final class UnknownParameters extends QueryParameterFilter {
  @Override
  protected RuntimeException refusal(String detail) {
    return Problem.MALFORMED_REQUEST.because(detail);
  }

  /** The names a call takes (for its OpenAPI test). */
  static Set<String> taken(Method method) {
    return QueryParameters.declared(method).keySet();
  }
}
