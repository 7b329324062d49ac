package dev.pncpki.ca.issuance;

import java.util.Locale;

/**
 * Where an issuance stands (the {@code status} of its certificate row, docs/issuance.md). It is
 * recorded {@link #PENDING} before the key backend signs and moves once, forward, to {@link
 * #ISSUED} (the certificate stored, the only state in which anyone receives it) or {@link #FAILED}
 * (the key backend refused, or the instance issuing it ended first); both are final, so a retry
 * with the same idempotency key always meets the same outcome.
 */
public enum IssuanceState {
  PENDING,
  ISSUED,
  FAILED;

  /** The state of a label as the database writes it; null for null (no row joined). */
  public static IssuanceState of(String label) {
    return label == null ? null : valueOf(label.toUpperCase(Locale.ROOT));
  }

  /** As the database and the API write it: lower case. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isFinal() {
    return this != PENDING;
  }

  /** The state machine: from pending to either final state, and nothing else. */
  public boolean canBecome(IssuanceState next) {
    return this == PENDING && next.isFinal();
  }
}
