package dev.pncpki.bridge.trust;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A root certificate named by its SHA-256 fingerprint (as the CA's root pool and ceremony-import
 * name roots): 64 hex digits, written lower-case; colons and upper case as openssl prints them are
 * accepted on the way in.
 */
public record RootFingerprint(String hex) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public RootFingerprint {
    if (hex == null || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException(
          "a root is named by its SHA-256 fingerprint: 64 hex digits (colons allowed)");
    }
  }

  /** Reads a fingerprint as a person or openssl writes it. */
  public static RootFingerprint parse(String text) {
    return new RootFingerprint(
        text == null ? null : text.strip().replace(":", "").toLowerCase(Locale.ROOT));
  }

  /** The fingerprint of a certificate's DER. */
  public static RootFingerprint of(byte[] der) {
    try {
      return new RootFingerprint(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return hex;
  }
}
