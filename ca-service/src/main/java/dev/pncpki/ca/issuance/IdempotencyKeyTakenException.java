package dev.pncpki.ca.issuance;

/**
 * The requester recorded an issuance with this idempotency key before (its unique constraint): the
 * earlier issuance's outcome answers the request.
 */
public final class IdempotencyKeyTakenException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public IdempotencyKeyTakenException(String requester, String key, Throwable cause) {
    super("requester " + requester + " used idempotency key \"" + key + "\" before", cause);
  }
}
