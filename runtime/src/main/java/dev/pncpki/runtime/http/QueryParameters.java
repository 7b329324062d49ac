package dev.pncpki.runtime.http;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What is wrong with a request's query parameters for the resource method that takes it: a name the
 * method does not declare (a misspelt filter would otherwise answer everything, unfiltered), a
 * parameter given twice where it takes one value (which one would count?), an empty value, or a
 * value with control characters (a NUL byte cannot even be stored), or a boolean that is not {@code
 * true} or {@code false} (JAX-RS reads {@code ?dryRun=maybe} as false, and would start what the
 * caller meant to preview). The method's {@code @QueryParam}s declare what it takes; a
 * collection-typed one may repeat.
 */
public final class QueryParameters {
  private QueryParameters() {}

  /** The names a method takes, with the type of each. */
  public static Map<String, Class<?>> declared(Method method) {
    Map<String, Class<?>> names = new TreeMap<>();
    for (Parameter p : method.getParameters()) {
      QueryParam q = p.getAnnotation(QueryParam.class);
      if (q != null) {
        names.put(q.value(), p.getType());
      }
    }
    return names;
  }

  /** The problem's detail, or empty when the parameters are fine. */
  public static Optional<String> problem(Method method, MultivaluedMap<String, String> given) {
    Map<String, Class<?>> declared = declared(method);
    TreeSet<String> unknown = new TreeSet<>(given.keySet());
    unknown.removeAll(declared.keySet());
    if (!unknown.isEmpty()) {
      String which =
          (unknown.size() == 1 ? "unknown query parameter " : "unknown query parameters ")
              + String.join(", ", unknown);
      return Optional.of(
          declared.isEmpty()
              ? which + "; this call takes none"
              : which + "; this call takes " + String.join(", ", declared.keySet()));
    }
    List<String> problems = new ArrayList<>();
    given.forEach(
        (name, values) -> {
          Class<?> type = declared.get(name);
          if (values.size() > 1 && !Collection.class.isAssignableFrom(type)) {
            problems.add(name + " is given " + values.size() + " times; it takes one value");
          }
          for (String v : values) {
            if (v.isEmpty()) {
              problems.add(name + " is empty");
            } else if (!printable(v)) {
              problems.add(name + " holds control characters");
            } else if ((type == boolean.class || type == Boolean.class)
                && !(v.equals("true") || v.equals("false"))) {
              problems.add(name + " is true or false, not " + v);
            }
          }
        });
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }

  /** No C0 control characters, no DEL, no C1 controls: nothing a parameter has a use for. */
  public static boolean printable(String value) {
    return value.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f));
  }
}
