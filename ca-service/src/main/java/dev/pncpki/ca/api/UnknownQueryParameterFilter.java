package dev.pncpki.ca.api;

import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.runtime.http.QueryParameterFilter;
import dev.pncpki.runtime.http.QueryParameters;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Refuses a query the matched resource method does not take, as 400 {@code malformed-request}: an
 * unknown parameter (a misspelt filter such as {@code ?stauts=revoked} would otherwise answer
 * everything, unfiltered), one given twice where it takes one value, an empty one, one with control
 * characters, a boolean other than true or false ({@link QueryParameters}).
 */
@Priority(Priorities.USER)
public final class UnknownQueryParameterFilter extends QueryParameterFilter {
  @Override
  protected RuntimeException refusal(String detail) {
    return new RefusedException(Refusal.MALFORMED_REQUEST, detail);
  }

  /** The names a method takes. */
  static List<String> names(Method method) {
    return List.copyOf(QueryParameters.declared(method).keySet());
  }
}
