package dev.pncpki.contract.envelope;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Encrypts a P-256 contract private key to the vehicle as ISO 15118-2 requires: ECDH between a
 * fresh ephemeral key and the vehicle's static key, SHA-256 concatenation KDF, AES-128-CBC over the
 * 32-byte scalar without padding [V2G2-815..819]. CBC gives no integrity: the CPS signature over
 * the response does, and the vehicle checks the scalar against the certificate [V2G2-823].
 *
 * <p>Thread-safe; every call draws a new ephemeral key and IV.
 */
public final class Iso2ContractKeyEncryptor {
  private static final EnvelopeSuite SUITE = EnvelopeSuite.ISO15118_2;
  private static final int IV_BYTES = 16;

  private final EphemeralSource source;

  public Iso2ContractKeyEncryptor() {
    this(EphemeralSource.of(new SecureRandom()));
  }

  Iso2ContractKeyEncryptor(EphemeralSource source) {
    this.source = requireNonNull(source, "source");
  }

  /**
   * The ISO 15118-2 {@code ContractSignatureEncryptedPrivateKey} and {@code DHpublickey} for {@code
   * contractKey}, readable only with the private key behind {@code vehicleStaticKey}.
   *
   * @param contractKey a pair of {@link EnvelopeSuite#ISO15118_2}; the caller still destroys it
   * @param vehicleStaticKey the key of the OEM provisioning certificate for CertificateInstallation
   *     [V2G2-820], or of the contract certificate being replaced for CertificateUpdate [V2G2-821]
   * @throws IllegalArgumentException if either key is not on secp256r1 or the static point is not
   *     valid
   * @throws IllegalStateException if the contract key pair has been destroyed
   */
  public EncryptedContractKey encrypt(
      ContractKeyPair contractKey, SubjectPublicKeyInfo vehicleStaticKey) {
    if (contractKey.suite() != SUITE) {
      throw new IllegalArgumentException(
          "an ISO 15118-2 envelope carries a secp256r1 contract key, got one for "
              + contractKey.suite());
    }
    ECPoint vehicle = EcKeys.point(SUITE, vehicleStaticKey, "vehicle static key");
    byte[] scalar = contractKey.privateScalar();
    try {
      return encryptScalar(scalar, vehicle);
    } finally {
      EcKeys.wipe(scalar);
    }
  }

  // Any 32 bytes, so that tests can send the vehicle scalars it must reject.
  EncryptedContractKey encryptScalar(byte[] scalar, ECPoint vehicle) {
    if (scalar.length != SUITE.scalarBytes()) {
      throw new IllegalArgumentException("the -2 plaintext is exactly 32 bytes [V2G2-816]");
    }
    byte[] iv = source.iv(IV_BYTES);
    try (EphemeralAgreement agreement = EphemeralAgreement.start(SUITE, source, vehicle)) {
      byte[] ciphertext = AesModes.cbc(true, agreement.sessionKey(), iv, scalar, 0, scalar.length);
      byte[] field = new byte[SUITE.encryptedPrivateKeyBytes()];
      System.arraycopy(iv, 0, field, 0, IV_BYTES);
      System.arraycopy(ciphertext, 0, field, IV_BYTES, ciphertext.length);
      return new EncryptedContractKey(SUITE, field, agreement.dhPublicKey());
    }
  }
}
