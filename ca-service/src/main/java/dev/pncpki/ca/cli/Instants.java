package dev.pncpki.ca.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Times as admins type them: an ISO 8601 instant, or a date meaning its start in UTC. */
final class Instants {
  private Instants() {}

  static Instant parse(String option, String value) {
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new CliFailure(
          option + " must be an instant such as 2027-01-01T00:00:00Z or a date, not " + value, e);
    }
  }
}
