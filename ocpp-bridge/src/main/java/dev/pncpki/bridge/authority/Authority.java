package dev.pncpki.bridge.authority;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One CA of the hierarchy: its id at the CA (e.g. {@code cpo-sub-ca-2}), its subject as RFC 2253
 * text in the JDK's form (as the bridge records the issuers of station certificates), and its
 * status.
 */
public record Authority(String id, String subject, Status status) {

  /** As {@code GET /v1/cas} writes it: revoked covers a CA under a revoked one as well. */
  public enum Status {
    VALID,
    REVOKED,
    EXPIRED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Status> of(String wire) {
      for (Status s : values()) {
        if (s.wire().equals(wire)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  public Authority {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(status, "status");
  }

  public boolean revoked() {
    return status == Status.REVOKED;
  }
}
