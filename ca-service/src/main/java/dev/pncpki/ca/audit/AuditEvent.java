package dev.pncpki.ca.audit;

import dev.pncpki.runtime.text.PlainText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;

/** One audit record: who did what to which object, when, and how it ended. */
public record AuditEvent(
    Instant at, String actor, String action, String target, String outcome, String detail) {

  public AuditEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    actor = storable(actor);
    action = storable(action);
    target = storable(target);
    outcome = storable(outcome);
    detail = storable(detail);
  }

  /**
   * The text as PostgreSQL can keep it: a NUL character (which a {@code text} column refuses) and a
   * lone UTF-16 surrogate (which the driver would replace, so the stored text would no longer match
   * its hash) are written as a backslash, {@code u} and four hex digits. That is plain text, so
   * this is idempotent: an event read back from the table stays the event that was hashed. Text
   * with neither is returned as it is, so every event stored before this rule keeps its hash.
   */
  static String storable(String text) {
    return text == null
        ? null
        : PlainText.replaced(
            text, c -> c == 0 || Character.isSurrogate((char) c), c -> String.format("\\u%04x", c));
  }

  /** An action that was carried out ("done"), stamped now at the precision PostgreSQL keeps. */
  public static AuditEvent done(
      java.time.Clock clock, String actor, String action, String target, String detail) {
    return new AuditEvent(
        clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
        actor,
        action,
        target,
        "done",
        detail);
  }

  /**
   * SHA-256 over the previous hash and every field, each length-prefixed so that no two different
   * events encode alike. The time is taken at the microsecond precision PostgreSQL keeps.
   */
  byte[] chainHash(byte[] previous) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(previous);
      for (String field :
          new String[] {
            Long.toString(at.getEpochSecond()),
            Integer.toString(at.getNano() / 1000),
            actor,
            action,
            target == null ? "\u0000" : target,
            outcome,
            detail == null ? "\u0000" : detail
          }) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        sha.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
