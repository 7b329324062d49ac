package dev.pncpki.bridge.status;

import dev.pncpki.bridge.fetch.BoundedFetch;
import dev.pncpki.runtime.text.PlainText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks OCSP responders on a station's behalf, never one a station merely names. A responder URL is
 * asked only if it is the CA's own ({@code /ocsp/} under the configured prefix, asked at the CA's
 * address) or was named by a certificate that validated to a trusted root ({@link #askNamed}); such
 * URLs are remembered, so that a station's hash data naming the same responder may be asked later.
 * Anything else is refused without a request: a station cannot make the bridge send requests to any
 * address it likes.
 *
 * <p>A responder is given {@link #TIMEOUT} for its whole answer, redirects are not followed, and an
 * answer over 64 KiB is refused. One that could not be reached, ran out of time or answered another
 * HTTP status is not asked again for {@link #RESTING}: the answer "no status" then comes at once
 * instead of after another timeout.
 */
public final class OcspClient {
  /** No answer to hand to the station. */
  public static final class OcspException extends Exception {
    private static final long serialVersionUID = 1L;

    OcspException(String message) {
      super(message);
    }
  }

  static final Duration TIMEOUT = Duration.ofSeconds(3);
  static final Duration RESTING = Duration.ofSeconds(30);
  private static final int MAX_BYTES = 64 * 1024;
  private static final int MAX_REMEMBERED = 10_000;

  private final String allowedPrefix;
  private final String caOcsp;
  private final HttpClient http;
  private final Clock clock;
  private final NamedUrls named = new NamedUrls(MAX_REMEMBERED);
  private final Map<String, Instant> resting = new ConcurrentHashMap<>();

  public OcspClient(String allowedPrefix, String caUrl, HttpClient http) {
    this(allowedPrefix, caUrl, http, Clock.systemUTC());
  }

  OcspClient(String allowedPrefix, String caUrl, HttpClient http, Clock clock) {
    this.allowedPrefix = allowedPrefix;
    this.caOcsp = caUrl + "/ocsp/";
    this.http = http;
    this.clock = clock;
  }

  /** Asks the responder a station named (hash data, GetCertificateStatus), if it may be asked. */
  byte[] ask(String responderUrl, byte[] request) throws OcspException {
    if (responderUrl != null && named.contains(responderUrl)) {
      return post(URI.create(responderUrl), request);
    }
    return post(own(responderUrl), request);
  }

  /**
   * Asks the responder a certificate names in its authorityInfoAccess; the caller has validated
   * that certificate's chain to a trusted root. Only http and https URLs are asked.
   */
  byte[] askNamed(String responderUrl, byte[] request) throws OcspException {
    if (responderUrl.startsWith(allowedPrefix)) {
      return post(own(responderUrl), request);
    }
    URI target;
    try {
      target = new URI(responderUrl);
    } catch (java.net.URISyntaxException e) {
      throw new OcspException("the certificate names an unreadable responder URL");
    }
    String scheme = String.valueOf(target.getScheme()).toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
      throw new OcspException(
          "the certificate's responder is not an http URL: " + printable(responderUrl));
    }
    named.add(responderUrl);
    return post(target, request);
  }

  /** Whether {@code responderUrl} is one of the CA's own responders. */
  boolean isOwn(String responderUrl) {
    try {
      own(responderUrl);
      return true;
    } catch (OcspException e) {
      return false;
    }
  }

  /** The CA's address for one of its own responders, or why the URL is not one. */
  private URI own(String responderUrl) throws OcspException {
    if (responderUrl == null
        || !responderUrl.startsWith(allowedPrefix)
        || !responderUrl.substring(allowedPrefix.length()).matches("[a-z0-9-]{1,59}")) {
      // the station's text goes into log lines: no control character may forge another line
      throw new OcspException(
          "responderURL "
              + printable(String.valueOf(responderUrl))
              + " is neither this CA's OCSP responder nor one a validated certificate names");
    }
    return URI.create(caOcsp + responderUrl.substring(allowedPrefix.length()));
  }

  private static String printable(String text) {
    return PlainText.cleaned(text);
  }

  private byte[] post(URI target, byte[] request) throws OcspException {
    String responder = target.getScheme() + "://" + target.getAuthority();
    Instant until = resting.get(responder);
    if (until != null && clock.instant().isBefore(until)) {
      throw new OcspException(
          "the responder " + printable(responder) + " failed just now; asked again after " + until);
    }
    try {
      BoundedFetch.Fetched response =
          BoundedFetch.send(
              http,
              HttpRequest.newBuilder(target)
                  .timeout(TIMEOUT)
                  // plain HTTP/1.1: no h2c upgrade headers, which simple responders do not expect
                  .version(HttpClient.Version.HTTP_1_1)
                  .header("Content-Type", "application/ocsp-request")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                  .build(),
              MAX_BYTES,
              TIMEOUT);
      if (response.status() != 200) {
        resting.put(responder, clock.instant().plus(RESTING));
        throw new OcspException("the responder answered HTTP " + response.status());
      }
      resting.remove(responder);
      return response.body();
    } catch (IOException | IllegalArgumentException e) {
      resting.put(responder, clock.instant().plus(RESTING));
      throw new OcspException("the responder cannot be reached: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OcspException("interrupted");
    }
  }
}
