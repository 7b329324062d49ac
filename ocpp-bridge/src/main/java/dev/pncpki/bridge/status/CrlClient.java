package dev.pncpki.bridge.status;

import dev.pncpki.bridge.crypto.Verifiers;
import dev.pncpki.bridge.fetch.BoundedFetch;
import dev.pncpki.runtime.text.PlainText;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Fetches the CRL a certificate names in its cRLDistributionPoints, for a certificate whose chain
 * validated to a trusted root and whose OCSP responder gave no status (or that names none). A CRL
 * counts only if its issuer is the certificate's issuer and that issuer's key signed it (RFC 5280
 * section 6.3.3 (f) and (g)), its thisUpdate is not in the future and its nextUpdate has not
 * passed; a partitioned or delta CRL is not read. It is kept, as the serials it revokes, until its
 * nextUpdate (at most {@link #MAX_KEPT}); a distribution point that could not be reached is not
 * asked again for {@link OcspClient#RESTING}. A station may later ask about a distribution point
 * such a certificate named (OCPP 2.1 GetCertificateChainStatus), never about any other.
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

  /** The most revoked serials kept over all CRLs (tens of MB at most). */
  private static final long MAX_SERIALS = 1_000_000;

  /** A verified CRL, as the serials it revokes, until when it is used. */
  private record Kept(Set<BigInteger> revoked, Instant until) {}

  /** What a CRL says of one serial, and until when that holds (the CRL's nextUpdate, capped). */
  record Answer(boolean revoked, Instant until) {}

  private static final int MAX_NAMED = 10_000;

  private final HttpClient http;
  private final Clock clock;
  private final Map<String, Kept> kept = new ConcurrentHashMap<>();

  /** The distribution points certificates named whose chains validated. */
  private final NamedUrls named = new NamedUrls(MAX_NAMED);

  private final Map<String, Instant> resting = new ConcurrentHashMap<>();

  CrlClient(HttpClient http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /**
   * Whether {@code certificate}, of a chain that validated, is on its issuer's CRL at {@code url}
   * (the distribution point it names, which is remembered as one that may be asked again).
   */
  boolean revoked(String url, X509CertificateHolder certificate, X509CertificateHolder issuer)
      throws CrlException {
    named.add(url);
    return crl(url, issuer).revoked().contains(certificate.getSerialNumber());
  }

  /**
   * What the CRL at {@code url} says of {@code serial} of {@code issuer}, for a station that names
   * the URL: only a distribution point a validated certificate named before is fetched; any other
   * is refused without a request.
   */
  Answer statusAt(String url, BigInteger serial, X509CertificateHolder issuer) throws CrlException {
    if (!named.contains(url)) {
      throw new CrlException(
          "the CRL URL "
              + printable(url)
              + " is not one a certificate of a validated chain names; not fetched");
    }
    Kept k = crl(url, issuer);
    return new Answer(k.revoked().contains(serial), k.until());
  }

  private Kept crl(String url, X509CertificateHolder issuer) throws CrlException {
    Instant now = clock.instant();
    // per issuer key: a CRL checked against one key is never taken for another's
    String key =
        url
            + " "
            + java.util.HexFormat.of()
                .formatHex(issuer.getSubjectPublicKeyInfo().getPublicKeyData().getBytes())
            + " "
            + issuer.getSubject();
    Kept k = kept.get(key);
    if (k != null && now.isBefore(k.until())) {
      return k;
    }
    Instant rest = resting.get(url);
    if (rest != null && now.isBefore(rest)) {
      throw new CrlException("the CRL at " + printable(url) + " failed just now");
    }
    byte[] der;
    try {
      der = fetch(url);
    } catch (CrlException e) {
      resting.put(url, now.plus(OcspClient.RESTING)); // unreachable: rests; a wrong CRL does not
      throw e;
    }
    resting.remove(url);
    X509CRLHolder crl = verified(der, issuer, now);
    Set<BigInteger> revoked = new HashSet<>();
    for (Object entry : crl.getRevokedCertificates()) {
      revoked.add(((org.bouncycastle.cert.X509CRLEntryHolder) entry).getSerialNumber());
    }
    Instant next = crl.getNextUpdate().toInstant();
    Instant until = next.isBefore(now.plus(MAX_KEPT)) ? next : now.plus(MAX_KEPT);
    Kept fresh = new Kept(Set.copyOf(revoked), until);
    synchronized (kept) {
      long held = kept.values().stream().mapToLong(v -> v.revoked().size()).sum();
      if (kept.size() >= MAX_CACHED || held + revoked.size() > MAX_SERIALS) {
        kept.clear();
      }
      kept.put(key, fresh);
    }
    return fresh;
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
      BoundedFetch.Fetched response =
          BoundedFetch.send(
              http,
              HttpRequest.newBuilder(target)
                  .timeout(TIMEOUT)
                  .version(HttpClient.Version.HTTP_1_1)
                  .GET()
                  .build(),
              MAX_BYTES,
              TIMEOUT);
      if (response.status() != 200) {
        throw new CrlException("the CRL URL answered HTTP " + response.status());
      }
      return response.body();
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
    if (crl.getExtension(org.bouncycastle.asn1.x509.Extension.issuingDistributionPoint) != null
        || crl.getExtension(org.bouncycastle.asn1.x509.Extension.deltaCRLIndicator) != null) {
      throw new CrlException(
          "the CRL is partitioned or a delta CRL (RFC 5280 5.2.4, 5.2.5), which is not read");
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
