package dev.pncpki.ca.problem;

import java.util.List;

/** A request the CA refuses, with the stable code and a detail that says exactly why. */
public final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Problem problem;
  private final List<String> violations;

  public ProblemException(Problem problem, String detail) {
    this(problem, detail, List.of(), null);
  }

  public ProblemException(
      Problem problem, String detail, List<String> violations, Throwable cause) {
    super(detail, cause);
    this.problem = problem;
    this.violations = List.copyOf(violations);
  }

  public Problem problem() {
    return problem;
  }

  public List<String> violations() {
    return violations;
  }
}
