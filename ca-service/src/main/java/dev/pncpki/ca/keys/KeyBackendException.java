package dev.pncpki.ca.keys;

/** A key backend refused an operation or could not be reached; the message says which. */
public class KeyBackendException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KeyBackendException(String message) {
    super(message);
  }

  public KeyBackendException(String message, Throwable cause) {
    super(message, cause);
  }
}
