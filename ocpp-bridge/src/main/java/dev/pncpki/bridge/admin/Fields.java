package dev.pncpki.bridge.admin;

/** The checks of request fields that every admin call shares. */
final class Fields {
  private Fields() {}

  /** The value, or a malformed-request problem naming the missing field. */
  static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw Problem.MALFORMED_REQUEST.because(name + " is required");
    }
    return value;
  }

  /** A number within bounds, or a malformed-request problem saying which. */
  static int within(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw Problem.MALFORMED_REQUEST.because(name + " is " + min + " to " + max);
    }
    return value;
  }
}
