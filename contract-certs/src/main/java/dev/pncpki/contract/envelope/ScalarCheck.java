package dev.pncpki.contract.envelope;

import org.bouncycastle.math.ec.ECPoint;

/** The vehicle's checks on a decrypted contract scalar [V2G2-823], [V2G20-2507], [V2G20-2510]. */
final class ScalarCheck {
  private ScalarCheck() {}

  /**
   * The key pair for {@code scalar} if it is in [1, n-1] and scalar·G is the contract certificate's
   * point. {@code scalar} is copied, not wiped: the caller wipes it.
   */
  static ContractKeyPair accept(
      EnvelopeSuite suite, byte[] scalar, ECPoint contractPoint, String requirement) {
    if (!EcKeys.isInRange(suite, scalar)) {
      throw new ContractKeyRejectedException(
          requirement + " the decrypted contract private key is zero or not below the order n");
    }
    ContractKeyPair pair = ContractKeyPair.fromScalar(suite, scalar);
    byte[] encoded = pair.publicKey().getPublicKeyData().getOctets();
    if (!suite.domain().getCurve().decodePoint(encoded).equals(contractPoint)) {
      pair.destroy();
      throw new ContractKeyRejectedException(
          requirement
              + " the decrypted contract private key does not belong to the contract"
              + " certificate's public key");
    }
    return pair;
  }
}
