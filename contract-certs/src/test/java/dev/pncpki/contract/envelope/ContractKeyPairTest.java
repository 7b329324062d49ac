package dev.pncpki.contract.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.policies.profile.KeyAlgorithm;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ContractKeyPairTest {

  @ParameterizedTest
  @EnumSource(EnvelopeSuite.class)
  void generatesAScalarInRangeAndTheMatchingPublicKey(EnvelopeSuite suite) throws Exception {
    try (ContractKeyPair pair = ContractKeyPair.generate(suite)) {
      byte[] scalar = pair.privateScalar();
      BigInteger d = new BigInteger(1, scalar);

      assertThat(scalar).hasSize(suite.scalarBytes());
      assertThat(d).isPositive().isLessThan(suite.domain().getN());
      assertThat(KeyAlgorithm.of(pair.publicKey())).contains(suite.keyAlgorithm());
      // BC's generic curve code, not the custom curve the envelope uses, and the JDK's parser
      X9ECParameters generic = ECNamedCurveTable.getByName(suite.keyAlgorithm().curveName());
      ECPoint expected = generic.getG().multiply(d).normalize();
      var jdk =
          (ECPublicKey)
              KeyFactory.getInstance("EC")
                  .generatePublic(new X509EncodedKeySpec(pair.publicKey().getEncoded()));
      assertThat(jdk.getW().getAffineX()).isEqualTo(expected.getAffineXCoord().toBigInteger());
      assertThat(jdk.getW().getAffineY()).isEqualTo(expected.getAffineYCoord().toBigInteger());
      assertThat(pair.publicKey().getPublicKeyData().getOctets())
          .hasSize(suite.dhPublicKeyBytes())
          .startsWith(0x04);
    }
  }

  @Test
  void closeZeroFillsTheScalarAndRefusesToHandItOut() {
    ContractKeyPair pair = ContractKeyPair.generate(EnvelopeSuite.ISO15118_20_SECP521);
    byte[] held = pair.wipedArray();
    assertThat(held).isNotEqualTo(new byte[66]);

    pair.close();
    pair.close(); // idempotent

    assertThat(held).isEqualTo(new byte[66]);
    assertThat(pair.isDestroyed()).isTrue();
    assertThat(pair.publicKey()).isNotNull();
    assertThat(pair).hasToString("ContractKeyPair[ISO15118_20_SECP521, destroyed]");
    assertThatThrownBy(pair::privateScalar)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("contract key pair has been destroyed");
  }

  @Test
  void privateScalarIsACopy() {
    try (ContractKeyPair pair = ContractKeyPair.generate(EnvelopeSuite.ISO15118_2)) {
      byte[] copy = pair.privateScalar();
      copy[0] ^= 1;

      assertThat(pair.privateScalar()).isNotEqualTo(copy);
    }
  }

  @Test
  void keepsLeadingZeroBytes() {
    byte[] scalar = new byte[32];
    scalar[31] = 1;
    try (ContractKeyPair one = ContractKeyPair.fromScalar(EnvelopeSuite.ISO15118_2, scalar)) {
      assertThat(one.privateScalar()).isEqualTo(scalar);
      assertThat(one.publicKey().getPublicKeyData().getOctets())
          .isEqualTo(EnvelopeSuite.ISO15118_2.domain().getG().getEncoded(false));
    }
  }

  @Test
  void rejectsScalarsOutOfRangeOrOfTheWrongLength() {
    EnvelopeSuite suite = EnvelopeSuite.ISO15118_2;
    byte[] n = suite.domain().getN().toByteArray(); // 33 bytes with a sign byte
    byte[] order = Arrays.copyOfRange(n, 1, 33);

    assertThatThrownBy(() -> ContractKeyPair.fromScalar(suite, new byte[32]))
        .hasMessage("secp256r1 private scalar is zero or not below the order n");
    assertThatThrownBy(() -> ContractKeyPair.fromScalar(suite, order))
        .hasMessage("secp256r1 private scalar is zero or not below the order n");
    assertThatThrownBy(() -> ContractKeyPair.fromScalar(suite, new byte[31]))
        .hasMessage("secp256r1 private scalar must be 32 bytes, got 31");
  }
}
