package dev.pncpki.contract.envelope;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.security.SecureRandom;
import javax.security.auth.Destroyable;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A contract key pair: the private scalar as fixed-length big-endian bytes, which {@link #close()}
 * zero-fills, and the public key as the SubjectPublicKeyInfo the contract certificate carries.
 *
 * <p>The backend generates the pair, encrypts the scalar to the vehicle and then destroys it
 * [V2G20-2496]; use it in try-with-resources. The vehicle side gets one back from the decryptors.
 * Thread-safe.
 */
public final class ContractKeyPair implements AutoCloseable, Destroyable {

  private static final class Randomness {
    static final SecureRandom RANDOM = new SecureRandom();
  }

  private final EnvelopeSuite suite;
  private final byte[] privateScalar;
  private final SubjectPublicKeyInfo publicKey;
  private boolean destroyed;

  private ContractKeyPair(
      EnvelopeSuite suite, byte[] privateScalar, SubjectPublicKeyInfo publicKey) {
    this.suite = suite;
    this.privateScalar = privateScalar;
    this.publicKey = publicKey;
  }

  /** A fresh pair on the suite's curve (P-256 for -2, P-521 for -20), from a SecureRandom. */
  public static ContractKeyPair generate(EnvelopeSuite suite) {
    return generate(suite, Randomness.RANDOM);
  }

  static ContractKeyPair generate(EnvelopeSuite suite, SecureRandom random) {
    requireNonNull(suite, "suite");
    byte[] scalar = EcKeys.randomScalar(suite, random);
    return withPublicKey(suite, scalar);
  }

  /**
   * The pair for a known scalar, which is copied (the caller still wipes its own array).
   *
   * @throws IllegalArgumentException if the scalar is not {@code suite.scalarBytes()} long or not
   *     in [1, n-1]
   */
  static ContractKeyPair fromScalar(EnvelopeSuite suite, byte[] scalar) {
    requireNonNull(suite, "suite");
    return withPublicKey(suite, scalar.clone());
  }

  // Takes ownership of scalar: wipes it if the pair cannot be built.
  private static ContractKeyPair withPublicKey(EnvelopeSuite suite, byte[] scalar) {
    try {
      BigInteger d = EcKeys.checkedScalar(suite, scalar);
      SubjectPublicKeyInfo publicKey = EcKeys.publicKeyInfo(suite, EcKeys.publicPoint(suite, d));
      return new ContractKeyPair(suite, scalar, publicKey);
    } catch (RuntimeException e) {
      EcKeys.wipe(scalar);
      throw e;
    }
  }

  public EnvelopeSuite suite() {
    return suite;
  }

  /** id-ecPublicKey, named curve, uncompressed point: ready for the contract certificate. */
  public SubjectPublicKeyInfo publicKey() {
    return publicKey;
  }

  /**
   * A copy of the private scalar, {@code suite().scalarBytes()} long, left-padded. The caller owns
   * the copy and must wipe it ({@code Arrays.fill(bytes, (byte) 0)}) when done.
   *
   * @throws IllegalStateException after {@link #destroy()}
   */
  public synchronized byte[] privateScalar() {
    if (destroyed) {
      throw new IllegalStateException("contract key pair has been destroyed");
    }
    return privateScalar.clone();
  }

  /** The very array {@link #destroy()} wipes, so that tests can check it is all zeros. */
  byte[] wipedArray() {
    return privateScalar;
  }

  /** Zero-fills the private scalar; the public key stays available. Idempotent. */
  @Override
  public synchronized void destroy() {
    EcKeys.wipe(privateScalar);
    destroyed = true;
  }

  @Override
  public synchronized boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return "ContractKeyPair[" + suite + (isDestroyed() ? ", destroyed]" : "]");
  }
}
