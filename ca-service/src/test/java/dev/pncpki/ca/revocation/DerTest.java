package dev.pncpki.ca.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written DER pieces against Bouncy Castle's encoder of the same values. */
class DerTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 127, 128, 255, 256, 65_535, 65_536, 16_777_216, 47_000_000})
  void lengthsAreEncodedAsBouncyCastleEncodesThem(int length) throws Exception {
    byte[] bc = new DEROctetString(new byte[length]).getEncoded(ASN1Encoding.DER);
    byte[] ours = Der.header(0x04, length);
    assertThat(ours).isEqualTo(java.util.Arrays.copyOf(bc, ours.length));
    assertThat(ours.length + length).isEqualTo(bc.length);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 127, 128, 255, 256, -1, Long.MAX_VALUE})
  void integersAreMinimalTwosComplement(long value) throws Exception {
    var v = BigInteger.valueOf(value).shiftLeft(value == Long.MAX_VALUE ? 40 : 0);
    assertThat(Der.integer(v)).isEqualTo(new ASN1Integer(v).getEncoded(ASN1Encoding.DER));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1950-01-01T00:00:00Z",
        "2026-11-23T08:09:07Z",
        "2049-12-31T23:59:59Z",
        "2050-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z"
      })
  void timesAreUtcTimeUntil2049AndGeneralizedTimeFrom2050(String text) throws Exception {
    Instant instant = Instant.parse(text);
    byte[] bc = new Time(Date.from(instant)).getEncoded(ASN1Encoding.DER);
    assertThat(Der.time(instant)).isEqualTo(bc);
    int year = Integer.parseInt(text.substring(0, 4));
    assertThat(Der.time(instant)[0]).isEqualTo((byte) (year < 2050 ? 0x17 : 0x18));
  }

  @Test
  void fractionsOfASecondAreDropped() {
    assertThat(Der.time(Instant.parse("2026-01-01T00:00:00.999Z")))
        .isEqualTo(Der.time(Instant.parse("2026-01-01T00:00:00Z")));
  }

  @Test
  void timesAndLengthsOutsideWhatDerCanSayAreRefused() {
    assertThatThrownBy(() -> Der.time(Instant.parse("1949-12-31T23:59:59Z")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Der.header(0x30, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Der.header(0x30, 1L << 32))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
