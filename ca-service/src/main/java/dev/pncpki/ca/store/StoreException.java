package dev.pncpki.ca.store;

/** The database refused or could not be reached; callers answer 503. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
