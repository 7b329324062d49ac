package dev.pncpki.ca.issuance;

/**
 * The store refused to record or complete an issuance because its issuer, or a CA above it, is
 * revoked: revoked through another instance, whose revocation this one's hierarchy learns at its
 * next reload, or in the moment between choosing the issuer and recording.
 */
public final class IssuerRevokedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public IssuerRevokedException(String issuerId, Throwable cause) {
    super("CA " + issuerId + " or a CA above it is revoked", cause);
  }
}
