package dev.pncpki.contract.envelope;

/**
 * The vehicle side refuses a delivered contract key: the GCM tag does not verify, or the decrypted
 * scalar is out of range or does not belong to the contract certificate. The message names the
 * requirement and never contains key material.
 */
public final class ContractKeyRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ContractKeyRejectedException(String message) {
    super(message);
  }

  ContractKeyRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
