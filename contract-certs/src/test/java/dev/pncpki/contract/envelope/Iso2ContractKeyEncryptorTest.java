package dev.pncpki.contract.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class Iso2ContractKeyEncryptorTest {
  private static final EnvelopeSuite SUITE = EnvelopeSuite.ISO15118_2;
  private final Iso2ContractKeyEncryptor encryptor = new Iso2ContractKeyEncryptor();

  @RepeatedTest(20)
  void vehicleRecoversARandomContractKey() {
    try (ContractKeyPair oem = ContractKeyPair.generate(SUITE);
        ContractKeyPair contract = ContractKeyPair.generate(SUITE)) {
      assertRoundTrip(contract, oem);
    }
  }

  @Test
  void keepsLeadingZeroBytesOfTheScalar() {
    byte[] scalar = new byte[32];
    Arrays.fill(scalar, 2, 32, (byte) 0xa5);
    try (ContractKeyPair oem = ContractKeyPair.generate(SUITE);
        ContractKeyPair contract = ContractKeyPair.fromScalar(SUITE, scalar)) {
      assertRoundTrip(contract, oem);
    }
  }

  @Test
  void updateEncryptsToTheContractKeyBeingReplaced() {
    try (ContractKeyPair previous = ContractKeyPair.generate(SUITE);
        ContractKeyPair next = ContractKeyPair.generate(SUITE)) {
      assertRoundTrip(next, previous);
    }
  }

  @Test
  void everyEnvelopeHasAFreshEphemeralKeyAndIv() {
    try (ContractKeyPair oem = ContractKeyPair.generate(SUITE);
        ContractKeyPair contract = ContractKeyPair.generate(SUITE)) {
      EncryptedContractKey a = encryptor.encrypt(contract, oem.publicKey());
      EncryptedContractKey b = encryptor.encrypt(contract, oem.publicKey());

      assertThat(a.dhPublicKey()).isNotEqualTo(b.dhPublicKey());
      assertThat(Arrays.copyOf(a.encryptedPrivateKey(), 16))
          .isNotEqualTo(Arrays.copyOf(b.encryptedPrivateKey(), 16));
    }
  }

  @Test
  void aWrongStaticKeyIsCaughtByTheScalarCheck() {
    try (ContractKeyPair oem = ContractKeyPair.generate(SUITE);
        ContractKeyPair other = ContractKeyPair.generate(SUITE);
        ContractKeyPair contract = ContractKeyPair.generate(SUITE)) {
      EncryptedContractKey sealed = encryptor.encrypt(contract, oem.publicKey());

      assertThatThrownBy(
              () ->
                  Iso2ContractKeyDecryptor.decrypt(
                      sealed, other.privateScalar(), contract.publicKey()))
          .isInstanceOf(ContractKeyRejectedException.class)
          .hasMessageStartingWith("[V2G2-823]");
    }
  }

  @Test
  void aFlippedBitInIvOrCiphertextIsCaughtByTheScalarCheck() {
    try (ContractKeyPair oem = ContractKeyPair.generate(SUITE);
        ContractKeyPair contract = ContractKeyPair.generate(SUITE)) {
      EncryptedContractKey sealed = encryptor.encrypt(contract, oem.publicKey());
      for (int index : new int[] {0, 15, 16, 47}) {
        byte[] field = sealed.encryptedPrivateKey();
        field[index] ^= 0x01;
        var tampered = new EncryptedContractKey(SUITE, field, sealed.dhPublicKey());

        assertThatThrownBy(
                () ->
                    Iso2ContractKeyDecryptor.decrypt(
                        tampered, oem.privateScalar(), contract.publicKey()))
            .isInstanceOf(ContractKeyRejectedException.class)
            .hasMessageContaining("does not belong to the contract certificate's public key");
      }
    }
  }

  @Test
  void vehicleRejectsZeroAndScalarsNotBelowTheOrder() {
    byte[] order = Arrays.copyOfRange(SUITE.domain().getN().toByteArray(), 1, 33);
    try (ContractKeyPair oem = ContractKeyPair.generate(SUITE);
        ContractKeyPair contract = ContractKeyPair.generate(SUITE)) {
      ECPoint vehicle = EcKeys.point(SUITE, oem.publicKey(), "V");
      for (byte[] bad : new byte[][] {new byte[32], order}) {
        EncryptedContractKey sealed = encryptor.encryptScalar(bad, vehicle);

        assertThatThrownBy(
                () ->
                    Iso2ContractKeyDecryptor.decrypt(
                        sealed, oem.privateScalar(), contract.publicKey()))
            .isInstanceOf(ContractKeyRejectedException.class)
            .hasMessage(
                "[V2G2-823] the decrypted contract private key is zero or not below the order n");
      }
    }
  }

  @Test
  void rejectsKeysOfAnotherCurve() {
    try (ContractKeyPair p521 = ContractKeyPair.generate(EnvelopeSuite.ISO15118_20_SECP521);
        ContractKeyPair p256 = ContractKeyPair.generate(SUITE)) {
      assertThatThrownBy(() -> encryptor.encrypt(p256, p521.publicKey()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("vehicle static key must be a secp256r1 EC key for ISO15118_2")
          .hasMessageContaining("1.3.132.0.35");
      assertThatThrownBy(() -> encryptor.encrypt(p521, p256.publicKey()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "an ISO 15118-2 envelope carries a secp256r1 contract key, got one for"
                  + " ISO15118_20_SECP521");
    }
  }

  @Test
  void rejectsAStaticPointOffTheCurve() {
    try (ContractKeyPair oem = ContractKeyPair.generate(SUITE);
        ContractKeyPair contract = ContractKeyPair.generate(SUITE)) {
      byte[] point = oem.publicKey().getPublicKeyData().getOctets();
      point[64] ^= 0x01;
      var offCurve = new SubjectPublicKeyInfo(oem.publicKey().getAlgorithm(), point);

      assertThatThrownBy(() -> encryptor.encrypt(contract, offCurve))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("vehicle static key is not a point on secp256r1");
    }
  }

  @Test
  void vehicleRejectsADhPublicKeyOffTheCurve() {
    try (ContractKeyPair oem = ContractKeyPair.generate(SUITE);
        ContractKeyPair contract = ContractKeyPair.generate(SUITE)) {
      EncryptedContractKey sealed = encryptor.encrypt(contract, oem.publicKey());
      byte[] dh = sealed.dhPublicKey();
      dh[64] ^= 0x01;
      var tampered = new EncryptedContractKey(SUITE, sealed.encryptedPrivateKey(), dh);

      assertThatThrownBy(
              () ->
                  Iso2ContractKeyDecryptor.decrypt(
                      tampered, oem.privateScalar(), contract.publicKey()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("DHpublickey is not a point on secp256r1");
    }
  }

  @Test
  void refusesADestroyedContractKey() {
    try (ContractKeyPair oem = ContractKeyPair.generate(SUITE)) {
      ContractKeyPair contract = ContractKeyPair.generate(SUITE);
      contract.destroy();

      assertThatThrownBy(() -> encryptor.encrypt(contract, oem.publicKey()))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  private void assertRoundTrip(ContractKeyPair contract, ContractKeyPair vehicle) {
    EncryptedContractKey sealed = encryptor.encrypt(contract, vehicle.publicKey());

    assertThat(sealed.encryptedPrivateKey()).hasSize(48);
    assertThat(sealed.dhPublicKey()).hasSize(65).startsWith(0x04);
    try (ContractKeyPair recovered =
        Iso2ContractKeyDecryptor.decrypt(sealed, vehicle.privateScalar(), contract.publicKey())) {
      assertThat(recovered.privateScalar()).isEqualTo(contract.privateScalar());
      assertThat(new BigInteger(1, recovered.privateScalar())).isPositive();
      assertThat(recovered.publicKey()).isEqualTo(contract.publicKey());
    }
  }
}
