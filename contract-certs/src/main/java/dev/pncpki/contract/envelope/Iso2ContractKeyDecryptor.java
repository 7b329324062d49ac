package dev.pncpki.contract.envelope;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The vehicle's side of the ISO 15118-2 envelope: recovers the contract private key from {@code
 * ContractSignatureEncryptedPrivateKey} and {@code DHpublickey} and checks it [V2G2-823]. Used by
 * tests and EV simulators; the backend never decrypts.
 */
public final class Iso2ContractKeyDecryptor {
  private static final EnvelopeSuite SUITE = EnvelopeSuite.ISO15118_2;
  private static final int IV_BYTES = 16;

  private Iso2ContractKeyDecryptor() {}

  /**
   * The contract key pair inside {@code envelope}, after checking it against the certificate.
   *
   * @param vehicleStaticPrivateScalar 32 bytes, big-endian: the OEM provisioning key (installation)
   *     or the replaced contract key (update); read, not wiped
   * @param contractPublicKey the public key of the delivered contract certificate
   * @return the contract key pair; the caller destroys it
   * @throws IllegalArgumentException if an input is not of this suite or not a valid key or point
   * @throws ContractKeyRejectedException if the decrypted scalar is zero, not below n, or does not
   *     match {@code contractPublicKey} (also the symptom of a wrong static key: CBC cannot tell)
   */
  public static ContractKeyPair decrypt(
      EncryptedContractKey envelope,
      byte[] vehicleStaticPrivateScalar,
      SubjectPublicKeyInfo contractPublicKey) {
    if (requireNonNull(envelope, "envelope").suite() != SUITE) {
      throw new IllegalArgumentException("not an ISO 15118-2 envelope: " + envelope.suite());
    }
    ECPoint contractPoint = EcKeys.point(SUITE, contractPublicKey, "contract public key");
    ECPoint dh = EcKeys.point(SUITE, envelope.dhPublicKey(), "DHpublickey");
    byte[] field = envelope.encryptedPrivateKey();
    byte[] key = null;
    byte[] scalar = null;
    try {
      BigInteger d = EcKeys.checkedScalar(SUITE, vehicleStaticPrivateScalar);
      key = SessionKey.derive(SUITE, d, dh);
      byte[] iv = Arrays.copyOf(field, IV_BYTES);
      scalar = AesModes.cbc(false, key, iv, field, IV_BYTES, field.length - IV_BYTES);
      return ScalarCheck.accept(SUITE, scalar, contractPoint, "[V2G2-823]");
    } finally {
      EcKeys.wipe(key, scalar);
    }
  }
}
