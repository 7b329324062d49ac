package dev.pncpki.contract.envelope;

import java.security.SecureRandom;

/**
 * Where the sender's per-envelope randomness comes from: the ephemeral ECDH scalar and the IV.
 * Production always uses {@link #of(SecureRandom)}; tests inject fixed values to reproduce vectors.
 */
interface EphemeralSource {

  /** A fresh scalar in [1, n-1], {@code suite.scalarBytes()} long; the caller wipes it. */
  byte[] ephemeralScalar(EnvelopeSuite suite);

  /** A fresh IV, never reused with the same key (it never is: every envelope has a new key). */
  byte[] iv(int length);

  static EphemeralSource of(SecureRandom random) {
    return new EphemeralSource() {
      @Override
      public byte[] ephemeralScalar(EnvelopeSuite suite) {
        return EcKeys.randomScalar(suite, random);
      }

      @Override
      public byte[] iv(int length) {
        byte[] iv = new byte[length];
        random.nextBytes(iv);
        return iv;
      }
    };
  }
}
