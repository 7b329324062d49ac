package dev.pncpki.ca.cli;

/**
 * A failure the admin can act on, already worded as the one line the CLI prints after "error: ",
 * with the exit status it ends the process with.
 */
final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;

  CliFailure(String line) {
    this(line, ExitCode.ERROR, null);
  }

  CliFailure(String line, Throwable cause) {
    this(line, ExitCode.ERROR, cause);
  }

  CliFailure(String line, ExitCode exitCode) {
    this(line, exitCode, null);
  }

  private CliFailure(String line, ExitCode exitCode, Throwable cause) {
    super(line, cause);
    this.exitCode = exitCode;
  }

  ExitCode exitCode() {
    return exitCode;
  }

  /** The line to print for any failure: ours as worded, anything else with its type. */
  static String lineFor(Throwable e) {
    String text;
    if (e instanceof CliFailure) {
      text = e.getMessage();
    } else {
      text =
          e.getMessage() == null
              ? e.getClass().getSimpleName()
              : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    // one line whatever the server or the JDK put in the message
    return "error: " + Table.printable(text.replaceAll("\\s*\\R\\s*", " ").strip());
  }
}
