package dev.pncpki.ca.cli;

/**
 * A failure the admin can act on, already worded as the one line the CLI prints after "error: ".
 */
final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliFailure(String line) {
    super(line);
  }

  CliFailure(String line, Throwable cause) {
    super(line, cause);
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
