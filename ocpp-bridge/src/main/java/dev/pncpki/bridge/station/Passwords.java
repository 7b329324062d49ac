package dev.pncpki.bridge.station;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Station passwords: what a password given by an admin must be, and a strong one made when none is
 * given. OCPP 2.0.1 takes a passwordString of 16 to 40 characters as the SecurityCtrlr's
 * BasicAuthPassword (Part 2, A00 and A01); OCPP 1.6 sets its AuthorizationKey as at most 40 hex
 * digits (security whitepaper, section 2). A made password is 40 hex digits, 160 random bits: valid
 * for both versions.
 */
public final class Passwords {
  public static final int MIN_LENGTH = 16;
  public static final int MAX_LENGTH = 40;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Passwords() {}

  /** 40 random hex digits. */
  public static String generate() {
    byte[] bytes = new byte[20];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Why the password cannot be a station's, or empty if it can. */
  public static Optional<StationRefusal> problem(String password) {
    if (password.length() < MIN_LENGTH) {
      return Optional.of(
          new StationRefusal(
              StationRefusal.Reason.PASSWORD_TOO_SHORT,
              "a station password has at least "
                  + MIN_LENGTH
                  + " characters (OCPP 2.0.1 passwordString); this one has "
                  + password.length()));
    }
    if (password.length() > MAX_LENGTH || !password.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return Optional.of(
          new StationRefusal(
              StationRefusal.Reason.INVALID_PASSWORD,
              "a station password is at most "
                  + MAX_LENGTH
                  + " printable ASCII characters without spaces"));
    }
    return Optional.empty();
  }
}
