package dev.pncpki.contract.exi;

/** An EXI stream that cannot be read as the schema says, or a document that cannot be encoded. */
public final class ExiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExiException(String message) {
    super(message);
  }

  public ExiException(String message, Throwable cause) {
    super(message, cause);
  }
}
