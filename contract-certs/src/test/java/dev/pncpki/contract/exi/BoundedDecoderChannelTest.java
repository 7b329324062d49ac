package dev.pncpki.contract.exi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.siemens.ct.exi.core.io.channel.BitEncoderChannel;
import com.siemens.ct.exi.core.values.DecimalValue;
import com.siemens.ct.exi.core.values.IntegerValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Lengths and integers as the bounded channel reads them, on streams written by EXIficient's own
 * encoder channel (W3C EXI 1.0 section 7.1, bit-packed).
 */
class BoundedDecoderChannelTest {
  /** A stream of what {@code writes} puts on an EXIficient bit-packed encoder channel. */
  interface Writes {
    void to(BitEncoderChannel channel) throws IOException;
  }

  static BoundedDecoderChannel channel(Writes writes) throws IOException {
    var out = new ByteArrayOutputStream();
    var encoder = new BitEncoderChannel(out);
    writes.to(encoder);
    encoder.flush();
    return channel(out.toByteArray());
  }

  static BoundedDecoderChannel channel(byte[] bytes) {
    return new BoundedDecoderChannel(
        new BoundedInput(bytes, Duration.ofMinutes(1), System::nanoTime));
  }

  @Test
  void stringsAndBinaryValuesThatFitAreRead() throws IOException {
    var channel =
        channel(
            c -> {
              c.encodeString("Plug & Charge \u20ac");
              c.encodeBoolean(true); // off the byte boundary from here on
              c.encodeBinary(new byte[] {1, 2, 3, (byte) 0xff});
            });
    assertThat(new String(channel.decodeString())).isEqualTo("Plug & Charge \u20ac");
    assertThat(channel.decodeBoolean()).isTrue();
    assertThat(channel.decodeBinary()).containsExactly(1, 2, 3, 0xff);
  }

  @Test
  void aStringLongerThanTheInputIsRefusedBeforeItIsAllocated() throws IOException {
    var channel = channel(c -> c.encodeStringOnly("x".repeat(10)));
    long before = Allocation.now();
    Throwable refused = null;
    try {
      channel.decodeStringOnly(1 << 30);
    } catch (ExiLimitException e) {
      refused = e;
    }
    assertThat(Allocation.now() - before)
        .as("not the 2 GiB the length asks for")
        .isLessThan(1 << 20);
    assertThat(refused)
        .isInstanceOf(ExiLimitException.class)
        .hasMessage("a string of 1073741824 characters cannot fit in the 10 bytes left");
    assertThat(new String(channel.decodeStringOnly(10)))
        .as("nothing was read")
        .isEqualTo("x".repeat(10));
  }

  @Test
  void aStringOfExactlyTheBytesLeftIsRead() throws IOException {
    var channel = channel(c -> c.encodeStringOnly("abcd"));
    assertThat(new String(channel.decodeStringOnly(4))).isEqualTo("abcd");
  }

  @Test
  void aBinaryLengthBeyondTheInputIsRefused() throws IOException {
    var channel =
        channel(
            c -> {
              c.encodeUnsignedInteger(Integer.MAX_VALUE);
              c.encode(new byte[64], 0, 64);
            });
    long allocated =
        Allocation.of(
            () ->
                assertThatThrownBy(channel::decodeBinary)
                    .isInstanceOf(ExiLimitException.class)
                    .hasMessage(
                        "a binary value of 2147483647 bytes cannot fit in the 64 bytes left"));
    assertThat(allocated).isLessThan(1 << 20);
  }

