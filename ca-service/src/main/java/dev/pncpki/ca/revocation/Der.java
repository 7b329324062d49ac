package dev.pncpki.ca.revocation;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The few DER encodings (X.690 10) a CRL is written with when it is streamed instead of held as one
 * Bouncy Castle object: definite lengths, INTEGER, and the two X.509 time forms.
 */
final class Der {
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int SEQUENCE = 0x30;
  private static final int UTC_TIME = 0x17;
  private static final int GENERALIZED_TIME = 0x18;

  private Der() {}

  /** Tag and definite length (X.690 8.1.3: short form below 128, else the fewest octets). */
  static byte[] header(int tag, long length) {
    if (length < 0 || length > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("DER length out of range: " + length);
    }
    if (length < 128) {
      return new byte[] {(byte) tag, (byte) length};
    }
    int octets = (64 - Long.numberOfLeadingZeros(length) + 7) / 8;
    byte[] out = new byte[2 + octets];
    out[0] = (byte) tag;
    out[1] = (byte) (0x80 | octets);
    for (int i = 0; i < octets; i++) {
      out[2 + i] = (byte) (length >>> (8 * (octets - 1 - i)));
    }
    return out;
  }

  static byte[] tlv(int tag, byte[] content) {
    return concat(header(tag, content.length), content);
  }

  /** Two's complement, minimal octets: BigInteger's own form is DER's (X.690 8.3.2). */
  static byte[] integer(BigInteger value) {
    return tlv(INTEGER, value.toByteArray());
  }

  /**
   * RFC 5280 5.1.2.4 and 4.1.2.5: UTCTime for the years 1950 to 2049, GeneralizedTime from 2050,
   * both in seconds and Zulu. Fractions of a second are dropped.
   */
  static byte[] time(Instant instant) {
    ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
    int year = t.getYear();
    if (year < 1950 || year > 9999) {
      throw new IllegalArgumentException("time out of range for a CRL: " + instant);
    }
    boolean utc = year < 2050;
    String text =
        (utc ? two(year % 100) : String.valueOf(year))
            + two(t.getMonthValue())
            + two(t.getDayOfMonth())
            + two(t.getHour())
            + two(t.getMinute())
            + two(t.getSecond())
            + "Z";
    return tlv(utc ? UTC_TIME : GENERALIZED_TIME, text.getBytes(StandardCharsets.US_ASCII));
  }

  private static String two(int value) {
    return value < 10 ? "0" + value : String.valueOf(value);
  }

  static byte[] concat(byte[]... parts) {
    var out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
