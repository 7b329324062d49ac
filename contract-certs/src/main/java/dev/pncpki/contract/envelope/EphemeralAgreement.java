package dev.pncpki.contract.envelope;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The sender's half of the key agreement: a fresh ephemeral key pair (party U) against the
 * vehicle's static point (party V) [V2G2-818], [V2G20-2535]. Holds the DH public key for the
 * response and the session key K, which {@link #close()} wipes; the ephemeral scalar is wiped as
 * soon as K exists [V2G20-2496].
 */
final class EphemeralAgreement implements AutoCloseable {
  private final byte[] dhPublicKey;
  private final byte[] sessionKey;

  private EphemeralAgreement(byte[] dhPublicKey, byte[] sessionKey) {
    this.dhPublicKey = dhPublicKey;
    this.sessionKey = sessionKey;
  }

  static EphemeralAgreement start(EnvelopeSuite suite, EphemeralSource source, ECPoint vehicle) {
    byte[] ephemeral = source.ephemeralScalar(suite);
    try {
      BigInteger d = EcKeys.checkedScalar(suite, ephemeral);
      byte[] dhPublicKey = EcKeys.publicPoint(suite, d).getEncoded(false);
      return new EphemeralAgreement(dhPublicKey, SessionKey.derive(suite, d, vehicle));
    } finally {
      EcKeys.wipe(ephemeral);
    }
  }

  /** The uncompressed ephemeral public point; not secret. */
  byte[] dhPublicKey() {
    return dhPublicKey;
  }

  /** K itself, not a copy: valid until {@link #close()}. */
  byte[] sessionKey() {
    return sessionKey;
  }

  @Override
  public void close() {
    EcKeys.wipe(sessionKey);
  }
}
