package dev.pncpki.ca.refusal;

import java.util.List;

/** A request the CA refuses, with the stable code and a detail that says exactly why. */
public final class RefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Refusal refusal;
  private final List<String> violations;

  public RefusedException(Refusal refusal, String detail) {
    this(refusal, detail, List.of(), null);
  }

  public RefusedException(
      Refusal refusal, String detail, List<String> violations, Throwable cause) {
    super(detail, cause);
    this.refusal = refusal;
    this.violations = List.copyOf(violations);
  }

  public Refusal refusal() {
    return refusal;
  }

  public List<String> violations() {
    return violations;
  }
}
