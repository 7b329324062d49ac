package dev.pncpki.contract.envelope;

import java.math.BigInteger;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.bouncycastle.util.Pack;

/**
 * The AES key of one envelope: one-pass Diffie-Hellman C(1e, 1s, ECC CDH) of NIST SP 800-56A
 * 6.2.2.2 followed by its concatenation KDF [V2G2-818], [V2G20-2535]. Both sides run the same code:
 * the sender with its ephemeral scalar and the vehicle's static point, the vehicle with its static
 * scalar and {@code DHpublickey}.
 */
final class SessionKey {
  private SessionKey() {}

  /**
   * OtherInfo = AlgorithmID 0x01 || PartyUInfo 0x55 ("U", the sender) || PartyVInfo 0x56 ("V", the
   * EV); no SuppPubInfo or SuppPrivInfo [V2G2-818], [V2G20-2535].
   */
  private static final byte[] OTHER_INFO = {0x01, 0x55, 0x56};

  /** K; the shared secret Z is wiped before this returns. The caller wipes K. */
  static byte[] derive(EnvelopeSuite suite, BigInteger privateScalar, ECPoint peer) {
    byte[] z = sharedSecret(suite, privateScalar, peer);
    try {
      return concatKdf(suite.newKdfDigest(), z, OTHER_INFO, suite.sessionKeyBytes());
    } finally {
      EcKeys.wipe(z);
    }
  }

  /**
   * Z: the x coordinate of d·Q, big-endian, left-padded to the field length (32 or 66 bytes). BC's
   * agreement hands it over as a BigInteger, which stays in the heap until collected.
   */
  static byte[] sharedSecret(EnvelopeSuite suite, BigInteger privateScalar, ECPoint peer) {
    ECDHBasicAgreement agreement = new ECDHBasicAgreement();
    agreement.init(new ECPrivateKeyParameters(privateScalar, suite.domain()));
    BigInteger x = agreement.calculateAgreement(new ECPublicKeyParameters(peer, suite.domain()));
    return BigIntegers.asUnsignedByteArray(fieldBytes(suite), x);
  }

  /**
   * SP 800-56A 5.8.2.1.1 (single-step KDF, hash option): K = leftmost keyBytes of H(00000001 || Z
   * || OtherInfo) || H(00000002 || ...). Written here rather than with BC's
   * ConcatenationKDFGenerator, which computes the same bytes but leaves its last hash block (which
   * holds K) unwiped in its own buffer.
   */
  static byte[] concatKdf(Digest digest, byte[] z, byte[] otherInfo, int keyBytes) {
    int hashBytes = digest.getDigestSize();
    byte[] key = new byte[keyBytes];
    byte[] block = new byte[hashBytes];
    byte[] counter = new byte[4];
    try {
      for (int round = 1, offset = 0; offset < keyBytes; round++, offset += hashBytes) {
        Pack.intToBigEndian(round, counter, 0);
        digest.update(counter, 0, counter.length);
        digest.update(z, 0, z.length);
        digest.update(otherInfo, 0, otherInfo.length);
        digest.doFinal(block, 0);
        System.arraycopy(block, 0, key, offset, Math.min(hashBytes, keyBytes - offset));
      }
      return key;
    } finally {
      EcKeys.wipe(block);
    }
  }

  private static int fieldBytes(EnvelopeSuite suite) {
    return (suite.domain().getCurve().getFieldSize() + 7) / 8;
  }
}
