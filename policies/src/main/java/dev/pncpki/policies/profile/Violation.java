package dev.pncpki.policies.profile;

import java.util.Objects;

/** One way in which a certificate (or a template request) breaks its profile. */
public record Violation(String rule, Clause source, String detail) {

  public Violation {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return rule + ": " + detail + " (" + source + ")";
  }
}
