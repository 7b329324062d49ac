package dev.pncpki.contract.envelope;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;

/**
 * The two values the CertificateInstallationRes / CertificateUpdateRes carries for the contract
 * private key, exactly as they go on the wire. Not secret: only the vehicle's static private key
 * opens it. The arrays are copied on the way in and out.
 *
 * @param suite which envelope produced the values
 * @param encryptedPrivateKey ISO 15118-2 {@code ContractSignatureEncryptedPrivateKey}: IV (16) ||
 *     AES-128-CBC ciphertext (32) = 48 bytes [V2G2-817]; ISO 15118-20 {@code
 *     SECP521_EncryptedPrivateKey}: IV (12) || ciphertext (66) || tag (16) = 94 bytes
 *     [V2G20-2497..2499]
 * @param dhPublicKey {@code DHpublickey} (-2, 65 bytes [V2G2-819]) or {@code DHPublicKey} (-20, 133
 *     bytes [V2G20-2489]): the sender's ephemeral public key as an uncompressed SEC1 point
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by content below
public record EncryptedContractKey(
    EnvelopeSuite suite, byte[] encryptedPrivateKey, byte[] dhPublicKey) {

  /**
   * @throws IllegalArgumentException if a length does not match the suite or the public key is not
   *     in uncompressed form (it is not checked against the curve here; the decryptor does that)
   */
  public EncryptedContractKey {
    requireNonNull(suite, "suite");
    encryptedPrivateKey = requireNonNull(encryptedPrivateKey, "encryptedPrivateKey").clone();
    dhPublicKey = requireNonNull(dhPublicKey, "dhPublicKey").clone();
    if (encryptedPrivateKey.length != suite.encryptedPrivateKeyBytes()) {
      throw new IllegalArgumentException(
          "encrypted private key for "
              + suite
              + " must be "
              + suite.encryptedPrivateKeyBytes()
              + " bytes, got "
              + encryptedPrivateKey.length);
    }
    if (dhPublicKey.length != suite.dhPublicKeyBytes() || dhPublicKey[0] != 0x04) {
      throw new IllegalArgumentException(
          "DH public key for "
              + suite
              + " must be an uncompressed point (04 || X || Y) of "
              + suite.dhPublicKeyBytes()
              + " bytes, got "
              + dhPublicKey.length
              + " bytes"
              + (dhPublicKey.length > 0
                  ? " starting with " + Hex.toHexString(dhPublicKey, 0, 1)
                  : ""));
    }
  }

  @Override
  public byte[] encryptedPrivateKey() {
    return encryptedPrivateKey.clone();
  }

  @Override
  public byte[] dhPublicKey() {
    return dhPublicKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncryptedContractKey other
        && suite == other.suite
        && Arrays.equals(encryptedPrivateKey, other.encryptedPrivateKey)
        && Arrays.equals(dhPublicKey, other.dhPublicKey);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * suite.hashCode() + Arrays.hashCode(encryptedPrivateKey))
        + Arrays.hashCode(dhPublicKey);
  }

  @Override
  public String toString() {
    return "EncryptedContractKey["
        + suite
        + ", encryptedPrivateKey="
        + Hex.toHexString(encryptedPrivateKey)
        + ", dhPublicKey="
        + Hex.toHexString(dhPublicKey)
        + "]";
  }
}
