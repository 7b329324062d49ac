package dev.pncpki.contract.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/**
 * An ISO 15118-2 envelope vector with trivial scalars, computed independently with Python
 * cryptography (ConcatKDFHash) and the OpenSSL command line, reproduced byte for byte.
 */
class Iso2VectorTest {
  private static final EnvelopeSuite SUITE = EnvelopeSuite.ISO15118_2;

  static final String STATIC_PRIVATE = "11".repeat(32);
  static final String STATIC_PUBLIC =
      "040217e617f0b6443928278f96999e69a23a4f2c152bdf6d6cdf66e5b80282d4ed"
          + "194a7debcb97712d2dda3ca85aa8765a56f45fc758599652f2897c65306e5794";
  static final String EPHEMERAL_PRIVATE = "22".repeat(32);
  static final String DH_PUBLIC_KEY =
      "04d65a93977caa3d1b081852ff57a79e465f1660577304baead505dd3a48589cf3"
          + "50185e895372df6221ea3a137557e473fddb6755f05bd507c3c533fce9c91285";
  static final String Z = "ccfc261f58193c98ca4ad4a53bbac6f0ee29bc4d48438090446908622ca79af6";
  static final String K = "7178a38694ce5bf8a6a20df6dae3ac94";
  static final String CONTRACT_PRIVATE = "33".repeat(32);
  static final String IV = "000102030405060708090a0b0c0d0e0f";
  static final String CIPHERTEXT =
      "f418f69bd6f0497a0e55fcca0d8dd0ad9b69c89071ce6f2efbbde7fed706d155";
  static final String CONTRACT_PUBLIC =
      "0451a7580833898ea1b183cbd7350a4099078c6ef1c1e18e970cd7683035f25e7d"
          + "0110522712b0b5a7cff081685486984a94e6831edac46e7360fa9d834a7a81a1";

  @Test
  void publicKeysMatchTheSheet() {
    assertThat(publicPoint(STATIC_PRIVATE)).isEqualTo(STATIC_PUBLIC);
    assertThat(publicPoint(EPHEMERAL_PRIVATE)).isEqualTo(DH_PUBLIC_KEY);
    assertThat(publicPoint(CONTRACT_PRIVATE)).isEqualTo(CONTRACT_PUBLIC);
  }

  @Test
  void bothPartiesAgreeOnZAndK() {
    ECPoint vehicle = EcKeys.point(SUITE, Hex.decode(STATIC_PUBLIC), "V");
    ECPoint ephemeral = EcKeys.point(SUITE, Hex.decode(DH_PUBLIC_KEY), "U");

    byte[] zSender = SessionKey.sharedSecret(SUITE, scalar(EPHEMERAL_PRIVATE), vehicle);
    byte[] zVehicle = SessionKey.sharedSecret(SUITE, scalar(STATIC_PRIVATE), ephemeral);

    assertThat(Hex.toHexString(zSender)).isEqualTo(Z);
    assertThat(zVehicle).isEqualTo(zSender);
    byte[] otherInfo = {0x01, 0x55, 0x56};
    assertThat(Hex.toHexString(SessionKey.concatKdf(new SHA256Digest(), zSender, otherInfo, 16)))
        .isEqualTo(K);
    assertThat(Hex.toHexString(SessionKey.derive(SUITE, scalar(EPHEMERAL_PRIVATE), vehicle)))
        .isEqualTo(K);
  }

  @Test
  void encryptionReproducesTheSheetByteForByte() {
    var encryptor = new Iso2ContractKeyEncryptor(new FixedEphemeralSource(EPHEMERAL_PRIVATE, IV));
    try (ContractKeyPair contract = pair(CONTRACT_PRIVATE);
        ContractKeyPair vehicle = pair(STATIC_PRIVATE)) {
      EncryptedContractKey sealed = encryptor.encrypt(contract, vehicle.publicKey());

      assertThat(Hex.toHexString(sealed.encryptedPrivateKey()))
          .hasSize(2 * 48)
          .isEqualTo(IV + CIPHERTEXT);
      assertThat(Hex.toHexString(sealed.dhPublicKey())).hasSize(2 * 65).isEqualTo(DH_PUBLIC_KEY);
      assertThat(sealed.suite()).isEqualTo(SUITE);
    }
  }

  @Test
  void vehicleRecoversTheSheetContractKey() {
    var sealed =
        new EncryptedContractKey(SUITE, Hex.decode(IV + CIPHERTEXT), Hex.decode(DH_PUBLIC_KEY));
    try (ContractKeyPair expected = pair(CONTRACT_PRIVATE);
        ContractKeyPair recovered =
            Iso2ContractKeyDecryptor.decrypt(
                sealed, Hex.decode(STATIC_PRIVATE), expected.publicKey())) {
      assertThat(Hex.toHexString(recovered.privateScalar())).isEqualTo(CONTRACT_PRIVATE);
      assertThat(recovered.publicKey()).isEqualTo(expected.publicKey());
    }
  }

  private static ContractKeyPair pair(String scalarHex) {
    return ContractKeyPair.fromScalar(SUITE, Hex.decode(scalarHex));
  }

  private static BigInteger scalar(String hex) {
    return new BigInteger(hex, 16);
  }

  private static String publicPoint(String scalarHex) {
    try (ContractKeyPair pair = pair(scalarHex)) {
      return Hex.toHexString(pair.publicKey().getPublicKeyData().getOctets());
    }
  }
}
