package dev.pncpki.ca.audit;

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