  /** A fifth octet with its fourth bit set overflows EXIficient's int: a negative length. */
  @Test
  void aLengthThatOverflowsIsRefused() {
    var channel = channel(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x08});
    assertThatThrownBy(channel::decodeBinary)
        .isInstanceOf(ExiLimitException.class)
        .hasMessage("a binary value announces more than 2^31 bytes");
  }

  @Test
  void integersAreReadAcrossTheirRange() throws IOException {
    BigInteger longest =
        BigInteger.ONE
            .shiftLeft(7 * BoundedDecoderChannel.MAX_INTEGER_OCTETS)
            .subtract(BigInteger.ONE);
    BigInteger serial = new BigInteger("7fffffffffffffffffffffffffffffffffffffff", 16); // 20 octets
    var channel =
        channel(
            c -> {
              c.encodeUnsignedIntegerValue(IntegerValue.valueOf(0));
              c.encodeUnsignedIntegerValue(IntegerValue.valueOf(300));
              c.encodeIntegerValue(IntegerValue.valueOf(-1));
              c.encodeIntegerValue(IntegerValue.valueOf(Long.MIN_VALUE));
              c.encodeIntegerValue(IntegerValue.valueOf(Long.MAX_VALUE));
              c.encodeIntegerValue(IntegerValue.valueOf(serial));
              c.encodeIntegerValue(IntegerValue.valueOf(serial.negate()));
              c.encodeUnsignedIntegerValue(IntegerValue.valueOf(longest));
            });
    assertThat(channel.decodeUnsignedIntegerValue().longValue()).isZero();
    assertThat(channel.decodeUnsignedIntegerValue().intValue()).isEqualTo(300);
    assertThat(channel.decodeIntegerValue().intValue()).isEqualTo(-1);
    assertThat(channel.decodeIntegerValue().longValue()).isEqualTo(Long.MIN_VALUE);
    assertThat(channel.decodeIntegerValue().longValue()).isEqualTo(Long.MAX_VALUE);
    assertThat(channel.decodeIntegerValue().bigIntegerValue()).isEqualTo(serial);
    assertThat(channel.decodeIntegerValue().bigIntegerValue()).isEqualTo(serial.negate());
    assertThat(channel.decodeUnsignedIntegerValue().bigIntegerValue()).isEqualTo(longest);
  }

  @Test
  void anIntegerLongerThanTheLimitIsRefused() throws IOException {
    var channel =
        channel(
            c ->
                c.encodeUnsignedIntegerValue(
                    IntegerValue.valueOf(
                        BigInteger.ONE.shiftLeft(7 * BoundedDecoderChannel.MAX_INTEGER_OCTETS))));
    assertThatThrownBy(channel::decodeUnsignedIntegerValue)
        .isInstanceOf(ExiLimitException.class)
        .hasMessage("an integer longer than 23 octets is not decoded");
  }

  /** 16 KiB of continuation octets: EXIficient's loop would allocate a BigInteger per octet. */
  @Test
  void aRunOfContinuationOctetsCostsNothing() throws IOException {
    byte[] run = new byte[16 * 1024];
    java.util.Arrays.fill(run, (byte) 0xff);
    var channel = channel(run);
    long before = Allocation.now();
    Throwable refused = null;
    try {
      channel.decodeIntegerValue();
    } catch (ExiLimitException e) {
      refused = e;
    }
    assertThat(Allocation.now() - before).isLessThan(1 << 20);
    assertThat(refused).isInstanceOf(ExiLimitException.class);
  }

  @Test
  void decimalsAreRead() throws IOException {
    var channel =
        channel(
            c ->
                c.encodeDecimal(
                    true,
                    IntegerValue.valueOf(12),
                    IntegerValue.valueOf(new BigInteger("5" + "0".repeat(30)))));
    DecimalValue value = channel.decodeDecimalValue();
    assertThat(value.isNegative()).isTrue();
    assertThat(value.getIntegral().intValue()).isEqualTo(12);
    assertThat(value.getRevFractional().bigIntegerValue())
        .isEqualTo(new BigInteger("5" + "0".repeat(30)));
  }

  @Test
  void readingPastTheBudgetIsRefused() throws IOException {
    long[] clock = {0};
    var input = new BoundedInput(new byte[] {1, 2, 3}, Duration.ofMillis(100), () -> clock[0]);
    var channel = new BoundedDecoderChannel(input);
    assertThat(channel.decodeUnsignedInteger()).isEqualTo(1);
    clock[0] = Duration.ofMillis(101).toNanos();
    assertThatThrownBy(channel::decodeUnsignedInteger)
        .isInstanceOf(ExiLimitException.class)
        .hasMessage("decoding took longer than 100 ms");
  }
}
