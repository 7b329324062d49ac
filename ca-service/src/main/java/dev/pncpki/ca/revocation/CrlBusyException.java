package dev.pncpki.ca.revocation;

/** A CA's CRL build lock stayed taken (by another instance's build) longer than a caller waits. */
public final class CrlBusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CrlBusyException(String message) {
    super(message);
  }
}
