package dev.pncpki.contract.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EncryptedContractKeyTest {
  private static final EnvelopeSuite ISO2 = EnvelopeSuite.ISO15118_2;

  @Test
  void copiesTheArraysOnTheWayInAndOut() {
    byte[] field = new byte[48];
    byte[] dh = point(65);
    var key = new EncryptedContractKey(ISO2, field, dh);

    field[0] = 9;
    dh[1] = 9;
    key.encryptedPrivateKey()[1] = 9;
    key.dhPublicKey()[2] = 9;

    assertThat(key.encryptedPrivateKey()).containsOnly(0);
    assertThat(key.dhPublicKey()).isEqualTo(point(65));
  }

  @Test
  void comparesByContent() {
    var a = new EncryptedContractKey(ISO2, new byte[48], point(65));
    var b = new EncryptedContractKey(ISO2, new byte[48], point(65));

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toString()).startsWith("EncryptedContractKey[ISO15118_2, encryptedPrivateKey=00");
  }

  @Test
  void rejectsLengthsOfAnotherSuite() {
    assertThatThrownBy(() -> new EncryptedContractKey(ISO2, new byte[94], point(65)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("encrypted private key for ISO15118_2 must be 48 bytes, got 94");
    assertThatThrownBy(
            () ->
                new EncryptedContractKey(
                    EnvelopeSuite.ISO15118_20_SECP521, new byte[94], point(65)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be an uncompressed point (04 || X || Y) of 133 bytes, got 65");
  }

  @Test
  void rejectsCompressedOrEmptyPoints() {
    byte[] compressed = point(65);
    compressed[0] = 0x02;

    assertThatThrownBy(() -> new EncryptedContractKey(ISO2, new byte[48], compressed))
        .hasMessageEndingWith("got 65 bytes starting with 02");
    assertThatThrownBy(() -> new EncryptedContractKey(ISO2, new byte[48], new byte[0]))
        .hasMessageEndingWith("got 0 bytes");
  }

  private static byte[] point(int length) {
    byte[] p = new byte[length];
    p[0] = 0x04;
    return p;
  }
}
