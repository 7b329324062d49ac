package dev.pncpki.contract.envelope;

import static java.util.Objects.requireNonNull;

import dev.pncpki.policies.id.Pcid;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The vehicle's side of the ISO 15118-20 SECP521 envelope: recovers the contract private key from
 * {@code SECP521_EncryptedPrivateKey} and {@code DHPublicKey} with the checks of
 * [V2G20-2504..2510]. Used by tests and EV simulators; the backend never decrypts.
 */
public final class Secp521ContractKeyDecryptor {
  private static final EnvelopeSuite SUITE = EnvelopeSuite.ISO15118_20_SECP521;

  private Secp521ContractKeyDecryptor() {}

  /**
   * The contract key pair inside {@code envelope}, after checking it against the certificate.
   *
   * @param oemProvisioningPrivateScalar 66 bytes, big-endian; read, not wiped
   * @param pcid the vehicle's PCID (18 characters), as in the AAD
   * @param contractSubjectKeyIdentifier the contract certificate's 8-byte SKI, as in the AAD
   * @param contractPublicKey the public key of the delivered contract certificate
   * @return the contract key pair; the caller destroys it
   * @throws IllegalArgumentException if an input is not of this suite or not a valid key or point
   * @throws ContractKeyRejectedException if the tag does not verify [V2G20-2504], the top 7 bits of
   *     the plaintext are set [V2G20-2678], or the scalar is not below n or does not match {@code
   *     contractPublicKey} [V2G20-2507], [V2G20-2510]
   */
  public static ContractKeyPair decrypt(
      EncryptedContractKey envelope,
      byte[] oemProvisioningPrivateScalar,
      Pcid pcid,
      byte[] contractSubjectKeyIdentifier,
      SubjectPublicKeyInfo contractPublicKey) {
    if (requireNonNull(envelope, "envelope").suite() != SUITE) {
      throw new IllegalArgumentException(
          "not an ISO 15118-20 SECP521 envelope: " + envelope.suite());
    }
    byte[] aad = Secp521ContractKeyEncryptor.additionalData(pcid, contractSubjectKeyIdentifier);
    ECPoint contractPoint = EcKeys.point(SUITE, contractPublicKey, "contract public key");
    ECPoint dh = EcKeys.point(SUITE, envelope.dhPublicKey(), "DHPublicKey");
    byte[] field = envelope.encryptedPrivateKey();
    int ivBytes = SUITE.ivBytes();
    byte[] key = null;
    byte[] plaintext = null;
    try {
      BigInteger d = EcKeys.checkedScalar(SUITE, oemProvisioningPrivateScalar);
      key = SessionKey.derive(SUITE, d, dh);
      byte[] iv = Arrays.copyOf(field, ivBytes);
      plaintext = AesModes.gcmDecrypt(key, iv, aad, field, ivBytes, field.length - ivBytes);
      // 66 bytes hold 528 bits; the 7 above the 521 of a P-521 scalar must be zero.
      if ((plaintext[0] & 0xfe) != 0) {
        throw new ContractKeyRejectedException(
            "[V2G20-2678] the top 7 bits of the decrypted SECP521 private key are not zero");
      }
      return ScalarCheck.accept(SUITE, plaintext, contractPoint, "[V2G20-2507], [V2G20-2510]");
    } catch (InvalidCipherTextException e) {
      throw new ContractKeyRejectedException(
          "[V2G20-2504] the GCM tag does not verify: wrong OEM provisioning key, PCID or contract"
              + " SKI, or the data was altered",
          e);
    } finally {
      EcKeys.wipe(key, plaintext);
    }
  }
}
