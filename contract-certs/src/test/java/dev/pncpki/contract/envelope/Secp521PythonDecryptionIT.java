package dev.pncpki.contract.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.policies.id.Pcid;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our SECP521 envelopes open with pyca/cryptography (ECDH, ConcatKDFHash SHA-512, AESGCM), run from
 * the test virtual environment, which also derives the public key from the recovered scalar.
 */
class Secp521PythonDecryptionIT {
  private static final EnvelopeSuite SUITE = EnvelopeSuite.ISO15118_20_SECP521;
  private static final Pcid PCID = Pcid.parse("EVA0123456789ABCD5");
  private static final byte[] SKI = Hex.decode("4a6f1c0e9b2d7e33");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} leading zero bytes")
  @ValueSource(ints = {0, 2})
  void pythonRecoversTheContractKey(int leadingZeroBytes) throws IOException {
    Path script = dir.resolve("decrypt_secp521.py");
    try (InputStream in = getClass().getResourceAsStream("decrypt_secp521.py")) {
      Files.write(script, in.readAllBytes());
    }
    try (ContractKeyPair oem = ContractKeyPair.generate(SUITE);
        ContractKeyPair contract = contractKey(leadingZeroBytes)) {
      EncryptedContractKey sealed =
          new Secp521ContractKeyEncryptor().encrypt(contract, oem.publicKey(), PCID, SKI);
      String aad =
          new String(
              Secp521ContractKeyEncryptor.additionalData(PCID, SKI), StandardCharsets.US_ASCII);

      byte[] output =
          ExternalTool.run(
              dir,
              List.of(
                  ExternalTool.python(),
                  script.toString(),
                  Hex.toHexString(oem.privateScalar()),
                  Hex.toHexString(sealed.dhPublicKey()),
                  Hex.toHexString(sealed.encryptedPrivateKey()),
                  aad,
                  Hex.toHexString(contract.publicKey().getEncoded())));
      List<String> lines = new String(output, StandardCharsets.US_ASCII).lines().toList();

      assertThat(lines).hasSize(2);
      assertThat(lines.get(0)).isEqualTo(Hex.toHexString(contract.privateScalar()));
      assertThat(lines.get(1)).isEqualTo(Hex.toHexString(contract.publicKey().getEncoded()));
    }
  }

  private static ContractKeyPair contractKey(int leadingZeroBytes) {
    try (ContractKeyPair random = ContractKeyPair.generate(SUITE)) {
      byte[] scalar = random.privateScalar();
      Arrays.fill(scalar, 0, leadingZeroBytes, (byte) 0);
      try {
        return ContractKeyPair.fromScalar(SUITE, scalar);
      } finally {
        Arrays.fill(scalar, (byte) 0);
      }
    }
  }
}
