package dev.pncpki.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The detail of a body that is not the JSON a resource takes, in the words of the JSON it was sent
 * in (RFC 8259): the field by its path and the JSON type it must be. Jackson's own messages name
 * the Java types it binds to ("Cannot deserialize value of type `java.lang.String`...") and the
 * classes of the reference chain: the service's insides, and nothing a client can act on.
 */
public final class JsonDetails {
  private JsonDetails() {}

  public static String of(JsonProcessingException e) {
    String at = e instanceof JsonMappingException m ? path(m.getPath()) : "";
    String where = at.isEmpty() ? "the body" : at;
    // Jackson wraps what the parser refuses while binding a field in a mapping exception with the
    // field's path; the parser's exception is the cause
    Throwable read = e instanceof StreamReadException ? e : e.getCause();
    if (read instanceof InputCoercionException) {
      return where + " is a number out of range";
    }
    if (read instanceof StreamReadException r) {
      // the parser's own words (what it found, or a field given twice, which I-JSON, RFC 7493
      // section 2.3, forbids), with no Java in them
      String message = r.getOriginalMessage();
      return "the body cannot be read as JSON" + (message == null ? "" : ": " + firstLine(message));
    }
    if (e instanceof UnrecognizedPropertyException u) {
      TreeSet<String> known = new TreeSet<>();
      if (u.getKnownPropertyIds() != null) {
        u.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
      }
      return "unknown field "
          + where
          + (known.isEmpty() ? "" : "; known: " + String.join(", ", known));
    }
    if (e instanceof InvalidNullException) {
      return where + " must not be null";
    }
    if (e instanceof MismatchedInputException m
        && m.getOriginalMessage() != null
        && m.getOriginalMessage().startsWith("Trailing token")) {
      return "the body holds more than one JSON value";
    }
    if (e instanceof MismatchedInputException m) {
      String type = jsonType(m.getTargetType());
      return type == null
          ? where + " does not have the expected shape"
          : where + " must be " + type;
    }
    return where + " does not have the expected shape";
  }

  /** The field as a JSON path: {@code chain[0].certificate}. */
  static String path(List<JsonMappingException.Reference> references) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference r : references) {
      if (r.getFieldName() != null) {
        if (!out.isEmpty()) {
          out.append('.');
        }
        out.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  /** The JSON type (RFC 8259 section 3) a Java target is read from, or null if not a plain one. */
  static String jsonType(Class<?> target) {
    if (target == null) {
      return null;
    }
    if (target == String.class || target == char.class || target == Character.class) {
      return "a JSON string";
    }
    if (target == boolean.class || target == Boolean.class) {
      return "true or false";
    }
    if (target == int.class
        || target == long.class
        || target == short.class
        || target == byte.class
        || target == Integer.class
        || target == Long.class
        || target == Short.class
        || target == Byte.class
        || target == BigInteger.class) {
      return "a whole JSON number";
    }
    if (target == double.class
        || target == float.class
        || target == Double.class
        || target == Float.class
        || target == BigDecimal.class) {
      return "a JSON number";
    }
    if (target.isArray() || Collection.class.isAssignableFrom(target)) {
      return "a JSON array";
    }
    if (Map.class.isAssignableFrom(target) || target.isRecord()) {
      return "a JSON object";
    }
    return null;
  }

  private static String firstLine(String message) {
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
