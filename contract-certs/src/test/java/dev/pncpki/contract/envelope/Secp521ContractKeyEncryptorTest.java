package dev.pncpki.contract.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.policies.id.Pcid;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Secp521ContractKeyEncryptorTest {
  private static final EnvelopeSuite SUITE = EnvelopeSuite.ISO15118_20_SECP521;
  private static final Pcid PCID = Pcid.parse("WMI1234567890ABCD1");
  private static final byte[] SKI = Hex.decode("8f0c2a1b3d4e5f60");

  private final Secp521ContractKeyEncryptor encryptor = new Secp521ContractKeyEncryptor();
  private final ContractKeyPair oem = ContractKeyPair.generate(SUITE);
  private final ContractKeyPair contract = ContractKeyPair.generate(SUITE);

  @AfterEach
  void destroyKeys() {
    oem.close();
    contract.close();
  }

  @RepeatedTest(5)
  void vehicleRecoversARandomContractKey() {
    assertRoundTrip(contract);
  }

  @Test
  void keepsLeadingZeroBytesOfTheScalar() {
    byte[] scalar = new byte[66];
    Arrays.fill(scalar, 3, 66, (byte) 0x5a);
    try (ContractKeyPair small = ContractKeyPair.fromScalar(SUITE, scalar)) {
      assertRoundTrip(small);
    }
  }

  @Test
  void anyAlteredByteFailsTheTag() {
    EncryptedContractKey sealed = encryptor.encrypt(contract, oem.publicKey(), PCID, SKI);
    for (int index : new int[] {0, 11, 12, 77, 78, 93}) { // IV, ciphertext, tag
      byte[] field = sealed.encryptedPrivateKey();
      field[index] ^= (byte) 0x80;
      var tampered = new EncryptedContractKey(SUITE, field, sealed.dhPublicKey());

      assertThatThrownBy(() -> decrypt(tampered, oem, PCID, SKI))
          .isInstanceOf(ContractKeyRejectedException.class)
          .hasMessageStartingWith("[V2G20-2504] the GCM tag does not verify");
    }
  }

  @Test
  void anotherPcidSkiOrStaticKeyFailsTheTag() {
    EncryptedContractKey sealed = encryptor.encrypt(contract, oem.publicKey(), PCID, SKI);
    byte[] otherSki = SKI.clone();
    otherSki[7] ^= 1;
    try (ContractKeyPair otherOem = ContractKeyPair.generate(SUITE)) {
      assertThatThrownBy(() -> decrypt(sealed, oem, Pcid.parse("WMI1234567890ABCD2"), SKI))
          .hasMessageStartingWith("[V2G20-2504]");
      assertThatThrownBy(() -> decrypt(sealed, oem, PCID, otherSki))
          .hasMessageStartingWith("[V2G20-2504]");
      assertThatThrownBy(() -> decrypt(sealed, otherOem, PCID, SKI))
          .isInstanceOf(ContractKeyRejectedException.class)
          .hasMessageStartingWith("[V2G20-2504]");
    }
  }

  @Test
  void vehicleRejectsBitsAbove521() {
    byte[] plaintext = contract.privateScalar();
    plaintext[0] |= 0x02;

    EncryptedContractKey sealed = sealRaw(plaintext);

    assertThatThrownBy(() -> decrypt(sealed, oem, PCID, SKI))
        .isInstanceOf(ContractKeyRejectedException.class)
        .hasMessage(
            "[V2G20-2678] the top 7 bits of the decrypted SECP521 private key are not zero");
  }

  @Test
  void vehicleRejectsZeroTheOrderAndAForeignScalar() {
    byte[] order = BigIntegers.asUnsignedByteArray(66, SUITE.domain().getN());
    try (ContractKeyPair foreign = ContractKeyPair.generate(SUITE)) {
      for (byte[] bad : new byte[][] {new byte[66], order}) {
        EncryptedContractKey sealed = sealRaw(bad);
        assertThatThrownBy(() -> decrypt(sealed, oem, PCID, SKI))
            .isInstanceOf(ContractKeyRejectedException.class)
            .hasMessageContaining("zero or not below the order n");
      }
      EncryptedContractKey sealed = sealRaw(foreign.privateScalar());
      assertThatThrownBy(() -> decrypt(sealed, oem, PCID, SKI))
          .isInstanceOf(ContractKeyRejectedException.class)
          .hasMessage(
              "[V2G20-2507], [V2G20-2510] the decrypted contract private key does not belong to"
                  + " the contract certificate's public key");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"WMI12345678901234", "wmi12345678901234"})
  void refusesA17CharacterPcid(String pcid) {
    assertThatThrownBy(() -> encryptor.encrypt(contract, oem.publicKey(), Pcid.parse(pcid), SKI))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the ISO 15118-20 contract-key AAD needs an 18-character PCID [V2G20-2492]; PCID"
                + " WMI12345678901234 has 17");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7, 9, 20})
  void refusesASkiThatIsNot8Bytes(int length) {
    assertThatThrownBy(() -> encryptor.encrypt(contract, oem.publicKey(), PCID, new byte[length]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("[V2G20-2492], got " + length + " bytes");
  }

  @Test
  void refusesKeysOfAnotherCurve() {
    try (ContractKeyPair p256 = ContractKeyPair.generate(EnvelopeSuite.ISO15118_2)) {
      assertThatThrownBy(() -> encryptor.encrypt(contract, p256.publicKey(), PCID, SKI))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "OEM provisioning key must be a secp521r1 EC key for ISO15118_20_SECP521");
      assertThatThrownBy(() -> encryptor.encrypt(p256, oem.publicKey(), PCID, SKI))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("a SECP521 envelope carries a secp521r1 contract key");
      EncryptedContractKey iso2 = new Iso2ContractKeyEncryptor().encrypt(p256, p256.publicKey());
      assertThatThrownBy(() -> decrypt(iso2, oem, PCID, SKI))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("not an ISO 15118-20 SECP521 envelope: ISO15118_2");
    }
  }

  private void assertRoundTrip(ContractKeyPair key) {
    EncryptedContractKey sealed = encryptor.encrypt(key, oem.publicKey(), PCID, SKI);

    assertThat(sealed.encryptedPrivateKey()).hasSize(94);
    assertThat(sealed.dhPublicKey()).hasSize(133).startsWith(0x04);
    try (ContractKeyPair recovered =
        Secp521ContractKeyDecryptor.decrypt(
            sealed, oem.privateScalar(), PCID, SKI, key.publicKey())) {
      assertThat(recovered.privateScalar()).isEqualTo(key.privateScalar());
      assertThat(recovered.publicKey()).isEqualTo(key.publicKey());
    }
  }

  private EncryptedContractKey sealRaw(byte[] plaintext) {
    ECPoint vehicle = EcKeys.point(SUITE, oem.publicKey(), "V");
    return encryptor.encryptScalar(
        plaintext, vehicle, Secp521ContractKeyEncryptor.additionalData(PCID, SKI));
  }

  private ContractKeyPair decrypt(
      EncryptedContractKey sealed, ContractKeyPair vehicle, Pcid pcid, byte[] ski) {
    return Secp521ContractKeyDecryptor.decrypt(
        sealed, vehicle.privateScalar(), pcid, ski, contract.publicKey());
  }
}
