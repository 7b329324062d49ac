package dev.pncpki.ca.api;

import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * An instant given as a query parameter (RFC 3339 section 5.6 date-time, e.g. {@code
 * 2027-01-01T00:00:00Z}), within the years 1 to 9999. {@link Instant#parse} also takes years up to
 * ±1,000,000,000 ({@code +999999999-01-01T00:00:00Z}), which no JDBC timestamp can hold (it
 * overflows a long of milliseconds) and PostgreSQL's timestamptz (4713 BC to 294276 AD) could not
 * store either; RFC 3339's four-digit years are what a client means.
 */
final class TimeParameter {
  static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  /** The first instant after the year 9999. */
  static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");

  private TimeParameter() {}

  /** The instant, null if the parameter is absent, or a 400 naming it. */
  static Instant parse(String name, String value) {
    if (value == null) {
      return null;
    }
    Instant instant;
    try {
      instant = Instant.parse(value);
    } catch (DateTimeException e) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST,
          name
              + " must be an ISO 8601 instant such as 2027-01-01T00:00:00Z, not \""
              + value
              + "\"");
    }
    if (instant.isBefore(EARLIEST) || !instant.isBefore(END)) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST,
          name + " must be in the years 1 to 9999, not \"" + value + "\"");
    }
    return instant;
  }
}
