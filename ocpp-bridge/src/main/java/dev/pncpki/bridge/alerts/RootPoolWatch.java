package dev.pncpki.bridge.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the CA's root certificate pool ({@code GET /v1/root/rootCerts}, with the bridge's CA
 * token): a pooled root that ends within {@link AlertSettings#caCertificateWindow()}, or has ended,
 * is an alert, since the stations that trust it and the contracts under it fail with it.
 */
public final class RootPoolWatch implements Check {
  private static final Logger LOG = LoggerFactory.getLogger(RootPoolWatch.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** A pool of thousands of roots stays far below this; a bound so a wrong URL cannot fill heap. */
  private static final int MAX_BYTES = 8 * 1024 * 1024;

  private final URI pool;
  private final String token;
  private final AlertSettings settings;
  private final HttpClient http;
  private final Clock clock;

  public RootPoolWatch(
      URI caBase, String token, AlertSettings settings, HttpClient http, Clock clock) {
    String base = caBase.toString();
    this.pool =
        URI.create((base.endsWith("/") ? base : base + "/") + "v1/root/rootCerts?includeOcpp=true");
    this.token = token;
    this.settings = settings;
    this.http = http;
    this.clock = clock;
  }

  @Override
  public Set<Alert.Kind> kinds() {
    return Set.of(Alert.Kind.ROOT_EXPIRING);
  }

  /**
   * @throws IOException if the pool cannot be read (the hub then keeps the previous alerts)
   */
  @Override
  public List<Alert> current() throws IOException, InterruptedException {
    Instant now = clock.instant();
    Instant limit = now.plus(settings.caCertificateWindow());
    List<Alert> alerts = new ArrayList<>();
    for (JsonNode root : roots()) {
      String id = root.path("rootCertificateId").asText("");
      Instant validTo;
      try {
        validTo = Instant.parse(root.path("validTo").asText(""));
      } catch (DateTimeParseException e) {
        LOG.warn("root pool: root \"{}\" has no readable validTo, skipped", LogSink.clean(id));
        continue;
      }
      if (!id.isBlank() && validTo.isBefore(limit)) {
        alerts.add(
            Alert.rootExpiring(
                id,
                root.path("rootType").asText("?"),
                root.path("distinguishedName").asText(id),
                validTo,
                now));
      }
    }
    return alerts;
  }

  private JsonNode roots() throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(pool)
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("GET " + pool + " answered " + response.statusCode());
      }
      byte[] bytes = body.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException("GET " + pool + " answered more than " + MAX_BYTES + " bytes");
      }
      return JSON.readTree(bytes).path("RootCertificateCollection").path("rootCertificates");
    }
  }
}
