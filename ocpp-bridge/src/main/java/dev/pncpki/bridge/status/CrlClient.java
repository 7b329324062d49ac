package dev.pncpki.bridge.status;

import dev.pncpki.bridge.crypto.Verifiers;
import dev.pncpki.runtime.text.PlainText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Fetches the CRL a certificate names in its cRLDistributionPoints, for a certificate whose chain
 * validated to a trusted root and whose OCSP responder gave no status (or that names none). A CRL
 * counts only if its issuer is the certificate's issuer and that issuer's key signed it (RFC 5280
 * section 6.3.3 (f) and (g)), its thisUpdate is not in the future and its nextUpdate has not
 * passed. It is kept until its nextUpdate (at most {@link #MAX_KEPT}); a distribution point that
 * failed is not asked again for {@link OcspClient#RESTING}.
 */
final class CrlClient {
  /** No CRL to decide with. */
  static final class CrlException extends Exception {
    private static final long serialVersionUID = 1L;

    CrlException(String message) {
      super(message);
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final Duration MAX_KEPT = Duration.ofHours(24);
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  private static final int MAX_BYTES = 4 * 1024 * 1024;
  private static final int MAX_CACHED = 1_000;

  private record Kept(X509CRLHolder crl, Instant until) {}

  private final HttpClient http;
  private final Clock clock;
  private final Map<String, Kept> kept = new ConcurrentHashMap<>();
  private final Map<String, Instant> resting = new ConcurrentHashMap<>();

  CrlClient(HttpClient http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /** Whether {@code certificate} is on its issuer's CRL at {@code url}. */
  boolean revoked(String url, X509CertificateHolder certificate, X509CertificateHolder issuer)
      throws CrlException {
    X509CRLHolder crl = crl(url, issuer);
    return crl.getRevokedCertificate(certificate.getSerialNumber()) != null;
  }

  private X509CRLHolder crl(String url, X509CertificateHolder issuer) throws CrlException {
    Instant now = clock.instant();
    String key = url + " " + issuer.getSubject();
    Kept k = kept.get(key);
    if (k != null && now.isBefore(k.until())) {
      return k.crl();
    }
    Instant rest = resting.get(url);
    if (rest != null && now.isBefore(rest)) {
      throw new CrlException("the CRL at " + printable(url) + " failed just now");
    }
    try {
      X509CRLHolder crl = verified(fetch(url), issuer, now);
      Instant next = crl.getNextUpdate().toInstant();
      Instant until = next.isBefore(now.plus(MAX_KEPT)) ? next : now.plus(MAX_KEPT);
      if (kept.size() >= MAX_CACHED) {
        kept.clear();
      }
      kept.put(key, new Kept(crl, until));
      resting.remove(url);
      return crl;
    } catch (CrlException e) {
      resting.put(url, now.plus(OcspClient.RESTING));
      throw e;
    }
  }

  private byte[] fetch(String url) throws CrlException {
    URI target;
    try {
      target = new URI(url);
    } catch (URISyntaxException e) {
      throw new CrlException("unreadable CRL URL");
    }
    String scheme = String.valueOf(target.getScheme()).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
      throw new CrlException("the CRL URL is not http: " + printable(url));
    }
    try {
      HttpResponse<InputStream> response =
          http.send(
              HttpRequest.newBuilder(target)
                  .timeout(TIMEOUT)
                  .version(HttpClient.Version.HTTP_1_1)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        byte[] body = in.readNBytes(MAX_BYTES + 1);
        if (response.statusCode() != 200) {
          throw new CrlException("the CRL URL answered HTTP " + response.statusCode());
        }
        if (body.length > MAX_BYTES) {
          throw new CrlException("the CRL is larger than " + MAX_BYTES + " bytes");
        }
        return body;
      }
    } catch (IOException e) {
      throw new CrlException("the CRL cannot be fetched: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CrlException("interrupted");
    }
  }

  private static X509CRLHolder verified(byte[] der, X509CertificateHolder issuer, Instant now)
      throws CrlException {
    X509CRLHolder crl;
    try {
      crl = new X509CRLHolder(der);
    } catch (IOException | RuntimeException e) {
      throw new CrlException("not a CRL: " + e.getMessage());
    }
    if (!crl.getIssuer().equals(issuer.getSubject())) {
      throw new CrlException("the CRL is not the certificate issuer's");
    }
    try {
      if (!crl.isSignatureValid(Verifiers.of(issuer.getSubjectPublicKeyInfo()))) {
        throw new CrlException("the CRL is not signed by the certificate's issuer");
      }
    } catch (org.bouncycastle.operator.OperatorCreationException
        | org.bouncycastle.cert.CertException
        | RuntimeException e) {
      throw new CrlException("the CRL's signature cannot be checked: " + e.getMessage());
    }
    if (crl.getThisUpdate().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
      throw new CrlException("the CRL's thisUpdate is in the future");
    }
    if (crl.getNextUpdate() == null || crl.getNextUpdate().toInstant().isBefore(now)) {
      throw new CrlException("the CRL is out of date (nextUpdate passed or absent)");
    }
    return crl;
  }

  private static String printable(String text) {
    return PlainText.cleaned(text);
  }
}
