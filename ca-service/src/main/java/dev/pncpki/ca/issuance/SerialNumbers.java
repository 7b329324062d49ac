package dev.pncpki.ca.issuance;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Random certificate serial numbers: 16 bytes from a CSPRNG with the top bit cleared, so the DER
 * INTEGER is positive and at most 17 octets (RFC 5280 4.1.2.2 allows 20) and carries 127 bits of
 * entropy, well above the 64 bits this CA promises.
 */
public final class SerialNumbers {
  private SerialNumbers() {}

  public static BigInteger random(SecureRandom random) {
    byte[] bytes = new byte[16];
    BigInteger serial;
    do {
      random.nextBytes(bytes);
      bytes[0] &= 0x7f;
      serial = new BigInteger(1, bytes);
    } while (serial.bitLength() < 64);
    return serial;
  }
}
