package dev.pncpki.ca.app;

/**
 * The CA will not start with this configuration or data; the message is one line that says what to
 * change (printed without a stack trace by the server command).
 */
final class StartupRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StartupRefusal(String message) {
    super(message);
  }

  StartupRefusal(String message, Throwable cause) {
    super(message, cause);
  }
}
