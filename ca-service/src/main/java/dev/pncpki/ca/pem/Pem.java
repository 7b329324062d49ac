package dev.pncpki.ca.pem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * PEM text of certificates, one block each, in the order given: RFC 7468's strict form (64
 * characters a line, LF line ends), which is what OpenSSL writes.
 */
public final class Pem {
  private static final Base64.Encoder LINES =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {}

  public static String of(X509CertificateHolder certificate) {
    return of(List.of(certificate));
  }

  public static String of(List<X509CertificateHolder> certificates) {
    var out = new StringBuilder(certificates.size() * 900);
    for (X509CertificateHolder c : certificates) {
      out.append("-----BEGIN CERTIFICATE-----\n")
          .append(LINES.encodeToString(der(c)))
          .append("\n-----END CERTIFICATE-----\n");
    }
    return out.toString();
  }

  private static byte[] der(X509CertificateHolder c) {
    try {
      return c.getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
