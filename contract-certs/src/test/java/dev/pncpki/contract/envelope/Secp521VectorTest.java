package dev.pncpki.contract.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.policies.id.Pcid;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/**
 * An ISO 15118-20 SECP521 vector with trivial scalars, reproduced byte for byte: K and the 94-byte
 * field were computed outside this code from the -20 rules (SHA-512 concatenation KDF, AES-256-GCM
 * with PCID and SKI as AAD) and have not been checked against another -20 implementation; Z and
 * DHPublicKey were computed for this test from the same scalars with Python cryptography 50 (ECDH,
 * public_bytes).
 */
class Secp521VectorTest {
  private static final EnvelopeSuite SUITE = EnvelopeSuite.ISO15118_20_SECP521;

  static final String STATIC_PRIVATE = "01" + "11".repeat(65);
  static final String EPHEMERAL_PRIVATE = "01" + "22".repeat(65);
  static final String CONTRACT_PRIVATE = "01" + "33".repeat(65);
  static final Pcid PCID = Pcid.parse("WMI1234567890ABCD1");
  static final byte[] SKI = Hex.decode("0123456789abcdef");
  static final String IV = "000102030405060708090a0b";
  static final String K = "88535012d0953c5982d5380ed497efeff0df9260c70558685ef7e6256ffd78ab";
  static final String ENCRYPTED_PRIVATE_KEY =
      IV
          + "2795533c726e4062725c3a35338e84e4dd6c19a23cf6db5b175ec787e3ded0848b10470b"
          + "c78572b40611e6f833270810ef2150962ff47a54bc0d813de5cc4cfb57aebbddb549e360e336168ca6632869501c";
  static final String Z =
      "011feb6c7d6b1bbe1d4cb373e65b17993e4f1fe7f8b6ff3ee6f16279efb54de8c8ed08e4832de4c5c6d0f7067"
          + "729164beb87ed72711d5a7ee08a0da98a3c3206d693";
  static final String DH_PUBLIC_KEY =
      "0400731edbc438b1e6e4147bef27209a7639f411fcf594a2f07f452964bcf00dd0dda8df2dfa00945f987825"
          + "012703d6aceb3dc9ae50699ee43abfa3206a96b1467bef00db3038fc22ce4978d1e270eb64963badc896ef"
          + "ffe75fdcbfa8acc8414dde2cee6a80937a117a53e1a644c65ebeaf35cfb296eb4916a324c216ed40e91076"
          + "f4e4ff";

  @Test
  void theAadIsPcidThenUpperCaseSki() {
    byte[] aad = Secp521ContractKeyEncryptor.additionalData(PCID, SKI);

    assertThat(new String(aad, StandardCharsets.US_ASCII))
        .isEqualTo("WMI1234567890ABCD10123456789ABCDEF")
        .hasSize(34);
  }

  @Test
  void sessionKeyMatchesTheSheet() {
    try (ContractKeyPair vehicle = pair(STATIC_PRIVATE)) {
      ECPoint v = EcKeys.point(SUITE, vehicle.publicKey(), "V");
      BigInteger u = new BigInteger(EPHEMERAL_PRIVATE, 16);

      assertThat(Hex.toHexString(SessionKey.sharedSecret(SUITE, u, v)))
          .hasSize(2 * 66)
          .isEqualTo(Z);
      assertThat(Hex.toHexString(SessionKey.derive(SUITE, u, v))).isEqualTo(K);
    }
  }

  @Test
  void encryptionReproducesTheSheetByteForByte() {
    var encryptor =
        new Secp521ContractKeyEncryptor(new FixedEphemeralSource(EPHEMERAL_PRIVATE, IV));
    try (ContractKeyPair contract = pair(CONTRACT_PRIVATE);
        ContractKeyPair vehicle = pair(STATIC_PRIVATE)) {
      EncryptedContractKey sealed = encryptor.encrypt(contract, vehicle.publicKey(), PCID, SKI);

      assertThat(Hex.toHexString(sealed.encryptedPrivateKey()))
          .hasSize(2 * 94)
          .isEqualTo(ENCRYPTED_PRIVATE_KEY);
      assertThat(Hex.toHexString(sealed.dhPublicKey())).hasSize(2 * 133).isEqualTo(DH_PUBLIC_KEY);
    }
  }

  @Test
  void vehicleRecoversTheSheetContractKey() {
    var sealed =
        new EncryptedContractKey(
            SUITE, Hex.decode(ENCRYPTED_PRIVATE_KEY), Hex.decode(DH_PUBLIC_KEY));
    try (ContractKeyPair expected = pair(CONTRACT_PRIVATE);
        ContractKeyPair recovered =
            Secp521ContractKeyDecryptor.decrypt(
                sealed, Hex.decode(STATIC_PRIVATE), PCID, SKI, expected.publicKey())) {
      assertThat(Hex.toHexString(recovered.privateScalar())).isEqualTo(CONTRACT_PRIVATE);
    }
  }

  private static ContractKeyPair pair(String scalarHex) {
    return ContractKeyPair.fromScalar(SUITE, Hex.decode(scalarHex));
  }
}
