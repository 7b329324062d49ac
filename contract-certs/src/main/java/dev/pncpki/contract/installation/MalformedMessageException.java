package dev.pncpki.contract.installation;

/** An ISO 15118 message that decodes but is not the message it should be. */
public final class MalformedMessageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedMessageException(String message) {
    super(message);
  }
}
