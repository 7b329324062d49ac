package dev.pncpki.contract.envelope;

import dev.pncpki.policies.profile.KeyAlgorithm;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/**
 * How the contract private key travels to the vehicle: the ECDH curve, the concatenation KDF's hash
 * and key length, and the AES mode with its field sizes.
 *
 * <p>ISO 15118-20 also defines an {@code X448} envelope ({@code X448_EncryptedPrivateKey}, 84
 * bytes, [V2G20-2500..2502]) and a TPM one. They are deliberately not modelled: the X448
 * DHPublicKey wire encoding is unsettled (57 bytes per the -20 note, 133 per the XSD), and no X448
 * contract keys are issued here.
 */
public enum EnvelopeSuite {
  /**
   * ISO 15118-2: secp256r1 ECDH, SHA-256 concatenation KDF to a 128-bit key, AES-128-CBC without
   * padding [V2G2-815..819]. Fields {@code ContractSignatureEncryptedPrivateKey} (48 bytes) and
   * {@code DHpublickey} (65 bytes).
   */
  ISO15118_2(KeyAlgorithm.EC_P256, 16, 16, 48, 65),

  /**
   * ISO 15118-20 with {@code ECDHCurve = SECP521}: secp521r1 ECDH, SHA-512 concatenation KDF to a
   * 256-bit key, AES-256-GCM with a 96-bit IV and a 128-bit tag [V2G20-2489..2499], [V2G20-2535].
   * Fields {@code SECP521_EncryptedPrivateKey} (94 bytes) and {@code DHPublicKey} (133 bytes).
   */
  ISO15118_20_SECP521(KeyAlgorithm.EC_P521, 32, 12, 94, 133);

  private final KeyAlgorithm keyAlgorithm;
  private final int sessionKeyBytes;
  private final int ivBytes;
  private final int encryptedPrivateKeyBytes;
  private final int dhPublicKeyBytes;

  EnvelopeSuite(
      KeyAlgorithm keyAlgorithm,
      int sessionKeyBytes,
      int ivBytes,
      int encryptedPrivateKeyBytes,
      int dhPublicKeyBytes) {
    this.keyAlgorithm = keyAlgorithm;
    this.sessionKeyBytes = sessionKeyBytes;
    this.ivBytes = ivBytes;
    this.encryptedPrivateKeyBytes = encryptedPrivateKeyBytes;
    this.dhPublicKeyBytes = dhPublicKeyBytes;
  }

  /** The algorithm of the contract key, of the vehicle's static key and of the ephemeral key. */
  public KeyAlgorithm keyAlgorithm() {
    return keyAlgorithm;
  }

  /** Length of a private scalar, big-endian and left-padded: 32 (P-256) or 66 (P-521). */
  public int scalarBytes() {
    return keyAlgorithm.fieldBytes();
  }

  /** IV, ciphertext and (for GCM) tag together: 48 or 94 bytes. */
  public int encryptedPrivateKeyBytes() {
    return encryptedPrivateKeyBytes;
  }

  /** The uncompressed SEC1 point {@code 04 || X || Y}: 65 or 133 bytes. */
  public int dhPublicKeyBytes() {
    return dhPublicKeyBytes;
  }

  ECDomainParameters domain() {
    return switch (this) {
      case ISO15118_2 -> Domains.SECP256R1;
      case ISO15118_20_SECP521 -> Domains.SECP521R1;
    };
  }

  Digest newKdfDigest() {
    return switch (this) {
      case ISO15118_2 -> new SHA256Digest();
      case ISO15118_20_SECP521 -> new SHA512Digest();
    };
  }

  int sessionKeyBytes() {
    return sessionKeyBytes;
  }

  int ivBytes() {
    return ivBytes;
  }

  // Outside the enum constants so that the enum stays immutable. The custom curve implementations
  // are several times faster than BC's generic prime-field code.
  private static final class Domains {
    static final ECDomainParameters SECP256R1 = domain("secp256r1");
    static final ECDomainParameters SECP521R1 = domain("secp521r1");

    private static ECDomainParameters domain(String name) {
      X9ECParameters curve = CustomNamedCurves.getByName(name);
      return new ECDomainParameters(curve);
    }
  }
}
