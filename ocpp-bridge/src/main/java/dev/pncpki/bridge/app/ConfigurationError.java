package dev.pncpki.bridge.app;

/** A configuration the bridge cannot run with; the message says what to set. */
final class ConfigurationError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ConfigurationError(String message) {
    super(message);
  }
}
