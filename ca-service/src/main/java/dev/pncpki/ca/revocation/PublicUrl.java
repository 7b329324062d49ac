package dev.pncpki.ca.revocation;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The one URL under which relying parties reach the CA's OCSP responder ({@code /ocsp/<CA id>}) and
 * CRLs ({@code /crl/<CA id>.crl}). It is baked into every certificate the CA makes (RFC 5280
 * 4.2.2.1 authority information access, 4.2.1.13 CRL distribution points), so it is configured once
 * and never guessed per request: an http(s) URL with a host, without a trailing slash, query or
 * fragment.
 */
public record PublicUrl(URI uri) {
  public PublicUrl {
    String text = uri.toString();
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || text.endsWith("/")) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not an http(s) URL with a host and without a trailing slash");
    }
  }

  /** Parses a configured value; the message of the exception says what is wrong. */
  public static PublicUrl parse(String text) {
    try {
      return new PublicUrl(new URI(text.strip()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not a URL: " + e.getReason(), e);
    }
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
