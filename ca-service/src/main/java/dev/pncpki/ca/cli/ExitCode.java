package dev.pncpki.ca.cli;

/**
 * The exit status of an admin verb, so that scripts can tell "the service said no" from "the
 * service could not be asked" without reading the error line (docs/operations.md lists them).
 */
public enum ExitCode {
  /** The call succeeded and, for a check, the check passed. */
  SUCCESS(0),
  /** Bad arguments, the service unreachable, a server error (5xx) or an answer we cannot read. */
  ERROR(1),
  /** The service refused with a 4xx problem: not found, forbidden, invalid input, conflict. */
  REFUSED(2),
  /** The call succeeded and its answer is a negative result, e.g. a broken audit chain. */
  CHECK_FAILED(3);

  private final int status;

  ExitCode(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }

  /**
   * The status for a failure that ended a command: our own failures carry theirs; anything else
   * (argument errors from the parser, a ceremony failure, a bug) is an error.
   */
  public static int of(Throwable failure) {
    return failure instanceof CliFailure f ? f.exitCode().status() : ERROR.status();
  }
}
