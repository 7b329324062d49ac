package dev.pncpki.policies.profile;

import java.util.List;
import java.util.stream.Collectors;

/** A request or certificate that breaks its profile, with every violation found. */
public final class ProfileViolationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String profile;
  private final List<Violation> violations;

  public ProfileViolationException(String profile, List<Violation> violations) {
    super(
        "profile "
            + profile
            + ": "
            + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    this.profile = profile;
    this.violations = List.copyOf(violations);
  }

  public String profile() {
    return profile;
  }

  public List<Violation> violations() {
    return violations;
  }
}
