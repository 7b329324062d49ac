package dev.pncpki.contract.envelope;

import static java.util.Objects.requireNonNull;

import dev.pncpki.policies.id.Pcid;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.encoders.Hex;

/**
 * Encrypts a P-521 contract private key to the vehicle for an ISO 15118-20 {@code
 * SignedInstallationData} with {@code ECDHCurve = SECP521}: ECDH with a fresh ephemeral secp521r1
 * key against the OEM provisioning key [V2G20-2534], SHA-512 concatenation KDF to 256 bits
 * [V2G20-2535], AES-256-GCM over the scalar left-padded to 66 bytes, with a 96-bit random IV, a
 * 128-bit tag and AAD = PCID || contract SKI [V2G20-2492..2499].
 *
 * <p>The X448 variant is not provided (see {@link EnvelopeSuite}). Thread-safe; every call draws a
 * new ephemeral key and IV.
 */
public final class Secp521ContractKeyEncryptor {
  private static final EnvelopeSuite SUITE = EnvelopeSuite.ISO15118_20_SECP521;
  private static final int PCID_CHARS = 18;
  private static final int SKI_BYTES = 8;

  private final EphemeralSource source;

  public Secp521ContractKeyEncryptor() {
    this(EphemeralSource.of(new SecureRandom()));
  }

  Secp521ContractKeyEncryptor(EphemeralSource source) {
    this.source = requireNonNull(source, "source");
  }

  /**
   * The {@code SECP521_EncryptedPrivateKey} and {@code DHPublicKey} for {@code contractKey},
   * readable only with the OEM provisioning private key and the same PCID and SKI.
   *
   * @param contractKey a pair of {@link EnvelopeSuite#ISO15118_20_SECP521}; the caller still
   *     destroys it
   * @param oemProvisioningKey the public key of the vehicle's OEM provisioning certificate
   * @param pcid the CN of that certificate; must have 18 characters (see {@link
   *     #additionalData(Pcid, byte[])})
   * @param contractSubjectKeyIdentifier the 8-byte keyIdentifier of the contract certificate's
   *     SubjectKeyIdentifier extension
   * @throws IllegalArgumentException if a key is not on secp521r1, the OEM point is not valid, the
   *     PCID is not 18 characters or the SKI not 8 bytes
   * @throws IllegalStateException if the contract key pair has been destroyed
   */
  public EncryptedContractKey encrypt(
      ContractKeyPair contractKey,
      SubjectPublicKeyInfo oemProvisioningKey,
      Pcid pcid,
      byte[] contractSubjectKeyIdentifier) {
    if (contractKey.suite() != SUITE) {
      throw new IllegalArgumentException(
          "a SECP521 envelope carries a secp521r1 contract key, got one for "
              + contractKey.suite());
    }
    byte[] aad = additionalData(pcid, contractSubjectKeyIdentifier);
    ECPoint vehicle = EcKeys.point(SUITE, oemProvisioningKey, "OEM provisioning key");
    byte[] scalar = contractKey.privateScalar();
    try {
      return encryptScalar(scalar, vehicle, aad);
    } finally {
      EcKeys.wipe(scalar);
    }
  }

  // Any 66 bytes, so that tests can send the vehicle plaintexts it must reject.
  EncryptedContractKey encryptScalar(byte[] plaintext, ECPoint vehicle, byte[] aad) {
    if (plaintext.length != SUITE.scalarBytes()) {
      throw new IllegalArgumentException("the SECP521 plaintext is exactly 66 bytes [V2G20-2497]");
    }
    byte[] iv = source.iv(SUITE.ivBytes());
    try (EphemeralAgreement agreement = EphemeralAgreement.start(SUITE, source, vehicle)) {
      byte[] sealed = AesModes.gcmEncrypt(agreement.sessionKey(), iv, aad, plaintext);
      byte[] field = new byte[SUITE.encryptedPrivateKeyBytes()];
      System.arraycopy(iv, 0, field, 0, iv.length);
      System.arraycopy(sealed, 0, field, iv.length, sealed.length);
      return new EncryptedContractKey(SUITE, field, agreement.dhPublicKey());
    }
  }

  /**
   * The GCM additional data [V2G20-2492]: the PCID as 18 upper-case ASCII characters followed by
   * the contract certificate's SKI as 16 upper-case hex characters, 34 bytes in all.
   *
   * <p>A PCID may have 17 characters (no check character, VDE-AR-E 2802-100-1), but the -20 AAD is
   * defined on 18 and the standard names no filler. A 17-character PCID is rejected rather than
   * padded with a guess that the vehicle might not share.
   */
  static byte[] additionalData(Pcid pcid, byte[] contractSubjectKeyIdentifier) {
    requireNonNull(pcid, "pcid");
    requireNonNull(contractSubjectKeyIdentifier, "contractSubjectKeyIdentifier");
    if (pcid.value().length() != PCID_CHARS) {
      throw new IllegalArgumentException(
          "the ISO 15118-20 contract-key AAD needs an 18-character PCID [V2G20-2492]; PCID "
              + pcid
              + " has "
              + pcid.value().length());
    }
    if (contractSubjectKeyIdentifier.length != SKI_BYTES) {
      throw new IllegalArgumentException(
          "the ISO 15118-20 contract-key AAD needs an 8-byte contract SubjectKeyIdentifier (16 hex"
              + " characters) [V2G20-2492], got "
              + contractSubjectKeyIdentifier.length
              + " bytes");
    }
    String aad =
        pcid.value() + Hex.toHexString(contractSubjectKeyIdentifier).toUpperCase(Locale.ROOT);
    return aad.getBytes(StandardCharsets.US_ASCII);
  }
}
