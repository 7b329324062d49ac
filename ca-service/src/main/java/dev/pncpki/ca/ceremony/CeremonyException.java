package dev.pncpki.ca.ceremony;

/** The ceremony cannot go on; the message is one line an operator can act on. */
public final class CeremonyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CeremonyException(String message) {
    super(message);
  }

  public CeremonyException(String message, Throwable cause) {
    super(message, cause);
  }
}
