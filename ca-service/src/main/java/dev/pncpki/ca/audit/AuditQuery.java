package dev.pncpki.ca.audit;

import java.time.Instant;

/**
 * Which audit events to read: exact matches on actor, action and outcome, the half-open time range
 * [since, until), and a page of at most {@code limit} events older than the event id {@code
 * before}. Null means no filter. An invalid query is refused with an {@link
 * IllegalArgumentException} whose message starts with the name of the offending field.
 */
public record AuditQuery(
    String actor,
    String action,
    String outcome,
    Instant since,
    Instant until,
    Long before,
    int limit) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public AuditQuery {
    requireNonBlank("actor", actor);
    requireNonBlank("action", action);
    requireNonBlank("outcome", outcome);
    if (since != null && until != null && since.isAfter(until)) {
      throw new IllegalArgumentException("since (" + since + ") is after until (" + until + ")");
    }
    if (before != null && before < 1) {
      throw new IllegalArgumentException("before must be an event id (1 or more), not " + before);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
    }
  }

  private static void requireNonBlank(String field, String value) {
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(field + " is empty; leave it out to match any");
    }
  }
}
