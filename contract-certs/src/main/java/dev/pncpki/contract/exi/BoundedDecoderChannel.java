package dev.pncpki.contract.exi;

import com.siemens.ct.exi.core.io.channel.BitDecoderChannel;
import com.siemens.ct.exi.core.values.DecimalValue;
import com.siemens.ct.exi.core.values.IntegerValue;
import java.io.IOException;
import java.math.BigInteger;

/**
 * EXIficient's bit-packed decoder channel, with every length the stream announces checked against
 * the input left before anything is allocated for it. EXIficient itself allocates what a length
 * prefix says (a string of 2^30 characters, 2 GB, for five bytes of input) and only then finds the
 * input too short. In bit-packed EXI (W3C EXI 1.0 section 7.1) each character of a string is an
 * Unsigned Integer of at least one octet and each byte of a binary value is eight bits, so a string
 * or binary value announced with more items than bytes left cannot be there.
 */
final class BoundedDecoderChannel extends BitDecoderChannel {
  /**
   * Octets of the longest integer decoded: 23 seven-bit groups hold 161 bits, enough for the
   * 20-octet serial numbers of RFC 5280 section 4.1.2.2 (X509SerialNumber is the only unbounded
   * xs:integer an ISO 15118 message carries). EXIficient would read any number of octets, at a cost
   * that grows with the square of their count.
   */
  static final int MAX_INTEGER_OCTETS = 23;

  private final BoundedInput input;

  BoundedDecoderChannel(BoundedInput input) {
    super(input);
    this.input = input;
  }

  BoundedInput input() {
    return input;
  }

  /**
   * Refuses {@code count} {@code items} of at least {@code bitsEach} bits each that the rest of the
   * input cannot hold; a negative count is an Unsigned Integer that overflowed an int.
   */
  void requireBits(String what, String items, long count, int bitsEach) throws ExiLimitException {
    requireBits(what, items, count, bitsEach, 0);
  }

  /** As above, with the first {@code free} items allowed even if they took no bits. */
  void requireBits(String what, String items, long count, int bitsEach, int free)
      throws ExiLimitException {
    if (count < 0) {
      throw new ExiLimitException(what + " announces more than 2^31 " + items);
    }
    long available = 8L * input.remaining() + 7; // up to 7 bits of the last byte may be unread
    if ((count - free) * bitsEach > available) {
      throw new ExiLimitException(
          what
              + " of "
              + count
              + " "
              + items
              + " cannot fit in the "
              + input.remaining()
              + " bytes left");
    }
  }

  @Override
  public char[] decodeStringOnly(int length) throws IOException {
    requireBits("a string", "characters", length, 8);
    return super.decodeStringOnly(length);
  }

  @Override
  public byte[] decodeBinary() throws IOException {
    int length = decodeUnsignedInteger();
    requireBits("a binary value", "bytes", length, 8);
    byte[] value = new byte[length];
    istream.read(value, 0, length);
    return value;
  }

  @Override
  public IntegerValue decodeUnsignedIntegerValue() throws IOException {
    return integer(false);
  }

  @Override
  public IntegerValue decodeIntegerValue() throws IOException {
    return integer(decodeBoolean());
  }

  @Override
  public DecimalValue decodeDecimalValue() throws IOException {
    boolean negative = decodeBoolean();
    IntegerValue integral = integer(false);
    return new DecimalValue(negative, integral, integer(false));
  }

  /**
   * An Unsigned Integer (seven-bit groups, least significant first, the high bit set on all but the
   * last; EXI 1.0 section 7.1.6), negated as an Integer's sign says (section 7.1.5: a negative
   * value is sent as its magnitude minus 1).
   */
  private IntegerValue integer(boolean negative) throws IOException {
    int[] groups = new int[MAX_INTEGER_OCTETS];
    int count = 0;
    int octet;
    do {
      if (count == MAX_INTEGER_OCTETS) {
        throw new ExiLimitException(
            "an integer longer than " + MAX_INTEGER_OCTETS + " octets is not decoded");
      }
      octet = decode();
      groups[count++] = octet & 0x7f;
    } while (octet >= 0x80);
    if (count <= 9) { // 63 bits: a long
      long value = 0;
      for (int i = count - 1; i >= 0; i--) {
        value = value << 7 | groups[i];
      }
      return IntegerValue.valueOf(negative ? -value - 1 : value);
    }
    BigInteger value = BigInteger.ZERO;
    for (int i = count - 1; i >= 0; i--) {
      value = value.shiftLeft(7).or(BigInteger.valueOf(groups[i]));
    }
    return IntegerValue.valueOf(negative ? value.add(BigInteger.ONE).negate() : value);
  }
}
