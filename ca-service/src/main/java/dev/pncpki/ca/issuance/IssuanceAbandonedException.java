package dev.pncpki.ca.issuance;

/**
 * An issuance that was no longer pending when its signed certificate came to be stored: crash
 * recovery failed it meanwhile, because this instance had lost the database session that shows it
 * alive ((the store's instance lock)). The certificate is thrown away unseen; the row stays failed.
 */
public final class IssuanceAbandonedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public IssuanceAbandonedException(String issuerId, String serial) {
    super(
        "issuance "
            + issuerId
            + "/"
            + serial
            + " was failed by crash recovery while it was signed");
  }
}
