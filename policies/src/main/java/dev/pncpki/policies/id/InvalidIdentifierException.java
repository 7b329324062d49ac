package dev.pncpki.policies.id;

/**
 * Raised when a string is not a valid identifier of the given kind. Unchecked because callers hold
 * untrusted input at the edges (REST, OCPP, CSR subjects) and turn this into a 400 / rejection
 * there; deeper code only ever sees identifiers that were already built.
 */
public final class InvalidIdentifierException extends IllegalArgumentException {

  // Long enough for every valid identifier here (SECC ID: 64 alphanumerics plus 4 hyphens).
  private static final int MAX_SHOWN = 80;

  private final String kind;
  private final String problem;

  public InvalidIdentifierException(String kind, String input, String problem) {
    super(kind + " " + quote(input) + ": " + problem);
    this.kind = kind;
    this.problem = problem;
  }

  /** The identifier kind as the standards spell it, e.g. "eMAID" or "SECC ID". */
  public String kind() {
    return kind;
  }

  /** What is wrong, without the input; safe to return to a remote caller. */
  public String problem() {
    return problem;
  }

  // The input is untrusted and ends up in logs: cut it short and escape anything that is not
  // printable ASCII so it cannot forge log lines or hide characters.
  private static String quote(String input) {
    StringBuilder out = new StringBuilder("\"");
    int shown = Math.min(input.length(), MAX_SHOWN);
    for (int i = 0; i < shown; i++) {
      char c = input.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20 && c <= 0x7e) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    if (shown < input.length()) {
      out.append("...(").append(input.length()).append(" chars)");
    }
    return out.append('"').toString();
  }
}
