package dev.pncpki.bridge.station;

import java.util.Arrays;

/**
 * The OCPP security profiles (OCPP 2.0.1 Part 2 A00 section 1.3; 1.6 security whitepaper section
 * 2): how a station proves who it is. They are ordered: a station is only ever moved up (A05),
 * never down.
 */
public enum SecurityProfile {
  /** HTTP Basic, no TLS: trusted networks only. */
  BASIC(1),
  /** HTTP Basic over TLS. */
  BASIC_TLS(2),
  /** TLS with a client certificate. */
  CLIENT_CERTIFICATE(3);

  private final int number;

  SecurityProfile(int number) {
    this.number = number;
  }

  /** The profile's number, as OCPP and the API name it. */
  public int number() {
    return number;
  }

  public boolean needsTls() {
    return this != BASIC;
  }

  public boolean usesPassword() {
    return this != CLIENT_CERTIFICATE;
  }

  public static SecurityProfile of(int number) {
    return Arrays.stream(values())
        .filter(p -> p.number == number)
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("security profile " + number + " is 1, 2 or 3"));
  }
}
