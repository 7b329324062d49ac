package dev.pncpki.bridge.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the CA hierarchy through the CA's public REST API ({@code GET /v1/cas}, no credential):
 * CA certificates ending within {@link AlertSettings#caCertificateWindow()}, and each CA's CRL
 * fetched from its published URL, as relying parties fetch it, with a nextUpdate within {@link
 * AlertSettings#crlWindow()} or passed. A CRL that cannot be fetched or read is alerted too: to a
 * relying party it is as bad as a stale one.
 *
 * <p>The CRL's signature is not verified: this watches freshness, it does not decide trust.
 */
public final class CaWatch implements Check {
  private static final Logger LOG = LoggerFactory.getLogger(CaWatch.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Far above any CRL of this PKI; a bound so a wrong URL cannot fill the heap. */
  private static final int MAX_CRL_BYTES = 16 * 1024 * 1024;

  private static final Set<Alert.Kind> KINDS =
      Set.of(Alert.Kind.CA_CERTIFICATE_EXPIRING, Alert.Kind.CRL_NEAR_NEXT_UPDATE);

  private final URI cas;
  private final AlertSettings settings;
  private final HttpClient http;
  private final Clock clock;

  public CaWatch(URI caBase, AlertSettings settings, HttpClient http, Clock clock) {
    String base = caBase.toString();
    this.cas = URI.create((base.endsWith("/") ? base : base + "/") + "v1/cas");
    this.settings = settings;
    this.http = http;
    this.clock = clock;
  }

  @Override
  public Set<Alert.Kind> kinds() {
    return KINDS;
  }

  /**
   * @throws IOException if the CA list cannot be read (the hub then keeps the previous alerts)
   */
  @Override
  public List<Alert> current() throws IOException, InterruptedException {
    Instant now = clock.instant();
    List<Alert> alerts = new ArrayList<>();
    Map<String, List<String>> casByCrl = new LinkedHashMap<>();
    for (JsonNode ca : listCas()) {
      String id = ca.path("id").asText("");
      Instant notAfter;
      try {
        notAfter = Instant.parse(ca.path("notAfter").asText(""));
      } catch (DateTimeParseException e) {
        LOG.warn("CA list: CA \"{}\" has no readable notAfter, skipped", LogSink.clean(id));
        continue;
      }
      if (notAfter.isBefore(now.plus(settings.caCertificateWindow()))) {
        alerts.add(Alert.caExpiring(id, notAfter, now));
      }
      String crlUrl = ca.path("crlUrl").asText("");
      if (!crlUrl.isEmpty()) {
        casByCrl.computeIfAbsent(crlUrl, u -> new ArrayList<>()).add(id);
      }
    }
    for (var entry : casByCrl.entrySet()) {
      String url = entry.getKey();
      try {
        Instant nextUpdate = nextUpdate(url);
        if (nextUpdate.isBefore(now.plus(settings.crlWindow()))) {
          entry
              .getValue()
              .forEach(id -> alerts.add(Alert.crlNearNextUpdate(id, url, nextUpdate, now)));
        }
      } catch (IOException e) {
        entry.getValue().forEach(id -> alerts.add(Alert.crlUnavailable(id, url, reason(e), now)));
      }
    }
    return alerts;
  }

  private JsonNode listCas() throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(cas)
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("CA list " + cas + ": HTTP " + response.statusCode());
    }
    JsonNode list = JSON.readTree(response.body());
    if (!list.isArray()) {
      throw new IOException("CA list " + cas + ": not a JSON array");
    }
    return list;
  }

  /** Fetches and reads one CRL; every way that fails is an IOException with the reason. */
  private Instant nextUpdate(String url) throws IOException, InterruptedException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IOException("not a URI", e);
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new IOException("only http and https CRL URLs are fetched");
    }
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    byte[] der;
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      der = body.readNBytes(MAX_CRL_BYTES + 1);
    }
    if (der.length > MAX_CRL_BYTES) {
      throw new IOException("larger than " + MAX_CRL_BYTES + " bytes");
    }
    X509CRL crl;
    try {
      crl =
          (X509CRL)
              CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    } catch (CRLException | CertificateException e) {
      throw new IOException("not a CRL: " + e.getMessage(), e);
    }
    if (crl.getNextUpdate() == null) {
      throw new IOException("the CRL has no nextUpdate");
    }
    return crl.getNextUpdate().toInstant();
  }

  private static String reason(IOException e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return e.getClass() == IOException.class
        ? message
        : e.getClass().getSimpleName() + ": " + message;
  }
}
