package dev.pncpki.bridge.status;

import dev.pncpki.runtime.text.PlainText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks the CA's OCSP responder on a station's behalf. Only responder URLs under the configured
 * prefix (the CA's {@code /ocsp/}) are asked: a station cannot make the bridge send requests to any
 * address it likes.
 */
public final class OcspClient {
  /** No answer to hand to the station. */
  public static final class OcspException extends Exception {
    private static final long serialVersionUID = 1L;

    OcspException(String message) {
      super(message);
    }
  }

  private static final int MAX_BYTES = 64 * 1024;
  private final String allowedPrefix;
  private final String caOcsp;
  private final HttpClient http;

  public OcspClient(String allowedPrefix, String caUrl, HttpClient http) {
    this.allowedPrefix = allowedPrefix;
    this.caOcsp = caUrl + "/ocsp/";
    this.http = http;
  }

  byte[] ask(String responderUrl, byte[] request) throws OcspException {
    if (responderUrl == null
        || !responderUrl.startsWith(allowedPrefix)
        || !responderUrl.substring(allowedPrefix.length()).matches("[a-z0-9-]{1,59}")) {
      // the station's text goes into log lines: no control character may forge another line
      throw new OcspException(
          "responderURL "
              + PlainText.cleaned(String.valueOf(responderUrl))
              + " is not this CA's OCSP responder");
    }
    URI target = URI.create(caOcsp + responderUrl.substring(allowedPrefix.length()));
    try {
      HttpResponse<InputStream> response =
          http.send(
              HttpRequest.newBuilder(target)
                  .timeout(Duration.ofSeconds(5))
                  .header("Content-Type", "application/ocsp-request")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_BYTES);
      }
      if (response.statusCode() != 200) {
        throw new OcspException("the responder answered HTTP " + response.statusCode());
      }
      return body;
    } catch (IOException | IllegalArgumentException e) {
      throw new OcspException("the responder cannot be reached: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OcspException("interrupted");
    }
  }
}
