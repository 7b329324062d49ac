package dev.pncpki.ca.pem;

import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Certificates as the contract API takes them: base64 DER (Open Plug&Charge style), or PEM. A field
 * that is neither is refused with its name.
 */
public final class CertificateInput {
  private CertificateInput() {}

  public static X509CertificateHolder decode(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new RefusedException(Refusal.MALFORMED_REQUEST, field + " is missing");
    }
    String text = value.strip();
    if (text.startsWith("-----BEGIN CERTIFICATE-----")) {
      text =
          text.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(text);
      if (der.length == 0) {
        throw new IOException("empty");
      }
      return new X509CertificateHolder(der);
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      throw new RefusedException(
          Refusal.BAD_CERTIFICATE, field + " is not a base64 DER (or PEM) X.509 certificate");
    }
  }

  public static byte[] der(X509CertificateHolder certificate) {
    try {
      return certificate.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A SHA-256 fingerprint as operators and openssl write it (hex in any case, colons or spaces
   * between bytes), as this service writes it: 64 lower-case hex digits.
   *
   * @throws RefusedException MALFORMED_REQUEST naming {@code field} if it is not one
   */
  public static String sha256Fingerprint(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST, field + " is missing: the SHA-256 fingerprint of a root");
    }
    String hex = value.strip().replace(":", "").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    if (hex.length() != 64 || !hex.chars().allMatch(java.util.HexFormat::isHexDigit)) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST,
          field + " is not a SHA-256 fingerprint (32 bytes of hex, colons allowed)");
    }
    return hex;
  }

  /** SHA-256 fingerprint of the DER encoding, lower-case hex. */
  public static String fingerprint(byte[] der) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
