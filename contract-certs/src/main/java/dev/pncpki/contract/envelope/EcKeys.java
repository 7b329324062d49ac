package dev.pncpki.contract.envelope;

import dev.pncpki.policies.profile.KeyAlgorithm;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** Scalars and points on the envelope curves, with the checks SP 800-56A asks for. */
final class EcKeys {
  private EcKeys() {}

  /**
   * A uniformly random scalar in [1, n-1], as fixed-length big-endian bytes: random bytes with the
   * bits above n's bit length cleared, drawn again while out of range (FIPS 186-5 A.2.2, "rejection
   * sampling"). The caller wipes the result.
   */
  static byte[] randomScalar(EnvelopeSuite suite, SecureRandom random) {
    BigInteger n = suite.domain().getN();
    int excessBits = 8 * suite.scalarBytes() - n.bitLength();
    byte[] candidate = new byte[suite.scalarBytes()];
    while (true) {
      random.nextBytes(candidate);
      candidate[0] &= (byte) (0xff >>> excessBits);
      if (isInRange(suite, candidate)) {
        return candidate;
      }
    }
  }

  /**
   * The scalar as a BigInteger, which BC's EC code needs, after checking it is one of ours: the
   * suite's length and in [1, n-1] ([V2G2-823], [V2G20-2507]). BigIntegers cannot be wiped, so
   * callers keep the result local and short-lived.
   */
  static BigInteger checkedScalar(EnvelopeSuite suite, byte[] scalar) {
    if (scalar.length != suite.scalarBytes()) {
      throw new IllegalArgumentException(
          suite.keyAlgorithm().curveName()
              + " private scalar must be "
              + suite.scalarBytes()
              + " bytes, got "
              + scalar.length);
    }
    if (!isInRange(suite, scalar)) {
      throw new IllegalArgumentException(
          suite.keyAlgorithm().curveName() + " private scalar is zero or not below the order n");
    }
    return new BigInteger(1, scalar);
  }

  static boolean isInRange(EnvelopeSuite suite, byte[] scalar) {
    BigInteger d = new BigInteger(1, scalar);
    return d.signum() > 0 && d.compareTo(suite.domain().getN()) < 0;
  }

  /** d·G, with the fixed-point comb (faster for the base point than the generic multiplier). */
  static ECPoint publicPoint(EnvelopeSuite suite, BigInteger d) {
    return new FixedPointCombMultiplier().multiply(suite.domain().getG(), d).normalize();
  }

  /**
   * The point of a public key on the suite's curve. Rejects other algorithms and curves, points not
   * on the curve (BC's decoder checks the curve equation) and the point at infinity: the "full
   * public-key validation" of SP 800-56A 5.6.2.3.3 (the cofactor is 1).
   */
  static ECPoint point(EnvelopeSuite suite, SubjectPublicKeyInfo key, String role) {
    KeyAlgorithm expected = suite.keyAlgorithm();
    if (!expected.isKeyOf(key)) {
      throw new IllegalArgumentException(
          role
              + " must be a "
              + expected.curveName()
              + " EC key for "
              + suite
              + ", got algorithm "
              + key.getAlgorithm().getAlgorithm()
              + " with parameters "
              + key.getAlgorithm().getParameters());
    }
    return point(suite, key.getPublicKeyData().getOctets(), role);
  }

  static ECPoint point(EnvelopeSuite suite, byte[] encoded, String role) {
    ECPoint p;
    try {
      p = suite.domain().getCurve().decodePoint(encoded);
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          role + " is not a point on " + suite.keyAlgorithm().curveName() + ": " + e.getMessage(),
          e);
    }
    if (p.isInfinity() || !p.isValid()) {
      throw new IllegalArgumentException(
          role + " is not a valid point on " + suite.keyAlgorithm().curveName());
    }
    return p.normalize();
  }

  /** An id-ecPublicKey SubjectPublicKeyInfo with the named curve and the uncompressed point. */
  static SubjectPublicKeyInfo publicKeyInfo(EnvelopeSuite suite, ECPoint point) {
    ASN1ObjectIdentifier curve = curveOid(suite);
    return new SubjectPublicKeyInfo(
        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve),
        point.getEncoded(false));
  }

  static void wipe(byte[]... arrays) {
    for (byte[] a : arrays) {
      if (a != null) {
        Arrays.fill(a, (byte) 0);
      }
    }
  }

  private static ASN1ObjectIdentifier curveOid(EnvelopeSuite suite) {
    return switch (suite.keyAlgorithm()) {
      case EC_P256 -> SECObjectIdentifiers.secp256r1;
      case EC_P521 -> SECObjectIdentifiers.secp521r1;
      case ED448 -> throw new IllegalStateException("no ECDH envelope on Ed448");
    };
  }
}
