package dev.pncpki.bridge.station;

import dev.pncpki.runtime.text.PlainText;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Which client certificate is a profile-3 station's (OCPP 2.0.1 A00.FR.405: the certificate names
 * the station's serial number in its CN): one whose subject CN is the given name, or one exact
 * certificate, by its SHA-256 fingerprint (a manufacturer-installed certificate, say). Either way
 * the TLS layer has verified the certificate's chain first, and its O must be the CPO's
 * (A00.FR.404).
 */
public sealed interface CertificateBinding {
  /**
   * Whether a verified client certificate with this CN and DER SHA-256 (lower-case hex) is the
   * station's.
   */
  boolean matches(String commonName, String sha256);

  /** The CN the certificate must carry. */
  record CommonName(String value) implements CertificateBinding {
    /** RFC 5280 ub-common-name. */
    static final int MAX_LENGTH = 64;

    public CommonName {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("the certificate's common name is empty");
      }
      if (value.length() > MAX_LENGTH) {
        throw new IllegalArgumentException(
            "the certificate's common name is at most " + MAX_LENGTH + " characters (RFC 5280)");
      }
      PlainText.problem(value)
          .ifPresent(
              p -> {
                throw new IllegalArgumentException("the certificate's common name " + p);
              });
    }

    @Override
    public boolean matches(String commonName, String sha256) {
      return value.equals(commonName);
    }

    @Override
    public String toString() {
      return "CN=" + value;
    }
  }

  /** The SHA-256 of the one certificate (DER), as 64 lower-case hex digits. */
  record Fingerprint(String sha256) implements CertificateBinding {
    public Fingerprint {
      if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("a SHA-256 fingerprint is 64 hex digits");
      }
    }

    /** From hex in either case, with or without ':' between the bytes (as openssl prints it). */
    public static Fingerprint ofHex(String hex) {
      return new Fingerprint(hex.replace(":", "").strip().toLowerCase(Locale.ROOT));
    }

    public static Fingerprint of(byte[] sha256) {
      return new Fingerprint(HexFormat.of().formatHex(sha256));
    }

    public byte[] bytes() {
      return HexFormat.of().parseHex(sha256);
    }

    @Override
    public boolean matches(String commonName, String fingerprint) {
      return java.security.MessageDigest.isEqual(
          sha256.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
          fingerprint.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
      return "SHA-256 " + sha256.toUpperCase(Locale.ROOT);
    }
  }
}
